// DifferentiableJS: the differentiable layers behind integer handles, for the browser chunk
// (Neural/JS/NeuralDifferentiable.jsapi).
//
// A model is a ``SequentialModel``: JS creates one for samples of `[features]` or
// `[length, features]`, appends layers (dense, RNN/LSTM/GRU, attention, Transformer encoder,
// causal convolution, layer norm, dropout, positions, last step, flatten, activation), picks a loss
// and an optimizer, trains on Float32Array batches, predicts, and saves or loads the model file as
// bytes. Every number that comes from JavaScript is checked here first and rejected with a typed
// `DifferentiableJSError`; what passes is checked again by SequentialModel, whose validation keeps
// every precondition of Shape, Tensor and the layers out of reach. Nothing here traps.

/// A JS-facing failure of the differentiable API: codes and fields the loader turns into
/// `neural.<case>` errors.
///
/// ```swift
/// #expect(throws: DifferentiableJSError.unknownModel(handle: 9)) { try DifferentiableJS.parameterCount(9) }
/// ```
public enum DifferentiableJSError: Error, Equatable {
  /// No live model has this handle.
  case unknownModel(handle: Int)
  /// A number outside what the parameter accepts (non-finite values are reported as -1).
  case invalidModelArgument(name: StaticString, value: Int)
  /// An array's length does not fit the model (`expected` is one sample's count, or the targets' count).
  case modelShapeMismatch(expected: Int, actual: Int)
  /// Layer number `layer` does not fit the shape the layers before it produce (or the model's limits).
  case incompatibleLayer(layer: Int)
  /// Model-file bytes that could not be read (`reason` as listed at `init(_: ModelFileError)`).
  case invalidModelFile(reason: Int)
  /// Training a model without trainable parameters.
  case emptyModel
  /// The batch needs more memory than one step may use; `maxBatch` samples fit.
  case batchTooLarge(maxBatch: Int)

  public static func == (a: DifferentiableJSError, b: DifferentiableJSError) -> Bool {
    switch (a, b) {
    case (.unknownModel(let x), .unknownModel(let y)), (.incompatibleLayer(let x), .incompatibleLayer(let y)),
      (.invalidModelFile(let x), .invalidModelFile(let y)), (.batchTooLarge(let x), .batchTooLarge(let y)):
      return x == y
    case (.invalidModelArgument(let n, let v), .invalidModelArgument(let m, let w)):
      return v == w && n.utf8Start == m.utf8Start
    case (.modelShapeMismatch(let e, let a), .modelShapeMismatch(let f, let b)): return e == f && a == b
    case (.emptyModel, .emptyModel): return true
    default: return false
    }
  }

  /// The reason code of a model-file error: 1 bad magic, 2 unsupported version, 3 truncated,
  /// 4 checksum mismatch, 5 malformed, 6 trailing bytes, 7 missing tensor, 8 tensor shape mismatch.
  ///
  /// ```swift
  /// DifferentiableJSError(ModelFileError.truncated) == .invalidModelFile(reason: 3)
  /// ```
  public init(_ e: ModelFileError) {
    switch e {
    case .badMagic: self = .invalidModelFile(reason: 1)
    case .unsupportedVersion: self = .invalidModelFile(reason: 2)
    case .truncated: self = .invalidModelFile(reason: 3)
    case .checksumMismatch: self = .invalidModelFile(reason: 4)
    case .malformed: self = .invalidModelFile(reason: 5)
    case .trailingBytes: self = .invalidModelFile(reason: 6)
    case .missingTensor: self = .invalidModelFile(reason: 7)
    case .shapeMismatch: self = .invalidModelFile(reason: 8)
    }
  }

  /// The JS-facing form of a tensor error (shapes become element counts).
  public init(_ e: TensorError) {
    switch e {
    case .shapeMismatch(let a, let b): self = .modelShapeMismatch(expected: a.count, actual: b.count)
    default: self = .invalidModelArgument(name: "tensor", value: 0)
    }
  }
}

nonisolated(unsafe) private var models: [SequentialModel?] = []

/// Builds, trains, runs, saves and loads differentiable models behind integer handles.
///
/// ```swift
/// let m = try DifferentiableJS.createModel(length: 24, features: 1, seed: 1)
/// try DifferentiableJS.addRecurrent(m, cell: 1, units: 16, layers: 1)
/// try DifferentiableJS.addLastStep(m)
/// try DifferentiableJS.addDense(m, units: 1, activation: 11)
/// ```
public enum DifferentiableJS {
  /// The most input values one call accepts.
  public static let maxInputCount = 1 << 24

