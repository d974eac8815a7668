// Training, scalar reference path: FANN's `fann_train`, `fann_train_epoch_*` and weight updates.
//
// Per sample (fann_compute_MSE, fann_backpropagate_MSE): the output difference d = desired − out is
// halved for symmetric activations, d² is added to the float MSE accumulator, |d| ≥ bit_fail_limit
// counts a bit fail; the TANH error function maps d to log((1+d)/(1−d)) (±17 beyond ±0.9999999);
// the output error is f'(out)·d. Errors flow back layer by layer (from the output layer down to the
// second hidden layer's inputs), each hidden error multiplied by its neuron's derivative.
// Slopes accumulate error(target) · value(source) per connection over the epoch.
// Updates (fann_update_weights_*):
// - incremental: Δ = lr·error·value + momentum·Δprev after every sample;
// - batch: w += slope · lr/num_data;
// - iRPROP−: step = clamp(prev·1.2 or prev·0.5), sign change zeroes the slope, w ∓ step, ±1500;
// - quickprop: Fahlman's rule with decay and mu, ±1500;
// - SARPROP: RPROP on −slope − w·2^(−T·epoch + shift), with noise when the step is small.
// `train(_:)` epochs return the MSE accumulated during the epoch, before its weight update.
// Deviation from libfann (documented, deliberate): for sparse nets FANN's incremental update reads
// the wrong source neurons (`prev_neurons[i]` instead of the connection's source); we use the
// connection's source, as FANN's batch path does.

extension Network {
  /// The mean squared error accumulated since the last reset (`fann_get_MSE`).
  ///
  /// ```swift
  /// _ = try net.test(on: data); net.meanSquaredError
  /// ```
  public var meanSquaredError: Float { numMSE == 0 ? 0 : mseValue / Float(numMSE) }

  /// Clears the MSE and bit-fail accumulators (`fann_reset_MSE`).
  ///
  /// ```swift
  /// net.resetMSE()
  /// ```
  public mutating func resetMSE() {
    mseValue = 0
    numMSE = 0
    bitFail = 0
  }

  /// Throws unless every neuron that training differentiates has a trainable activation.
  func checkTrainable() throws(NeuralError) {
    for k in layerStart[1]..<totalNeurons where connectionStart[k + 1] > connectionStart[k] {
      guard activation[k].isTrainable else { throw .invalidArgument(.notTrainable) }
    }
  }

