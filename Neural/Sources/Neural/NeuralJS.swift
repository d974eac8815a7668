// NeuralJS: networks behind scalar and Float32Array functions, for the browser chunk (Neural/JS/Neural.jsapi).
//
// The bundler's JS boundary carries numbers, typed arrays, strings and bytes, so this facade keeps
// networks (and training sets read from `.data` text: NeuralJS+Files.swift) in registries of integer
// handles. Every input that comes from JavaScript is validated here and rejected with a typed
// `NeuralJSError`, never a trap.

/// A JS-facing failure: codes and fields the loader turns into `neural.<case>` errors.
///
/// ```swift
/// #expect(throws: NeuralJSError.unknownNetwork(handle: 9)) { try NeuralJS.numInputs(9) }
/// ```
public enum NeuralJSError: Error, Equatable {
  case unknownNetwork(handle: Int)
  case invalidArgument(name: StaticString, value: Int)
  case shapeMismatch(expected: Int, actual: Int)
  case emptyData
  case malformedFile(line: Int, problem: StaticString)
  case unknownData(handle: Int)

  public static func == (a: NeuralJSError, b: NeuralJSError) -> Bool {
    switch (a, b) {
    case (.unknownNetwork(let x), .unknownNetwork(let y)), (.unknownData(let x), .unknownData(let y)):
      return x == y
    case (.malformedFile(let x, let p), .malformedFile(let y, let q)):
      return x == y && p.utf8Start == q.utf8Start
    case (.invalidArgument(let n, let v), .invalidArgument(let m, let w)):
      return v == w && n.utf8Start == m.utf8Start
    case (.shapeMismatch(let e, let a), .shapeMismatch(let f, let b)): return e == f && a == b
    case (.emptyData, .emptyData): return true
    default: return false
    }
  }

  /// The JS-facing form of a domain error: `NeuralJSError(.emptyData) == .emptyData`.
  public init(_ e: NeuralError) {
    switch e {
    case .malformedFile(let line, let problem): self = .malformedFile(line: line, problem: problem.name)
    case .shapeMismatch(let expected, let actual): self = .shapeMismatch(expected: expected, actual: actual)
    case .invalidArgument(let a):
      switch a {
      case .layers: self = .invalidArgument(name: "layers", value: 0)
      case .connectionRate: self = .invalidArgument(name: "connection rate", value: 0)
      case .range: self = .invalidArgument(name: "range", value: 0)
      case .index: self = .invalidArgument(name: "index", value: 0)
      case .activation: self = .invalidArgument(name: "activation", value: 0)
      case .notTrainable: self = .invalidArgument(name: "not trainable", value: 0)
      case .topology: self = .invalidArgument(name: "topology", value: 0)
      }
    case .emptyData: self = .emptyData
    case .io(let errno): self = .invalidArgument(name: "errno", value: Int(errno))
    }
  }
}

nonisolated(unsafe) private var networks: [Network?] = []

extension NeuralError.FileProblem {
  /// A short English name for JS messages ("malformed file at line 3: bad number").
  var name: StaticString {
    switch self {
    case .wrongVersion: return "unsupported version"
    case .missingField: return "missing field"
    case .badNumber: return "bad number"
    case .badCount: return "bad count"
    case .badEnum: return "value out of range"
    case .badConnection: return "bad connection"
    case .truncated: return "truncated"
    case .trailingJunk: return "trailing text"
    case .carriageReturn: return "carriage return"
    }
  }
}

/// Functions over a registry of networks, for the browser chunk.
///
/// ```swift
/// let h = try NeuralJS.create(layers: [2, 3, 1])
/// try NeuralJS.randomize(h, seed: 1, min: -0.1, max: 0.1)
/// ```
public enum NeuralJS {
  /// The largest layer size and layer count accepted from JS.
  static let maxLayerSize = 1 << 16
  static let maxLayers = 64

  static func with<R>(_ handle: Int, _ body: (inout Network) throws(NeuralError) -> R) throws(NeuralJSError) -> R {
    guard handle >= 0, handle < networks.count, networks[handle] != nil else {
      throw .unknownNetwork(handle: handle)
    }
    do { return try body(&networks[handle]!) } catch { throw NeuralJSError(error) }
  }

  static func integer(_ x: Float, _ name: StaticString, in range: ClosedRange<Int>) throws(NeuralJSError) -> Int {
    guard x.isFinite, x.rounded() == x, x >= Float(range.lowerBound), x <= Float(range.upperBound) else {
      throw .invalidArgument(name: name, value: x.isFinite ? Int(x.rounded(.towardZero)) : -1)
    }
    return Int(x)
  }

  static func seed(_ s: Double) throws(NeuralJSError) -> UInt64 {
    guard s.isFinite, s.rounded() == s, s >= 0, s <= 9_007_199_254_740_992 else {
      throw .invalidArgument(name: "seed", value: s.isFinite ? Int(s.rounded(.towardZero)) : -1)
    }
    return UInt64(s)
  }

  /// A new standard (fully connected, layered) network's handle; `layers` lists the neurons per layer.
  public static func create(layers: UnsafeBufferPointer<Float>) throws(NeuralJSError) -> Int {
    guard layers.count >= 2, layers.count <= maxLayers else {
      throw .invalidArgument(name: "layer count", value: layers.count)
    }
    var sizes: [Int] = []
    for x in layers { sizes.append(try integer(x, "layer size", in: 1...maxLayerSize)) }
    let net: Network
    do { net = try Network.standard(layers: sizes) } catch { throw NeuralJSError(error) }
    return register(net)
  }