  static func model(_ handle: Int) throws(DifferentiableJSError) -> SequentialModel {
    guard handle >= 0, handle < models.count, let m = models[handle] else { throw .unknownModel(handle: handle) }
    return m
  }

  static func size(_ x: Int, _ name: StaticString, from low: Int = 1) throws(DifferentiableJSError) -> Int {
    guard x >= low, x <= SequentialModel.maxSize else { throw .invalidModelArgument(name: name, value: x) }
    return x
  }

  static func activation(_ x: Int) throws(DifferentiableJSError) -> Activation {
    guard let a = UInt8(exactly: x).flatMap(Activation.init(rawValue:)) else {
      throw .invalidModelArgument(name: "activation", value: x)
    }
    return a
  }

  static func rate(_ p: Float, _ name: StaticString) throws(DifferentiableJSError) -> Float {
    guard p >= 0, p < 1 else { throw .invalidModelArgument(name: name, value: p.isFinite ? Int(p.rounded(.towardZero)) : -1) }
    return p
  }

  static func flag(_ x: Int, _ name: StaticString) throws(DifferentiableJSError) -> Bool {
    guard x == 0 || x == 1 else { throw .invalidModelArgument(name: name, value: x) }
    return x == 1
  }

  static func positive(_ x: Float, _ name: StaticString, allowZero: Bool = false) throws(DifferentiableJSError) -> Float {
    guard x.isFinite, x > 0 || (allowZero && x == 0) else {
      throw .invalidModelArgument(name: name, value: x.isFinite ? Int(x.rounded(.towardZero)) : -1)
    }
    return x
  }

  static func add(_ handle: Int, _ spec: LayerSpec) throws(DifferentiableJSError) {
    let m = try model(handle)
    do { try m.add(spec) } catch { throw .incompatibleLayer(layer: m.specs.count) }
  }

  static func register(_ m: SequentialModel) -> Int {
    if let free = models.firstIndex(where: { $0 == nil }) {
      models[free] = m
      return free
    }
    models.append(m)
    return models.count - 1
  }

  /// A new empty model for samples of `[features]` (`length` 0) or `[length, features]`.
  /// `seed` (an integer ≥ 0) fixes the initial weights and dropout.
  public static func createModel(length: Int, features: Int, seed s: Double) throws(DifferentiableJSError) -> Int {
    guard s.isFinite, s.rounded() == s, s >= 0, s <= 9_007_199_254_740_992 else {
      throw .invalidModelArgument(name: "seed", value: s.isFinite ? Int(clamping: Int64(s.rounded(.towardZero))) : -1)
    }
    let seed = UInt64(s)
    let f = try size(features, "features")
    let t = try size(length, "length", from: 0)
    let shape = t == 0 ? Shape(f) : Shape(t, f)
    do { return register(try SequentialModel(inputShape: shape, seed: seed)) } catch {
      throw .invalidModelArgument(name: "input shape", value: f)
    }
  }

  /// Frees a model.
  public static func destroyModel(_ handle: Int) throws(DifferentiableJSError) {
    _ = try model(handle)
    models[handle] = nil
  }

  /// Appends a dense layer of `units` outputs and activation `activation` (0 relu, 1 leaky relu,
  /// 2 sigmoid, 3 tanh, 4 exp, 5 log, 6 softplus, 7 gelu, 8 square, 9 sqrt, 10 abs, 11 identity).
  public static func addDense(_ handle: Int, units: Int, activation a: Int) throws(DifferentiableJSError) {
    let spec = LayerSpec(.dense, size: try size(units, "units"), activation: try activation(a))
    try add(handle, spec)
  }

  /// Appends `layers` stacked recurrent layers (`cell` 0 tanh RNN, 1 LSTM, 2 GRU) of `units` units,
  /// returning every step's hidden state.
  public static func addRecurrent(_ handle: Int, cell: Int, units: Int, layers: Int) throws(DifferentiableJSError) {
    let kinds: [LayerKind] = [.rnn, .lstm, .gru]
    guard cell >= 0, cell < kinds.count else { throw .invalidModelArgument(name: "cell", value: cell) }
    guard layers >= 1, layers <= SequentialModel.maxRecurrentLayers else {
      throw .invalidModelArgument(name: "layers", value: layers)
    }
    try add(handle, LayerSpec(kinds[cell], size: try size(units, "units"), count: layers))
  }

