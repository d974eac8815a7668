// Network: FANN's `struct fann`, as a Swift value.
//
// Storage mirrors FANN exactly, because `.net` files and training traces depend on it:
// - Neurons are numbered globally, layer by layer, bias neurons included. A layered net has one
//   bias neuron at the end of every layer (the output layer's is never used); a shortcut net has
//   only the input layer's bias.
// - Neuron k owns connections `connectionStart[k] ..< connectionStart[k+1]` (contiguous, in neuron
//   order). A neuron without connections outside the input layer is a bias: its output is 1.
// - `sources[c]` is the neuron connection c reads from; it is always in an earlier layer.
// Invariants checked by `init(layerSizes:…)`, so every other function can index without checks.
//
// Goals, in order: FANN semantics bit for bit where FANN is deterministic; no trap on bad input;
// speed (the fast paths in Network+Batch.swift read this layout directly, since a dense layer's
// weights already form a row-major out × in matrix).

/// A FANN-compatible feed-forward network: layered (standard or sparse) or shortcut.
///
/// ```swift
/// var net = try Network.standard(layers: [2, 3, 1], seed: 1)
/// let y = try net.run([1, -1])       // one output
/// net.numInputs                      // 2
/// ```
public struct Network: Sendable {
  /// How layers are wired (`network_type` in `.net` files).
  public enum NetworkType: UInt32, Sendable { case layer = 0, shortcut = 1 }
  /// FANN's training algorithms (`training_algorithm`).
  public enum TrainingAlgorithm: UInt32, Sendable, CaseIterable {
    case incremental = 0, batch = 1, rprop = 2, quickprop = 3, sarprop = 4
  }
  /// FANN's error functions (`train_error_function`).
  public enum ErrorFunction: UInt32, Sendable { case linear = 0, tanh = 1 }
  /// FANN's stop functions (`train_stop_function`).
  public enum StopFunction: UInt32, Sendable { case mse = 0, bit = 1 }

  // MARK: Topology
  /// Layered or shortcut.
  public internal(set) var networkType: NetworkType
  /// The connection rate the net was created with (1 = fully connected).
  public internal(set) var connectionRate: Float
  /// `layerStart[l] ..< layerStart[l+1]` are the neurons of layer l (bias included).
  public internal(set) var layerStart: [Int]
  /// Neuron k's connections are `connectionStart[k] ..< connectionStart[k+1]`.
  public internal(set) var connectionStart: [Int]
  /// The neuron each connection reads from.
  public internal(set) var sources: [Int32]
  /// One weight per connection.
  public var weights: [Float]
  /// Activation function of every neuron (bias and input neurons included, as FANN stores them).
  public internal(set) var activation: [ActivationFunction]
  /// Steepness of every neuron.
  public internal(set) var steepness: [Float]

  // MARK: Parameters (FANN defaults)
  public var learningRate: Float = 0.7
  public var learningMomentum: Float = 0
  public var trainingAlgorithm: TrainingAlgorithm = .rprop
  public var errorFunction: ErrorFunction = .tanh
  public var stopFunction: StopFunction = .mse
  public var bitFailLimit: Float = 0.35
  public var quickpropDecay: Float = -0.0001
  public var quickpropMu: Float = 1.75
  public var rpropIncreaseFactor: Float = 1.2
  public var rpropDecreaseFactor: Float = 0.5
  public var rpropDeltaMin: Float = 0
  public var rpropDeltaMax: Float = 50
  public var rpropDeltaZero: Float = 0.1
  public var sarpropWeightDecayShift: Float = -6.644
  public var sarpropStepErrorThresholdFactor: Float = 0.1
  public var sarpropStepErrorShift: Float = 1.385
  public var sarpropTemperature: Float = 0.015
  /// Cascade-correlation parameters (stored in `.net` files).
  public var cascade = CascadeParameters()
  /// Input/output scaling parameters (`fann_set_scaling_params`), nil when unset.
  public var scaling: Scaling?

  // MARK: State
  var values: [Float]
  var sums: [Float]
  var trainErrors: [Float] = []
  var trainSlopes: [Float] = []
  var prevSteps: [Float] = []
  var prevTrainSlopes: [Float] = []
  var prevWeightDeltas: [Float] = []
  /// SARPROP's epoch counter (FANN's `sarprop_epoch`).
  public internal(set) var sarpropEpoch: UInt32 = 0
  var mseValue: Float = 0
  var numMSE: Int = 0
  /// Output neurons whose |difference| reached `bitFailLimit` since the last MSE reset.
  public internal(set) var bitFail: Int = 0
  /// The generator used for SARPROP noise (seeded by the creating function).
  public var random: NeuralRandom
  /// The dense-layer plan of the fast paths, nil for sparse nets (recomputed when topology changes).
  var plan: FastPlan?
  /// The batch paths' chunk matrices, kept between epochs (every row a chunk reads is written first
  /// in that chunk, so a kept workspace needs no reset).
  var workspace: BatchWorkspace?

