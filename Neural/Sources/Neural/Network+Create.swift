// Creating networks: `fann_create_standard`, `fann_create_sparse`, `fann_create_shortcut`.
//
// FANN's layouts, which `.net` files and training traces depend on:
// - standard: every non-bias neuron of layer L reads all neurons of layer L−1 in order, the
//   previous layer's bias last. Weights U(−0.1, 0.1).
// - sparse (rate < 1): per layer FANN allots `max(max(in, out), round(rate·in·out)) + out`
//   connections, spread evenly over the out neurons; each neuron reads the bias *first*; then every
//   input neuron is wired to a random output neuron that still has room (so no input is left
//   unconnected), and the remaining slots get random inputs not yet connected to that neuron.
//   Every neuron therefore keeps at least one connection besides its bias.
// - shortcut: only the input layer has a bias; every neuron reads all neurons of every earlier
//   layer (inputs, bias, then hidden neurons in order).
// New hidden and output neurons get SIGMOID_STEPWISE with steepness 0.5; biases and inputs
// `(LINEAR, 0)`, as FANN's calloc leaves them.

extension Network {
  /// A fully connected layered network (`fann_create_standard`).
  ///
  /// ```swift
  /// let net = try Network.standard(layers: [2, 3, 1], seed: 7)
  /// net.totalConnections   // 13 = 3·3 + 4·1
  /// ```
  /// - Complexity: O(connections).
  public static func standard(layers: [Int], seed: UInt64 = 0) throws(NeuralError) -> Network {
    try sparse(connectionRate: 1, layers: layers, seed: seed)
  }