  /// Appends multi-head self-attention with `heads` heads (they must divide the feature count);
  /// `causal` 1 masks later positions.
  public static func addAttention(_ handle: Int, heads: Int, causal: Int) throws(DifferentiableJSError) {
    let spec = LayerSpec(.attention, count: try size(heads, "heads"), causal: try flag(causal, "causal"))
    try add(handle, spec)
  }

  /// Appends a pre-norm Transformer encoder layer.
  public static func addTransformerEncoder(
    _ handle: Int, heads: Int, feedForward: Int, dropout: Float, causal: Int
  ) throws(DifferentiableJSError) {
    let spec = LayerSpec(
      .transformerEncoder, size: try size(feedForward, "feed-forward"), count: try size(heads, "heads"),
      rate: try rate(dropout, "dropout"), causal: try flag(causal, "causal"))
    try add(handle, spec)
  }

  /// Appends a causal dilated convolution of `channels` output channels.
  public static func addConv1D(
    _ handle: Int, channels: Int, kernel: Int, dilation: Int, activation a: Int
  ) throws(DifferentiableJSError) {
    let spec = LayerSpec(
      .conv1D, size: try size(channels, "channels"), count: try size(kernel, "kernel"),
      dilation: try size(dilation, "dilation"), activation: try activation(a))
    try add(handle, spec)
  }

  /// Appends layer normalisation over the last axis.
  public static func addLayerNorm(_ handle: Int) throws(DifferentiableJSError) { try add(handle, LayerSpec(.layerNorm)) }

  /// Appends dropout with probability `rate` in [0, 1).
  public static func addDropout(_ handle: Int, rate p: Float) throws(DifferentiableJSError) {
    try add(handle, LayerSpec(.dropout, rate: try rate(p, "rate")))
  }

  /// Appends sinusoidal positions (added to `[length, dimension]`).
  public static func addPositionalEncoding(_ handle: Int) throws(DifferentiableJSError) {
    try add(handle, LayerSpec(.positionalEncoding))
  }

  /// Appends a layer keeping only the last step of a sequence.
  public static func addLastStep(_ handle: Int) throws(DifferentiableJSError) { try add(handle, LayerSpec(.lastStep)) }

  /// Appends a layer flattening `[length, features]` into one vector.
  public static func addFlatten(_ handle: Int) throws(DifferentiableJSError) { try add(handle, LayerSpec(.flatten)) }

  /// Appends an elementwise activation (numbers as ``addDense(_:units:activation:)``).
  public static func addActivation(_ handle: Int, activation a: Int) throws(DifferentiableJSError) {
    try add(handle, LayerSpec(.activation, activation: try activation(a)))
  }

  /// Sets the loss: 0 MSE, 1 MAE, 2 Huber (`parameter` = delta > 0), 3 pinball (`parameter` =
  /// quantile in (0, 1)).
  public static func setLoss(_ handle: Int, loss: Int, parameter: Float) throws(DifferentiableJSError) {
    let m = try model(handle)
    let l: PointLoss
    switch loss {
    case 0: l = .mse
    case 1: l = .mae
    case 2: l = .huber(delta: try positive(parameter, "delta"))
    case 3:
      guard parameter > 0, parameter < 1 else { throw .invalidModelArgument(name: "quantile", value: 0) }
      l = .pinball(quantile: parameter)
    default: throw .invalidModelArgument(name: "loss", value: loss)
    }
    do { try m.setLoss(l) } catch { throw .invalidModelArgument(name: "loss", value: loss) }
  }