  func checkShape(_ data: TrainingData) throws(NeuralError) {
    guard data.numInputs == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: data.numInputs)
    }
    guard data.numOutputs == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: data.numOutputs)
    }
  }

  /// Runs one sample and accumulates MSE and bit fails without training (`fann_test`).
  ///
  /// ```swift
  /// let out = try net.test([-1, 1], desired: [1])
  /// ```
  public mutating func test(_ input: [Float], desired: [Float]) throws(NeuralError) -> [Float] {
    guard desired.count == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: desired.count)
    }
    let out = try run(input)
    for j in 0..<numOutputs {
      let k = firstOutput + j
      _ = updateMSE(k, desired[j] - out[j])
      numMSE += 1
    }
    return out
  }

  /// The MSE of the network over a data set (`fann_test_data`); also sets ``bitFail``.
  ///
  /// ```swift
  /// let mse = try net.test(on: xor)
  /// ```
  /// - Complexity: O(count · connections).
  public mutating func test(on data: TrainingData) throws(NeuralError) -> Float {
    try checkShape(data)
    resetMSE()
    data.inputs.withUnsafeBufferPointer { inp in
      for d in 0..<data.count {
        forwardReference(inp.baseAddress! + d * numInputs)
        for j in 0..<numOutputs {
          _ = updateMSE(firstOutput + j, data.outputs[d * numOutputs + j] - values[firstOutput + j])
          numMSE += 1
        }
      }
    }
    return meanSquaredError
  }

  /// `fann_update_MSE`: halves d for symmetric functions, accumulates d², counts bit fails.
  @inline(__always)
  mutating func updateMSE(_ neuron: Int, _ diff: Float) -> Float {
    var d = diff
    if activation[neuron].isSymmetric { d /= 2 }
    mseValue += d * d
    if abs(d) >= bitFailLimit { bitFail += 1 }
    return d
  }

  /// Output errors for the current forward pass (`fann_compute_MSE`), into `trainErrors`.
  mutating func computeOutputErrors(_ desired: UnsafePointer<Float>) {
    if trainErrors.count != totalNeurons {
      trainErrors = [Float](repeating: 0, count: totalNeurons)
    } else {
      for i in trainErrors.indices { trainErrors[i] = 0 }
    }
    let tanh = errorFunction == .tanh
    for j in 0..<numOutputs {
      let k = firstOutput + j
      let value = values[k]
      var d = updateMSE(k, desired[j] - value)
      if tanh {
        if d < -0.9999999 {
          d = -17
        } else if d > 0.9999999 {
          d = 17
        } else {
          d = Float(cLog((1.0 + Double(d)) / (1.0 - Double(d))))
        }
      }
      trainErrors[k] = activation[k].derivative(steepness: steepness[k], value: value, sum: sums[k]) * d
      numMSE += 1
    }
  }

  /// `fann_backpropagate_MSE`: hidden errors from the output errors.
  mutating func backpropagate() {
    let layers = numLayers
    guard layers > 2 else { return }
    weights.withUnsafeBufferPointer { w in
      sources.withUnsafeBufferPointer { src in
        trainErrors.withUnsafeMutableBufferPointer { e in
          for l in stride(from: layers - 1, to: 1, by: -1) {
            for k in layerStart[l]..<layerStart[l + 1] {
              let err = e[k]
              let first = connectionStart[k]
              var c = connectionStart[k + 1]
              while c > first {
                c -= 1
                e[Int(src[c])] += err * w[c]
              }
            }
            for k in layerStart[l - 1]..<layerStart[l] {
              e[k] *= activation[k].derivative(steepness: steepness[k], value: values[k], sum: sums[k])
            }
          }
        }
      }
    }
  }

  /// `fann_update_slopes_batch` over all layers: slope[c] += error[target] · value[source].
  mutating func accumulateSlopes() {
    if trainSlopes.count != totalConnections {
      trainSlopes = [Float](repeating: 0, count: totalConnections)
    }
    let starts = layerStart, cs = connectionStart
    trainErrors.withUnsafeBufferPointer { e in
      values.withUnsafeBufferPointer { v in
        sources.withUnsafeBufferPointer { src in
          trainSlopes.withUnsafeMutableBufferPointer { slope in
            for k in starts[1]..<starts[starts.count - 1] {
              let err = e[k]
              for c in cs[k]..<cs[k + 1] { slope[c] += err * v[Int(src[c])] }
            }
          }
        }
      }
    }
  }

  /// `fann_update_weights`: the incremental update with momentum.
  mutating func updateWeightsIncremental() {
    if prevWeightDeltas.count != totalConnections {
      prevWeightDeltas = [Float](repeating: 0, count: totalConnections)
    }
    let lr = learningRate, momentum = learningMomentum
    let starts = layerStart, cs = connectionStart
    trainErrors.withUnsafeBufferPointer { e in
      values.withUnsafeBufferPointer { v in
        sources.withUnsafeBufferPointer { src in
          prevWeightDeltas.withUnsafeMutableBufferPointer { prev in
            weights.withUnsafeMutableBufferPointer { w in
              for k in starts[1]..<starts[starts.count - 1] {
                let t = e[k] * lr
                for c in cs[k]..<cs[k + 1] {
                  let delta = t * v[Int(src[c])] + momentum * prev[c]
                  w[c] += delta
                  prev[c] = delta
                }
              }
            }
          }
        }
      }
    }
  }

  /// `fann_clear_train_arrays`: zero slopes, steps = delta_zero for RPROP (0 otherwise).
  mutating func clearTrainArrays() {
    trainSlopes = [Float](repeating: 0, count: totalConnections)
    prevSteps = [Float](
      repeating: trainingAlgorithm == .rprop ? rpropDeltaZero : 0, count: totalConnections)
    prevTrainSlopes = [Float](repeating: 0, count: totalConnections)
  }

  /// Forgets all training state (steps, slopes, momentum, SARPROP epoch), as loading a file does.
  ///
  /// ```swift
  /// net.resetTrainingState()
  /// ```
  public mutating func resetTrainingState() {
    trainSlopes = []
    prevSteps = []
    prevTrainSlopes = []
    prevWeightDeltas = []
    sarpropEpoch = 0
  }

  /// Trains on one sample (`fann_train`): forward, error, backpropagation, incremental update.
  ///
  /// ```swift
  /// try net.train(input: [-1, 1], desired: [1])
  /// ```
  /// - Complexity: O(connections).
  public mutating func train(input: [Float], desired: [Float]) throws(NeuralError) {
    guard input.count == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: input.count)
    }
    guard desired.count == numOutputs else {
      throw .shapeMismatch(expected: numOutputs, actual: desired.count)
    }
    try checkTrainable()
    input.withUnsafeBufferPointer { forwardReference($0.baseAddress!) }
    desired.withUnsafeBufferPointer { computeOutputErrors($0.baseAddress!) }
    backpropagate()
    updateWeightsIncremental()
  }

  /// One epoch of the configured algorithm with the scalar reference path
  /// (`fann_train_epoch`). Returns the MSE accumulated during the epoch.
  ///
  /// ```swift
  /// let mse = try net.trainEpochReference(on: xor)
  /// ```
  /// - Complexity: O(count · connections).
  public mutating func trainEpochReference(on data: TrainingData) throws(NeuralError) -> Float {
    try checkShape(data)
    try checkTrainable()
    guard data.count > 0 else { throw .emptyData }
    if trainingAlgorithm != .incremental && trainingAlgorithm != .batch
      && prevTrainSlopes.count != totalConnections
    {
      clearTrainArrays()
    }
    resetMSE()
    data.inputs.withUnsafeBufferPointer { inp in
      data.outputs.withUnsafeBufferPointer { out in
        for d in 0..<data.count {
          forwardReference(inp.baseAddress! + d * numInputs)
          computeOutputErrors(out.baseAddress! + d * numOutputs)
          backpropagate()
          if trainingAlgorithm == .incremental {
            updateWeightsIncremental()
          } else {
            accumulateSlopes()
          }
        }
      }
    }
    applyEpochUpdate(count: data.count)
    return meanSquaredError
  }

  /// The weight update at the end of a batch-style epoch.
  mutating func applyEpochUpdate(count: Int) {
    switch trainingAlgorithm {
    case .incremental: return
    case .batch: updateWeightsBatch(count: count)
    case .rprop: updateWeightsRPROP()
    case .quickprop: updateWeightsQuickprop(count: count)
    case .sarprop:
      updateWeightsSARPROP()
      sarpropEpoch += 1
    }
  }

  mutating func updateWeightsBatch(count: Int) {
    if trainSlopes.count != totalConnections {
      trainSlopes = [Float](repeating: 0, count: totalConnections)
    }
    let epsilon = learningRate / Float(count)
    for i in 0..<totalConnections {
      weights[i] += trainSlopes[i] * epsilon
      trainSlopes[i] = 0
    }
  }

  mutating func updateWeightsRPROP(from first: Int = 0) {
    Network.rprop(
      &weights, &trainSlopes, &prevSteps, &prevTrainSlopes, from: first,
      increase: rpropIncreaseFactor, decrease: rpropDecreaseFactor, deltaMin: rpropDeltaMin,
      deltaMax: rpropDeltaMax)
  }

  /// `fann_update_weights_irpropm` over `first..<weights.count` of any weight/state arrays.
  static func rprop(
    _ weights: inout [Float], _ trainSlopes: inout [Float], _ prevSteps: inout [Float],
    _ prevTrainSlopes: inout [Float], from first: Int, increase inc: Float, decrease dec: Float,
    deltaMin dmin: Float, deltaMax dmax: Float
  ) {
    weights.withUnsafeMutableBufferPointer { w in
      trainSlopes.withUnsafeMutableBufferPointer { sl in
        prevSteps.withUnsafeMutableBufferPointer { ps in
          prevTrainSlopes.withUnsafeMutableBufferPointer { pts in
            for i in first..<w.count {
              let prevStep = max(ps[i], 0.0001)
              var slope = sl[i]
              let sameSign = pts[i] * slope
              let next: Float
              if sameSign >= 0 {
                next = min(prevStep * inc, dmax)
              } else {
                next = max(prevStep * dec, dmin)
                slope = 0
              }
              if slope < 0 {
                w[i] -= next
                if w[i] < -1500 { w[i] = -1500 }
              } else {
                w[i] += next
                if w[i] > 1500 { w[i] = 1500 }
              }
              ps[i] = next
              pts[i] = slope
              sl[i] = 0
            }
          }
        }
      }
    }
  }

  mutating func updateWeightsQuickprop(count: Int, from first: Int = 0) {
    Network.quickprop(
      &weights, &trainSlopes, &prevSteps, &prevTrainSlopes, from: first,
      epsilon: learningRate / Float(count), decay: quickpropDecay, mu: quickpropMu)
  }

  /// `fann_update_weights_quickprop` over `first..<weights.count` of any weight/state arrays.
  static func quickprop(
    _ weights: inout [Float], _ trainSlopes: inout [Float], _ prevSteps: inout [Float],
    _ prevTrainSlopes: inout [Float], from first: Int, epsilon: Float, decay: Float, mu: Float
  ) {
    let shrink = Float(Double(mu) / (1.0 + Double(mu)))
    for i in first..<weights.count {
      var w = weights[i]
      let prevStep = prevSteps[i]
      let slope = trainSlopes[i] + decay * w
      let prevSlope = prevTrainSlopes[i]
      var next: Float = 0
      if prevStep > 0.001 {
        if slope > 0 { next += epsilon * slope }
        if slope > shrink * prevSlope {
          next += mu * prevStep
        } else {
          next += prevStep * slope / (prevSlope - slope)
        }
      } else if prevStep < -0.001 {
        if slope < 0 { next += epsilon * slope }
        if slope < shrink * prevSlope {
          next += mu * prevStep
        } else {
          next += prevStep * slope / (prevSlope - slope)
        }
      } else {
        next += epsilon * slope
      }
      prevSteps[i] = next
      w += next
      weights[i] = w > 1500 ? 1500 : (w < -1500 ? -1500 : w)
      prevTrainSlopes[i] = slope
      trainSlopes[i] = 0
    }
  }

  mutating func updateWeightsSARPROP(from first: Int = 0) {
    let p = SarpropParameters(self)
    Network.sarprop(&weights, &trainSlopes, &prevSteps, &prevTrainSlopes, from: first, p, random: &random)
  }

  /// The scalars SARPROP reads, captured before the arrays are updated in place.
  struct SarpropParameters {
    var increase, decrease, deltaMax, temperature, epoch, mse, decayShift, errorShift,
      thresholdFactor: Float
    init(_ n: Network) {
      increase = n.rpropIncreaseFactor
      decrease = n.rpropDecreaseFactor
      deltaMax = n.rpropDeltaMax
      temperature = n.sarpropTemperature
      epoch = Float(n.sarpropEpoch)
      mse = n.meanSquaredError
      decayShift = n.sarpropWeightDecayShift
      errorShift = n.sarpropStepErrorShift
      thresholdFactor = n.sarpropStepErrorThresholdFactor
    }
  }

  /// `fann_update_weights_sarprop` over `first..<weights.count` of any weight/state arrays.
  static func sarprop(
    _ weights: inout [Float], _ trainSlopes: inout [Float], _ prevSteps: inout [Float],
    _ prevTrainSlopes: inout [Float], from first: Int, _ p: SarpropParameters,
    random: inout NeuralRandom
  ) {
    let inc = p.increase, dec = p.decrease
    let dmin: Float = 0.000001, dmax = p.deltaMax
    let t = p.temperature
    let epoch = p.epoch
    let mse = p.mse
    let rmse = mse.squareRoot()
    let decayFactor = fannExp2(-t * epoch + p.decayShift)
    let noiseScale = fannExp2(-t * epoch + p.errorShift)
    let threshold = p.thresholdFactor * mse
    for i in first..<weights.count {
      let prevStep = max(prevSteps[i], 0.000001)
      var slope = -trainSlopes[i] - weights[i] * decayFactor
      let sameSign = prevTrainSlopes[i] * slope
      var next: Float = 0
      if sameSign > 0 {
        next = min(prevStep * inc, dmax)
        if slope < 0 { weights[i] += next } else { weights[i] -= next }
      } else if sameSign < 0 {
        if prevStep < threshold {
          next = prevStep * dec + random.unit() * rmse * noiseScale
        } else {
          next = max(prevStep * dec, dmin)
        }
        slope = 0
      } else {
        if slope < 0 { weights[i] += prevStep } else { weights[i] -= prevStep }
      }
      prevSteps[i] = next
      prevTrainSlopes[i] = slope
      trainSlopes[i] = 0
    }
  }
}