  /// A layered network in which only a fraction of the possible connections exists
  /// (`fann_create_sparse`); rate ≥ 1 gives the standard net.
  ///
  /// ```swift
  /// let net = try Network.sparse(connectionRate: 0.5, layers: [4, 6, 2], seed: 7)
  /// ```
  /// - Complexity: O(connections · inputs) for the wiring.
  public static func sparse(connectionRate: Float, layers: [Int], seed: UInt64 = 0)
    throws(NeuralError) -> Network
  {
    guard layers.count >= 2, layers.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
      throw .invalidArgument(.layers)
    }
    guard connectionRate.isFinite, connectionRate > 0 else {
      throw .invalidArgument(.connectionRate)
    }
    let rate = min(connectionRate, 1)
    var rng = NeuralRandom(seed: seed)
    var sizes = layers.map { $0 + 1 }
    var starts = [0]
    for s in sizes { starts.append(starts.last! + s) }
    let total = starts.last!
    var perNeuron = [Int](repeating: 0, count: total)
    for l in 1..<layers.count {
      let nIn = layers[l - 1], nOut = layers[l]
      let count: Int
      if rate >= 1 {
        count = (nIn + 1) * nOut
        for i in 0..<nOut { perNeuron[starts[l] + i] = nIn + 1 }
      } else {
        let minC = max(nIn, nOut)
        let maxC = nIn * nOut
        count = max(minC, Int(0.5 + rate * Float(maxC))) + nOut
        let each = count / nOut
        var allocated = 0
        for i in 0..<nOut {
          var n = each
          allocated += each
          if allocated < (count * (i + 1)) / nOut {
            n += 1
            allocated += 1
          }
          perNeuron[starts[l] + i] = n
        }
      }
      guard count <= 1 << 28 else { throw .invalidArgument(.layers) }
    }
    var conStart = [0]
    for n in perNeuron { conStart.append(conStart.last! + n) }
    let totalConnections = conStart.last!
    guard totalConnections <= 1 << 28 else { throw .invalidArgument(.layers) }
    var sources = [Int32](repeating: -1, count: totalConnections)
    var weights = [Float](repeating: 0, count: totalConnections)
    for l in 1..<layers.count {
      let prev = starts[l - 1], nIn = layers[l - 1], nOut = layers[l]
      let bias = Int32(prev + nIn)
      if rate >= 1 {
        for i in 0..<nOut {
          let k = starts[l] + i
          for (j, c) in (conStart[k]..<conStart[k + 1]).enumerated() {
            sources[c] = Int32(prev + j)
            weights[c] = rng.uniform(-0.1, 0.1)
          }
        }
        continue
      }
      // Bias first.
      for i in 0..<nOut {
        let c = conStart[starts[l] + i]
        sources[c] = bias
        weights[c] = rng.uniform(-0.1, 0.1)
      }
      // Every input neuron to some output neuron with room left.
      for j in 0..<nIn {
        var k: Int
        repeat {
          k = starts[l] + rng.below(nOut)
        } while sources[conStart[k + 1] - 1] != -1
        for c in conStart[k]..<conStart[k + 1] where sources[c] == -1 {
          sources[c] = Int32(prev + j)
          weights[c] = rng.uniform(-0.1, 0.1)
          break
        }
      }
      // Fill the remaining slots with inputs this neuron does not read yet.
      for i in 0..<nOut {
        let k = starts[l] + i
        for c in conStart[k]..<conStart[k + 1] where sources[c] == -1 {
          var s: Int32
          repeat {
            s = Int32(prev + rng.below(nIn))
          } while sources[conStart[k]..<c].contains(s)
          sources[c] = s
          weights[c] = rng.uniform(-0.1, 0.1)
        }
      }
    }
    var activation = [ActivationFunction](repeating: .linear, count: total)
    var steepness = [Float](repeating: 0, count: total)
    for l in 1..<layers.count {
      for i in 0..<layers[l] {
        activation[starts[l] + i] = .sigmoidStepwise
        steepness[starts[l] + i] = 0.5
      }
    }
    sizes[0] = layers[0] + 1
    return try Network(
      type: .layer, connectionRate: rate, layerSizes: sizes, inputsPerNeuron: perNeuron,
      sources: sources, weights: weights, activation: activation, steepness: steepness,
      seed: rng.next())
  }

  /// A shortcut network (`fann_create_shortcut`): every layer reads all earlier layers.
  ///
  /// ```swift
  /// let net = try Network.shortcut(layers: [2, 1], seed: 7)
  /// net.totalConnections   // 3: two inputs and the bias
  /// ```
  /// - Complexity: O(connections).
  public static func shortcut(layers: [Int], seed: UInt64 = 0) throws(NeuralError) -> Network {
    guard layers.count >= 2, layers.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
      throw .invalidArgument(.layers)
    }
    var rng = NeuralRandom(seed: seed)
    var sizes = layers
    sizes[0] += 1
    var starts = [0]
    for s in sizes { starts.append(starts.last! + s) }
    let total = starts.last!
    var perNeuron = [Int](repeating: 0, count: total)
    var connections = 0
    for l in 1..<sizes.count {
      for k in starts[l]..<starts[l + 1] {
        perNeuron[k] = starts[l]
        connections += starts[l]
      }
    }
    guard connections <= 1 << 28 else { throw .invalidArgument(.layers) }
    var sources = [Int32]()
    sources.reserveCapacity(connections)
    var weights = [Float]()
    weights.reserveCapacity(connections)
    var activation = [ActivationFunction](repeating: .linear, count: total)
    var steepness = [Float](repeating: 0, count: total)
    for l in 1..<sizes.count {
      for k in starts[l]..<starts[l + 1] {
        for s in 0..<starts[l] {
          sources.append(Int32(s))
          weights.append(rng.uniform(-0.1, 0.1))
        }
        activation[k] = .sigmoidStepwise
        steepness[k] = 0.5
      }
    }
    return try Network(
      type: .shortcut, connectionRate: 1, layerSizes: sizes, inputsPerNeuron: perNeuron,
      sources: sources, weights: weights, activation: activation, steepness: steepness,
      seed: rng.next())
  }
}