  /// Sets the optimizer (0 SGD, 1 Adam, 2 AdamW, 3 RMSprop; PyTorch's default betas, epsilons and
  /// smoothing), its learning rate, weight decay, momentum (SGD and RMSprop) and a global
  /// gradient-norm limit (0: none).
  public static func setOptimizer(
    _ handle: Int, optimizer: Int, learningRate: Float, weightDecay: Float, momentum: Float, clipNorm: Float
  ) throws(DifferentiableJSError) {
    let m = try model(handle)
    let lr = try positive(learningRate, "learning rate")
    let wd = try positive(weightDecay, "weight decay", allowZero: true)
    let clip = try positive(clipNorm, "clip norm", allowZero: true)
    guard momentum >= 0, momentum < 1 else { throw .invalidModelArgument(name: "momentum", value: momentum.isFinite ? Int(momentum.rounded(.towardZero)) : -1) }
    let rule: OptimizerRule
    switch optimizer {
    case 0: rule = .sgd(momentum: momentum, weightDecay: wd)
    case 1: rule = .adam(weightDecay: wd)
    case 2: rule = .adamW(weightDecay: wd)
    case 3: rule = .rmsProp(momentum: momentum, weightDecay: wd)
    default: throw .invalidModelArgument(name: "optimizer", value: optimizer)
    }
    do { try m.setOptimizer(rule, learningRate: lr, clipNorm: clip) } catch {
      throw .invalidModelArgument(name: "optimizer", value: optimizer)
    }
  }

  /// The batch size of `inputs` for model `m`, checking `targets` too when given.
  static func batch(
    _ m: SequentialModel, _ inputs: UnsafeBufferPointer<Float>, _ targets: UnsafeBufferPointer<Float>?
  ) throws(DifferentiableJSError) -> Int {
    let per = m.inputShape.count
    guard inputs.count > 0, inputs.count <= maxInputCount, inputs.count % per == 0 else {
      throw .modelShapeMismatch(expected: per, actual: inputs.count)
    }
    let b = inputs.count / per
    guard b <= m.maxBatch else { throw .batchTooLarge(maxBatch: m.maxBatch) }
    if let targets, targets.count != b * m.outputShape.count {
      throw .modelShapeMismatch(expected: b * m.outputShape.count, actual: targets.count)
    }
    return b
  }

  /// One training step on a batch (row-major samples and targets); returns the loss before the update.
  public static func trainStep(
    _ handle: Int, inputs: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>
  ) throws(DifferentiableJSError) -> Float {
    let m = try model(handle)
    guard m.parameterCount > 0 else { throw .emptyModel }
    _ = try batch(m, inputs, targets)
    do { return try m.trainStep(inputs: inputs, targets: targets) } catch { throw DifferentiableJSError(error) }
  }

  /// The loss on a batch, without training.
  public static func evaluate(
    _ handle: Int, inputs: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>
  ) throws(DifferentiableJSError) -> Float {
    let m = try model(handle)
    _ = try batch(m, inputs, targets)
    do { return try m.evaluate(inputs: inputs, targets: targets) } catch { throw DifferentiableJSError(error) }
  }

  /// The outputs for a batch, row-major (batch × ``outputSize(_:)`` values).
  public static func predict(_ handle: Int, inputs: UnsafeBufferPointer<Float>) throws(DifferentiableJSError) -> [Float] {
    let m = try model(handle)
    _ = try batch(m, inputs, nil)
    do { return try m.predict(inputs: inputs) } catch { throw DifferentiableJSError(error) }
  }

  /// Values per sample of the model's output.
  public static func outputSize(_ handle: Int) throws(DifferentiableJSError) -> Int { try model(handle).outputShape.count }

  /// Values per sample of the model's input.
  public static func inputSize(_ handle: Int) throws(DifferentiableJSError) -> Int { try model(handle).inputShape.count }

  /// The largest batch one step accepts (its memory is bounded before it runs).
  public static func maxBatch(_ handle: Int) throws(DifferentiableJSError) -> Int { try model(handle).maxBatch }

  /// Number of layers.
  public static func layerCount(_ handle: Int) throws(DifferentiableJSError) -> Int { try model(handle).specs.count }

  /// Trainable scalars.
  public static func parameterCount(_ handle: Int) throws(DifferentiableJSError) -> Int { try model(handle).parameterCount }

  /// The model file (architecture, settings, weights) as bytes.
  public static func save(_ handle: Int) throws(DifferentiableJSError) -> [UInt8] { try model(handle).encoded() }

  /// A new model's handle from model-file bytes.
  public static func load(_ data: UnsafeBufferPointer<UInt8>) throws(DifferentiableJSError) -> Int {
    do { return register(try SequentialModel(decoding: Array(data))) } catch { throw DifferentiableJSError(error) }
  }
}
