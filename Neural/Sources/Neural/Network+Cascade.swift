// Cascade-correlation: `fann_cascadetrain_on_data` (FANN 2.2 `fann_cascade.c`).
//
// The net (a shortcut net) grows one hidden neuron at a time:
// 1. Output phase (`fann_train_outputs`): only the output neurons' incoming weights are trained,
//    with the configured algorithm (RPROP, quickprop or SARPROP), until the desired error is reached,
//    `maxOutEpochs` pass, or the error improvement stays within `outputChangeFraction` of its last
//    target for `outputStagnationEpochs` epochs (and at least `minOutEpochs` ran).
// 2. Candidate phase (`fann_train_candidates`): candidates = activation functions × steepnesses ×
//    groups, each reading every non-output neuron and owning trial weights to every output. A
//    candidate's score starts at the output phase's sum of squared errors and loses Σ(a·w − e)² over
//    the data, where e is the (symmetric-halved) output error: the candidate that best explains the
//    residual error scores highest. Training stops on `maxCandEpochs`, on stagnation
//    (`candidateChangeFraction`, `candidateStagnationEpochs`, after `minCandEpochs`) or when
//    best score / SSE exceeds `candidateLimit`.
// 3. Install (`fann_install_candidate`): the best candidate becomes a new one-neuron layer before the
//    outputs, with its trained input weights; each output gets a connection from it weighted by the
//    candidate's output weight × `weightMultiplier` (FANN assigns those in reverse output order; kept).
// Candidate initial weights follow FANN (bias U(−s, s), others U(0, s), s = 2·(0.7·H)^(1/inputs)
// clamped to [0.5, 8]), drawn from `random`, so runs are reproducible but not libfann's rand() draws.

/// Candidate neurons under training (FANN keeps them past the end of the net's arrays).
struct CascadeCandidates {
  var functions: [ActivationFunction] = []
  var steepnesses: [Float] = []
  /// Per candidate: `inputs` input weights, then `outputs` output weights.
  var weights: [Float] = []
  var slopes: [Float] = []
  var prevSteps: [Float] = []
  var prevSlopes: [Float] = []
  var scores: [Float] = []
  var inputs = 0
  var outputs = 0
  var stride: Int { inputs + outputs }
}

extension Network {
  /// Grows the network with cascade-correlation (`fann_cascadetrain_on_data`): at most `maxNeurons`
  /// hidden neurons are added until the stop function reaches `desiredError`. The callback gets a
  /// report every `neuronsBetweenReports` neurons (and on the first, last and final one); returning
  /// false stops. Requires a shortcut net and the RPROP, quickprop or SARPROP algorithm.
  ///
  /// ```swift
  /// var net = try Network.shortcut(layers: [2, 1], seed: 1)
  /// net.setOutputActivation(.sigmoidSymmetric)
  /// let r = try net.cascadeTrain(on: xor, maxNeurons: 10, desiredError: 0.001)
  /// ```
  /// - Complexity: O(neurons · epochs · count · candidates · connections).
  @discardableResult
  public mutating func cascadeTrain(
    on data: TrainingData, maxNeurons: Int, neuronsBetweenReports: Int = 0, desiredError: Float,
    callback: ((TrainingReport) -> Bool)? = nil
  ) throws(NeuralError) -> TrainingReport {
    guard networkType == .shortcut else { throw .invalidArgument(.topology) }
    guard trainingAlgorithm == .rprop || trainingAlgorithm == .quickprop
      || trainingAlgorithm == .sarprop
    else { throw .invalidArgument(.notTrainable) }
    guard maxNeurons >= 0, !cascade.activationFunctions.isEmpty,
      !cascade.activationSteepnesses.isEmpty, cascade.numCandidateGroups >= 1
    else { throw .invalidArgument(.range) }
    try checkShape(data)
    try checkTrainable()
    for f in cascade.activationFunctions where !f.isTrainable { throw .invalidArgument(.notTrainable) }
    guard data.count > 0 else { throw .emptyData }
    var report = TrainingReport(epoch: 0, mse: 0, bitFail: 0)
    var i = 1
    while i <= maxNeurons {
      report.epoch += trainOutputs(on: data, desiredError: desiredError)
      report.mse = meanSquaredError
      report.bitFail = bitFail
      let reached = desiredErrorReached(desiredError)
      if neuronsBetweenReports > 0, let callback,
        i % neuronsBetweenReports == 0 || i == maxNeurons || i == 1 || reached
      {
        if !callback(report) { break }
      }
      if reached { break }
      var candidates = initializeCandidates()
      report.epoch += trainCandidates(&candidates, on: data)
      try installBestCandidate(candidates)
      i += 1
    }
    report.epoch += trainOutputs(on: data, desiredError: 0)
    report.mse = meanSquaredError
    report.bitFail = bitFail
    return report
  }