  /// Stores a network in the first free slot and returns its handle.
  static func register(_ net: Network) -> Int {
    if let free = networks.firstIndex(where: { $0 == nil }) {
      networks[free] = net
      return free
    }
    networks.append(net)
    return networks.count - 1
  }

  /// Frees a network.
  public static func destroy(_ handle: Int) throws(NeuralJSError) {
    try with(handle) { _ throws(NeuralError) in }
    networks[handle] = nil
  }

  /// Sets the hidden and output layers' activation functions (FANN numbers: 3 sigmoid, 5 sigmoid symmetric, …).
  public static func setActivation(_ handle: Int, hidden: Int, output: Int) throws(NeuralJSError) {
    guard let h = UInt32(exactly: hidden).flatMap(ActivationFunction.init(rawValue:)) else {
      throw .invalidArgument(name: "hidden activation", value: hidden)
    }
    guard let o = UInt32(exactly: output).flatMap(ActivationFunction.init(rawValue:)) else {
      throw .invalidArgument(name: "output activation", value: output)
    }
    try with(handle) { (net: inout Network) throws(NeuralError) in
      net.setHiddenActivation(h)
      net.setOutputActivation(o)
    }
  }

  /// Selects the training algorithm (0 incremental, 1 batch, 2 RPROP, 3 quickprop, 4 SARPROP) and learning rate.
  public static func setTraining(_ handle: Int, algorithm: Int, learningRate: Float) throws(NeuralJSError) {
    guard let a = UInt32(exactly: algorithm).flatMap(Network.TrainingAlgorithm.init(rawValue:)) else {
      throw .invalidArgument(name: "algorithm", value: algorithm)
    }
    guard learningRate.isFinite, learningRate > 0 else {
      throw .invalidArgument(name: "learning rate", value: 0)
    }
    try with(handle) { (net: inout Network) throws(NeuralError) in
      net.trainingAlgorithm = a
      net.learningRate = learningRate
    }
  }

  /// Draws every weight uniformly from [min, max] with a generator seeded by `seed`.
  public static func randomize(_ handle: Int, seed s: Double, min: Float, max: Float) throws(NeuralJSError) {
    let seed = try seed(s)
    guard min.isFinite, max.isFinite, min <= max else { throw .invalidArgument(name: "weight range", value: 0) }
    try with(handle) { (net: inout Network) throws(NeuralError) in
      var rng = NeuralRandom(seed: seed)
      try net.randomizeWeights(min, max, using: &rng)
    }
  }

  static func data(_ handle: Int, _ inputs: UnsafeBufferPointer<Float>, _ outputs: UnsafeBufferPointer<Float>)
    throws(NeuralJSError) -> TrainingData
  {
    let (ni, no) = try with(handle) { (net: inout Network) throws(NeuralError) in (net.numInputs, net.numOutputs) }
    guard inputs.count % ni == 0 else { throw .shapeMismatch(expected: (inputs.count / ni + 1) * ni, actual: inputs.count) }
    let n = inputs.count / ni
    guard n > 0 else { throw .emptyData }
    guard outputs.count == n * no else { throw .shapeMismatch(expected: n * no, actual: outputs.count) }
    do { return try TrainingData(numInputs: ni, numOutputs: no, inputs: Array(inputs), outputs: Array(outputs)) } catch { throw NeuralJSError(error) }
  }

  /// Trains `epochs` epochs on row-major inputs and desired outputs; returns the last epoch's MSE.
  public static func train(
    _ handle: Int, epochs: Int, inputs: UnsafeBufferPointer<Float>, outputs: UnsafeBufferPointer<Float>
  ) throws(NeuralJSError) -> Float {
    guard epochs >= 1 else { throw .invalidArgument(name: "epochs", value: epochs) }
    let set = try data(handle, inputs, outputs)
    return try with(handle) { (net: inout Network) throws(NeuralError) in
      var mse: Float = 0
      for _ in 0..<epochs { mse = try net.trainEpoch(on: set) }
      return mse
    }
  }

  /// The MSE of the network on row-major inputs and desired outputs, without training.
  public static func test(
    _ handle: Int, inputs: UnsafeBufferPointer<Float>, outputs: UnsafeBufferPointer<Float>
  ) throws(NeuralJSError) -> Float {
    let set = try data(handle, inputs, outputs)
    return try with(handle) { (net: inout Network) throws(NeuralError) in try net.test(on: set) }
  }

  /// Runs one input vector (the gemv fast path on dense nets); `result` must hold exactly the
  /// network's outputs.
  public static func run(
    _ handle: Int, input: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) throws(NeuralJSError) {
    let y = try with(handle) { (net: inout Network) throws(NeuralError) in
      guard result.count == net.numOutputs else {
        throw NeuralError.shapeMismatch(expected: net.numOutputs, actual: result.count)
      }
      return try net.runFast(Array(input))
    }
    for i in 0..<y.count { result[i] = y[i] }
  }

  /// The network's input count.
  public static func numInputs(_ handle: Int) throws(NeuralJSError) -> Int {
    try with(handle) { (net: inout Network) throws(NeuralError) in net.numInputs }
  }

  /// The network's output count.
  public static func numOutputs(_ handle: Int) throws(NeuralJSError) -> Int {
    try with(handle) { (net: inout Network) throws(NeuralError) in net.numOutputs }
  }

  /// The network's connection (weight) count.
  public static func totalConnections(_ handle: Int) throws(NeuralJSError) -> Int {
    try with(handle) { (net: inout Network) throws(NeuralError) in net.totalConnections }
  }
}