  /// Builds a network from FANN's storage layout, validating every invariant.
  ///
  /// `layerSizes` counts bias neurons, as `.net` files do; `inputsPerNeuron` has one entry per
  /// neuron. Used by the `.net` reader and the creation functions.
  ///
  /// ```swift
  /// // 1 input + bias, 1 output (+ unused bias) in a layered net:
  /// let net = try Network(type: .layer, connectionRate: 1, layerSizes: [2, 2],
  ///   inputsPerNeuron: [0, 0, 2, 0], sources: [0, 1], weights: [0.5, -0.5],
  ///   activation: [.linear, .linear, .sigmoid, .linear], steepness: [0, 0, 0.5, 0])
  /// ```
  /// - Complexity: O(neurons + connections).
  public init(
    type: NetworkType, connectionRate: Float, layerSizes: [Int], inputsPerNeuron: [Int],
    sources: [Int32], weights: [Float], activation: [ActivationFunction], steepness: [Float],
    seed: UInt64 = 0
  ) throws(NeuralError) {
    guard layerSizes.count >= 2, layerSizes.allSatisfy({ $0 >= 1 }) else {
      throw .invalidArgument(.layers)
    }
    guard layerSizes[0] >= 2 else { throw .invalidArgument(.layers) }
    if type == .layer { guard layerSizes.last! >= 2 else { throw .invalidArgument(.layers) } }
    var starts = [0]
    for s in layerSizes { starts.append(starts.last! + s) }
    let total = starts.last!
    guard inputsPerNeuron.count == total, activation.count == total, steepness.count == total
    else { throw .invalidArgument(.topology) }
    guard sources.count == weights.count else { throw .invalidArgument(.topology) }
    var conStart = [Int]()
    conStart.reserveCapacity(total + 1)
    conStart.append(0)
    for n in inputsPerNeuron {
      guard n >= 0 else { throw .invalidArgument(.topology) }
      conStart.append(conStart.last! + n)
    }
    guard conStart.last! == sources.count else { throw .invalidArgument(.topology) }
    // Input neurons have no connections; every connection reads an earlier layer.
    for k in 0..<starts[1] where inputsPerNeuron[k] != 0 { throw .invalidArgument(.topology) }
    for l in 1..<layerSizes.count {
      for k in starts[l]..<starts[l + 1] {
        for c in conStart[k]..<conStart[k + 1] {
          let s = Int(sources[c])
          guard s >= 0, s < starts[l] else { throw .invalidArgument(.topology) }
        }
      }
    }
    for w in weights where !w.isFinite { throw .invalidArgument(.range) }
    for s in steepness where !s.isFinite { throw .invalidArgument(.range) }
    self.networkType = type
    self.connectionRate = connectionRate
    self.layerStart = starts
    self.connectionStart = conStart
    self.sources = sources
    self.weights = weights
    self.activation = activation
    self.steepness = steepness
    self.values = [Float](repeating: 0, count: total)
    self.sums = [Float](repeating: 0, count: total)
    self.random = NeuralRandom(seed: seed)
    if numOutputs < 1 || numInputs < 1 { throw .invalidArgument(.layers) }
    self.plan = FastPlan(self)
  }

  /// Number of layers, input and output included.
  public var numLayers: Int { layerStart.count - 1 }
  /// Number of inputs (the input layer without its bias).
  public var numInputs: Int { layerStart[1] - 1 }
  /// Number of outputs (the output layer without a layered net's unused bias).
  public var numOutputs: Int {
    let n = layerStart[numLayers] - layerStart[numLayers - 1]
    return networkType == .layer ? n - 1 : n
  }
  /// Neurons including biases (FANN's internal `total_neurons`).
  public var totalNeurons: Int { layerStart[numLayers] }
  /// Number of connections (weights).
  public var totalConnections: Int { weights.count }
  /// Index of the first output neuron.
  public var firstOutput: Int { layerStart[numLayers - 1] }
  /// Neurons per layer without bias neurons (`fann_get_layer_array`).
  ///
  /// ```swift
  /// try Network.standard(layers: [2, 3, 1]).layerSizes   // [2, 3, 1]
  /// ```
  public var layerSizes: [Int] {
    (0..<numLayers).map { l in
      let n = layerStart[l + 1] - layerStart[l]
      return (networkType == .layer || l == 0) ? n - 1 : n
    }
  }