  /// `fann_train_outputs`: trains the output layer's weights until done or stagnant; returns epochs.
  mutating func trainOutputs(on data: TrainingData, desiredError: Float) -> Int {
    let maxEpochs = Int(cascade.maxOutEpochs), minEpochs = Int(cascade.minOutEpochs)
    var stagnation = maxEpochs
    var target: Float = 0, backslide: Float = -1.0e20
    clearTrainArrays()
    let initial = trainOutputsEpoch(on: data)
    if desiredErrorReached(desiredError) { return 1 }
    var i = 1
    while i < maxEpochs {
      let error = trainOutputsEpoch(on: data)
      if desiredErrorReached(desiredError) { return i + 1 }
      let improvement = initial - error
      if (target >= 0 && (improvement > target || improvement < backslide))
        || (target < 0 && (improvement < target || improvement > backslide))
      {
        target = improvement * (1.0 + cascade.outputChangeFraction)
        backslide = improvement * (1.0 - cascade.outputChangeFraction)
        stagnation = i + Int(cascade.outputStagnationEpochs)
      }
      if i >= stagnation && i >= minEpochs { return i + 1 }
      i += 1
    }
    return maxEpochs
  }

  /// `fann_train_outputs_epoch`: slopes of the output layer only, then one update of its weights.
  mutating func trainOutputsEpoch(on data: TrainingData) -> Float {
    resetMSE()
    if trainSlopes.count != totalConnections {
      trainSlopes = [Float](repeating: 0, count: totalConnections)
    }
    let firstWeight = connectionStart[firstOutput]
    data.inputs.withUnsafeBufferPointer { inp in
      data.outputs.withUnsafeBufferPointer { out in
        for d in 0..<data.count {
          forwardReference(inp.baseAddress! + d * numInputs)
          computeOutputErrors(out.baseAddress! + d * numOutputs)
          for k in firstOutput..<totalNeurons {
            let err = trainErrors[k]
            for c in connectionStart[k]..<connectionStart[k + 1] {
              trainSlopes[c] += err * values[Int(sources[c])]
            }
          }
        }
      }
    }
    switch trainingAlgorithm {
    case .rprop: updateWeightsRPROP(from: firstWeight)
    case .quickprop: updateWeightsQuickprop(count: data.count, from: firstWeight)
    case .sarprop:
      updateWeightsSARPROP(from: firstWeight)
      sarpropEpoch += 1
    case .batch, .incremental: break
    }
    return meanSquaredError
  }

  /// `fann_initialize_candidates`: one candidate per function × steepness × group.
  mutating func initializeCandidates() -> CascadeCandidates {
    var c = CascadeCandidates()
    c.inputs = firstOutput
    c.outputs = numOutputs
    for f in cascade.activationFunctions {
      for s in cascade.activationSteepnesses {
        for _ in 0..<cascade.numCandidateGroups {
          c.functions.append(f)
          c.steepnesses.append(s)
        }
      }
    }
    let n = c.functions.count
    let hidden = totalNeurons - numInputs - numOutputs
    var scale = Float(2.0 * cPow(Double(Float(0.7) * Float(hidden)), Double(Float(1) / Float(numInputs))))
    if scale > 8 { scale = 8 } else if scale < 0.5 { scale = 0.5 }
    let biasIndex = numInputs
    c.weights = [Float](repeating: 0, count: n * c.stride)
    for k in 0..<n {
      for i in 0..<c.stride {
        c.weights[k * c.stride + i] = i == biasIndex ? random.uniform(-scale, scale) : random.uniform(0, scale)
      }
    }
    c.slopes = [Float](repeating: 0, count: n * c.stride)
    c.prevSteps = [Float](repeating: trainingAlgorithm == .rprop ? rpropDeltaZero : 0, count: n * c.stride)
    c.prevSlopes = [Float](repeating: 0, count: n * c.stride)
    c.scores = [Float](repeating: 0, count: n)
    return c
  }

