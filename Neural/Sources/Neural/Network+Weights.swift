// Weight initialisation: `fann_randomize_weights` and `fann_init_weights` (Widrow–Nguyen as FANN
// implements it), with `NeuralRandom` in place of the C library's rand().
//
// FANN's Widrow–Nguyen: scale = (0.7·H)^(1/numInputs) / (max input − min input) over the training
// inputs, with H = neurons − inputs − outputs − layers (the hidden neurons of a layered net). Bias
// weights (connections from the bias neuron of the previous layer, or the input bias in shortcut
// nets) are drawn from U(−scale, scale), all other weights from U(0, scale) — FANN's choice, kept.

extension Network {
  /// Sets every weight to U(min, max) (`fann_randomize_weights`).
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1])
  /// var rng = NeuralRandom(seed: 3)
  /// try net.randomizeWeights(-0.5, 0.5, using: &rng)
  /// ```
  /// - Complexity: O(connections).
  public mutating func randomizeWeights(_ min: Float, _ max: Float, using rng: inout NeuralRandom)
    throws(NeuralError)
  {
    guard min.isFinite, max.isFinite, min <= max else { throw .invalidArgument(.range) }
    for i in weights.indices { weights[i] = rng.uniform(min, max) }
    if !prevTrainSlopes.isEmpty { clearTrainArrays() }
  }

  /// Widrow–Nguyen initialisation from the input range of `data` (`fann_init_weights`).
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 3)
  /// try net.initWeights(from: xor, using: &rng)
  /// ```
  /// - Complexity: O(connections + data values).
  public mutating func initWeights(from data: TrainingData, using rng: inout NeuralRandom)
    throws(NeuralError)
  {
    guard data.count > 0 else { throw .emptyData }
    guard data.numInputs == numInputs else {
      throw .shapeMismatch(expected: numInputs, actual: data.numInputs)
    }
    var smallest = data.inputs[0], largest = data.inputs[0]
    for v in data.inputs {
      if v < smallest { smallest = v }
      if v > largest { largest = v }
    }
    let hidden = totalNeurons - (numInputs + numOutputs + numLayers)
    let scale = Float(
      cPow(Double(Float(0.7) * Float(hidden)), Double(Float(1.0) / Float(numInputs)))
        / Double(largest - smallest))
    var bias = layerStart[1] - 1
    for l in 1..<numLayers {
      if networkType == .layer { bias = layerStart[l] - 1 }
      for k in layerStart[l]..<layerStart[l + 1] {
        for c in connectionStart[k]..<connectionStart[k + 1] {
          weights[c] = Int(sources[c]) == bias ? rng.uniform(-scale, scale) : rng.uniform(0, scale)
        }
      }
    }
    if !prevTrainSlopes.isEmpty { clearTrainArrays() }
  }

  /// All connections as (from, to, weight) triples (`fann_get_connection_array`).
  ///
  /// ```swift
  /// let c = try Network.standard(layers: [1, 1]).connections   // [(0, 2, w), (1, 2, w)]
  /// ```
  public var connections: [(from: Int, to: Int, weight: Float)] {
    var out = [(from: Int, to: Int, weight: Float)]()
    out.reserveCapacity(totalConnections)
    for k in 0..<totalNeurons {
      for c in connectionStart[k]..<connectionStart[k + 1] {
        out.append((Int(sources[c]), k, weights[c]))
      }
    }
    return out
  }

  /// Sets the weight of the connection from `from` to `to` if it exists (`fann_set_weight`).
  ///
  /// ```swift
  /// try net.setWeight(from: 0, to: 3, 0.25)
  /// ```
  public mutating func setWeight(from: Int, to: Int, _ weight: Float) throws(NeuralError) {
    guard to >= 0, to < totalNeurons, weight.isFinite else { throw .invalidArgument(.index) }
    var found = false
    for c in connectionStart[to]..<connectionStart[to + 1] where Int(sources[c]) == from {
      weights[c] = weight
      found = true
    }
    guard found else { throw .invalidArgument(.index) }
  }
}