  /// Sets activation function and steepness of neuron `neuron` (0-based inside `layer`), like
  /// `fann_set_activation_function` / `fann_set_activation_steepness`.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1])
  /// try net.setActivation(.elliot, steepness: 1, layer: 1, neuron: 0)
  /// ```
  public mutating func setActivation(
    _ function: ActivationFunction, steepness s: Float? = nil, layer: Int, neuron: Int
  ) throws(NeuralError) {
    guard layer >= 1, layer < numLayers else { throw .invalidArgument(.index) }
    let k = layerStart[layer] + neuron
    guard neuron >= 0, k < layerStart[layer + 1] else { throw .invalidArgument(.index) }
    activation[k] = function
    if let s { steepness[k] = s }
  }

  /// Sets the activation function of every hidden neuron, their layers' biases included
  /// (`fann_set_activation_function_hidden`).
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1])
  /// net.setHiddenActivation(.sigmoidSymmetric)
  /// ```
  public mutating func setHiddenActivation(_ function: ActivationFunction) {
    guard numLayers > 2 else { return }
    for k in layerStart[1]..<layerStart[numLayers - 1] { activation[k] = function }
  }

  /// Sets the activation function of the output layer, its unused bias included.
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1])
  /// net.setOutputActivation(.linear)
  /// ```
  public mutating func setOutputActivation(_ function: ActivationFunction) {
    for k in layerStart[numLayers - 1]..<layerStart[numLayers] { activation[k] = function }
  }

  /// Sets the steepness of every hidden neuron (`fann_set_activation_steepness_hidden`).
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1]); net.setHiddenSteepness(1)
  /// ```
  public mutating func setHiddenSteepness(_ s: Float) {
    guard numLayers > 2 else { return }
    for k in layerStart[1]..<layerStart[numLayers - 1] { steepness[k] = s }
  }

  /// Sets the steepness of the output layer (`fann_set_activation_steepness_output`).
  ///
  /// ```swift
  /// var net = try Network.standard(layers: [2, 3, 1]); net.setOutputSteepness(1)
  /// ```
  public mutating func setOutputSteepness(_ s: Float) {
    for k in layerStart[numLayers - 1]..<layerStart[numLayers] { steepness[k] = s }
  }

  /// The activation function of a neuron (layer ≥ 1), or nil when out of range.
  ///
  /// ```swift
  /// try Network.standard(layers: [2, 3, 1]).activation(layer: 1, neuron: 0)   // .sigmoidStepwise
  /// ```
  public func activation(layer: Int, neuron: Int) -> ActivationFunction? {
    guard layer >= 1, layer < numLayers, neuron >= 0,
      layerStart[layer] + neuron < layerStart[layer + 1]
    else { return nil }
    return activation[layerStart[layer] + neuron]
  }

  /// The layer a neuron belongs to.
  func layer(of neuron: Int) -> Int {
    var l = 0
    while layerStart[l + 1] <= neuron { l += 1 }
    return l
  }
}

/// Cascade-correlation parameters, with FANN's defaults (all stored in `.net` files).
///
/// ```swift
/// var p = CascadeParameters()
/// p.activationFunctions.count   // 10
/// p.numCandidates               // 80 = 10 functions × 4 steepnesses × 2 groups
/// ```
public struct CascadeParameters: Sendable, Equatable {
  public var outputChangeFraction: Float = 0.01
  public var outputStagnationEpochs: UInt32 = 12
  public var candidateChangeFraction: Float = 0.01
  public var candidateStagnationEpochs: UInt32 = 12
  public var maxOutEpochs: UInt32 = 150
  public var minOutEpochs: UInt32 = 50
  public var maxCandEpochs: UInt32 = 150
  public var minCandEpochs: UInt32 = 50
  public var numCandidateGroups: UInt32 = 2
  public var candidateLimit: Float = 1000
  public var weightMultiplier: Float = 0.4
  public var activationFunctions: [ActivationFunction] = [
    .sigmoid, .sigmoidSymmetric, .gaussian, .gaussianSymmetric, .elliot, .elliotSymmetric,
    .sinSymmetric, .cosSymmetric, .sin, .cos,
  ]
  public var activationSteepnesses: [Float] = [0.25, 0.5, 0.75, 1.0]

  public init() {}

  /// Candidates per cascade step: functions × steepnesses × groups.
  public var numCandidates: Int {
    activationFunctions.count * activationSteepnesses.count * Int(numCandidateGroups)
  }
}