  /// `fann_train_candidates`: returns the epochs used; leaves the scores in `candidates`.
  mutating func trainCandidates(_ c: inout CascadeCandidates, on data: TrainingData) -> Int {
    let maxEpochs = Int(cascade.maxCandEpochs), minEpochs = Int(cascade.minCandEpochs)
    var stagnation = maxEpochs
    var target: Float = 0, backslide: Float = -1.0e20
    for i in 0..<maxEpochs {
      let best = trainCandidatesEpoch(&c, on: data)
      if best / mseValue > cascade.candidateLimit { return i + 1 }
      if best > target || best < backslide {
        target = best * (1.0 + cascade.candidateChangeFraction)
        backslide = best * (1.0 - cascade.candidateChangeFraction)
        stagnation = i + Int(cascade.candidateStagnationEpochs)
      }
      if i >= stagnation && i >= minEpochs { return i + 1 }
    }
    return maxEpochs
  }

  /// `fann_train_candidates_epoch` + `fann_update_candidate_slopes` + weights; the best score.
  mutating func trainCandidatesEpoch(_ c: inout CascadeCandidates, on data: TrainingData) -> Float {
    let n = c.functions.count, nOut = numOutputs, nIn = c.inputs, stride = c.stride
    for k in 0..<n { c.scores[k] = mseValue }
    var outErrors = [Float](repeating: 0, count: nOut)
    for d in 0..<data.count {
      data.inputs.withUnsafeBufferPointer { forwardReference($0.baseAddress! + d * numInputs) }
      for j in 0..<nOut {
        var e = data.outputs[d * nOut + j] - values[firstOutput + j]
        if activation[firstOutput + j].isSymmetric { e /= 2 }
        outErrors[j] = e
      }
      values.withUnsafeBufferPointer { v in
        c.weights.withUnsafeBufferPointer { w in
          c.slopes.withUnsafeMutableBufferPointer { sl in
            for k in 0..<n {
              let base = k * stride
              var sum: Float = 0
              let rem = nIn & 3
              if rem >= 3 { sum += w[base + 2] * v[2] }
              if rem >= 2 { sum += w[base + 1] * v[1] }
              if rem >= 1 { sum += w[base] * v[0] }
              var i = rem
              while i != nIn {
                sum += w[base + i] * v[i] + w[base + i + 1] * v[i + 1] + w[base + i + 2] * v[i + 2]
                  + w[base + i + 3] * v[i + 3]
                i += 4
              }
              let s = c.steepnesses[k], f = c.functions[k]
              let maxSum = 150 / s
              if sum > maxSum { sum = maxSum } else if sum < -maxSum { sum = -maxSum }
              let act = f.value(s * sum)
              let derived = f.derivative(steepness: s, value: act, sum: sum)
              var errorValue: Float = 0
              var score = c.scores[k]
              for j in 0..<nOut {
                let ow = w[base + nIn + j]
                let diff = act * ow - outErrors[j]
                sl[base + nIn + j] -= 2.0 * diff * act
                errorValue += diff * ow
                score -= diff * diff
              }
              c.scores[k] = score
              errorValue *= derived
              for i in 0..<nIn { sl[base + i] -= errorValue * v[i] }
            }
          }
        }
      }
    }
    switch trainingAlgorithm {
    case .rprop:
      Network.rprop(
        &c.weights, &c.slopes, &c.prevSteps, &c.prevSlopes, from: 0, increase: rpropIncreaseFactor,
        decrease: rpropDecreaseFactor, deltaMin: rpropDeltaMin, deltaMax: rpropDeltaMax)
    case .quickprop:
      Network.quickprop(
        &c.weights, &c.slopes, &c.prevSteps, &c.prevSlopes, from: 0,
        epsilon: learningRate / Float(data.count), decay: quickpropDecay, mu: quickpropMu)
    case .sarprop:
      let p = SarpropParameters(self)
      Network.sarprop(&c.weights, &c.slopes, &c.prevSteps, &c.prevSlopes, from: 0, p, random: &random)
    case .batch, .incremental: break
    }
    var best = c.scores[0]
    for k in 1..<n where c.scores[k] > best { best = c.scores[k] }
    return best
  }

  /// `fann_install_candidate`: the best candidate becomes a new layer before the outputs.
  mutating func installBestCandidate(_ c: CascadeCandidates) throws(NeuralError) {
    var bestIndex = 0
    for k in 1..<c.functions.count where c.scores[k] > c.scores[bestIndex] { bestIndex = k }
    let base = bestIndex * c.stride
    let o0 = firstOutput, nOut = numOutputs
    var sizes = [Int]()
    for l in 0..<(numLayers - 1) { sizes.append(layerStart[l + 1] - layerStart[l]) }
    sizes.append(1)
    sizes.append(nOut)
    var perNeuron = [Int]()
    for k in 0..<o0 { perNeuron.append(connectionStart[k + 1] - connectionStart[k]) }
    perNeuron.append(o0)
    for k in o0..<totalNeurons { perNeuron.append(connectionStart[k + 1] - connectionStart[k] + 1) }
    var newSources = Array(sources[0..<connectionStart[o0]])
    var newWeights = Array(weights[0..<connectionStart[o0]])
    for i in 0..<o0 {
      newSources.append(Int32(i))
      newWeights.append(c.weights[base + i])
    }
    for j in 0..<nOut {
      let k = o0 + j
      newSources.append(contentsOf: sources[connectionStart[k]..<connectionStart[k + 1]])
      newWeights.append(contentsOf: weights[connectionStart[k]..<connectionStart[k + 1]])
      newSources.append(Int32(o0))
      // FANN walks the outputs from the last one while reading the candidate's output weights
      // from the first one.
      newWeights.append(c.weights[base + c.inputs + (nOut - 1 - j)] * cascade.weightMultiplier)
    }
    var act = activation, steep = steepness
    act.insert(c.functions[bestIndex], at: o0)
    steep.insert(c.steepnesses[bestIndex], at: o0)
    var grown = try Network(
      type: .shortcut, connectionRate: connectionRate, layerSizes: sizes, inputsPerNeuron: perNeuron,
      sources: newSources, weights: newWeights, activation: act, steepness: steep)
    grown.copyParameters(from: self)
    self = grown
  }

  /// Copies every parameter (not topology or training state) from `other`.
  mutating func copyParameters(from other: Network) {
    learningRate = other.learningRate
    learningMomentum = other.learningMomentum
    trainingAlgorithm = other.trainingAlgorithm
    errorFunction = other.errorFunction
    stopFunction = other.stopFunction
    bitFailLimit = other.bitFailLimit
    quickpropDecay = other.quickpropDecay
    quickpropMu = other.quickpropMu
    rpropIncreaseFactor = other.rpropIncreaseFactor
    rpropDecreaseFactor = other.rpropDecreaseFactor
    rpropDeltaMin = other.rpropDeltaMin
    rpropDeltaMax = other.rpropDeltaMax
    rpropDeltaZero = other.rpropDeltaZero
    sarpropWeightDecayShift = other.sarpropWeightDecayShift
    sarpropStepErrorThresholdFactor = other.sarpropStepErrorThresholdFactor
    sarpropStepErrorShift = other.sarpropStepErrorShift
    sarpropTemperature = other.sarpropTemperature
    sarpropEpoch = other.sarpropEpoch
    cascade = other.cascade
    scaling = other.scaling
    random = other.random
    mseValue = other.mseValue
    numMSE = other.numMSE
    bitFail = other.bitFail
  }
}
