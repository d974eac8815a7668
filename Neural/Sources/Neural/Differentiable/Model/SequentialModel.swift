// SequentialModel: a stack of differentiable layers described by data, so that a model can be
// assembled from plain numbers (the browser chunk's facade does exactly that), trained one batch
// per call, and saved to / rebuilt from a ModelFile that carries its architecture as well as its
// weights.
//
// Invariants
// - Every layer is validated against the per-sample shape the stack produces so far before it is
//   built: a wrong size, a non-dividing head count, a rank the layer cannot take, or a model that
//   would exceed `maxParameters` is a typed `TensorError`, so no precondition of Shape, Tensor or
//   MultiHeadAttention is reachable from here.
// - Sizes are multiplied with saturation (Int is 32 bits on wasm32), and a step's memory is bounded
//   before it runs: every layer adds an upper bound of the floats it records per sample
//   (`workPerSample`), and a batch whose bound exceeds `maxWorkingSet` is refused with a typed
//   error instead of growing the graph's arena until an allocation traps.
// - A sample is rank 1 (`[features]`) or rank 2 (`[length, features]`); a batch adds a leading
//   axis, so a graph value is at most rank 3 (attention reshapes to rank 4 internally).
// - Decoding rebuilds the stack through the same validation, then loads the weights by position,
//   so a file whose architecture and tensors disagree is rejected, never half-applied.
//
// Goals, in priority order: no trap on any input; the same numbers natively and in wasm; low
// per-step overhead (one Graph reused across steps, so memory reaches a high-water mark and stays).

/// What a ``SequentialModel`` layer is.
///
/// ```swift
/// LayerKind(rawValue: 2)   // .lstm
/// ```
public enum LayerKind: Int, Sendable, CaseIterable {
  /// ``Dense`` on the last axis: `size` outputs, `activation`.
  case dense = 0
  /// ``Recurrent`` (tanh RNN, LSTM, GRU) over `[length, features]`: `size` hidden units, `count`
  /// stacked layers; outputs every step's top hidden state.
  case rnn = 1, lstm = 2, gru = 3
  /// Multi-head self-attention (``MultiHeadAttention``) over `[length, dimension]`: `count` heads,
  /// optionally `causal`.
  case attention = 4
  /// A pre-norm ``TransformerEncoderLayer``: `count` heads, `size` feed-forward units, `rate`
  /// dropout, optionally `causal`.
  case transformerEncoder = 5
  /// ``LayerNorm`` over the last axis.
  case layerNorm = 6
  /// ``Dropout`` with probability `rate`.
  case dropout = 7
  /// Causal dilated ``Conv1D`` over `[length, channels]`: `size` output channels, kernel `count`,
  /// dilation `dilation`, `activation`.
  case conv1D = 8
  /// Adds the sinusoidal positions of Vaswani et al. (2017) to `[length, dimension]`.
  case positionalEncoding = 9
  /// Keeps the last step of `[length, features]`: `[features]`.
  case lastStep = 10
  /// Flattens `[length, features]` to `[length · features]`.
  case flatten = 11
  /// An elementwise ``Activation``.
  case activation = 12
}

/// One layer of a ``SequentialModel``, as numbers (its input size comes from the layer before).
///
/// ```swift
/// let spec = LayerSpec(.lstm, size: 32, count: 2)
/// ```
public struct LayerSpec: Equatable, Sendable {
  /// The layer type.
  public var kind: LayerKind
  /// Outputs, hidden units, output channels or feed-forward units (see ``LayerKind``).
  public var size: Int
  /// Stacked layers, heads or kernel size (see ``LayerKind``).
  public var count: Int
  /// The convolution's dilation.
  public var dilation: Int
  /// Applied after a dense or convolution layer, or as the layer itself.
  public var activation: Activation
  /// A dropout probability in [0, 1).
  public var rate: Float
  /// Masks future positions in attention.
  public var causal: Bool

  /// A layer description; fields a kind does not use are ignored.
  public init(
    _ kind: LayerKind, size: Int = 0, count: Int = 1, dilation: Int = 1,
    activation: Activation = .identity, rate: Float = 0, causal: Bool = false
  ) {
    self.kind = kind
    self.size = size
    self.count = count
    self.dilation = dilation
    self.activation = activation
    self.rate = rate
    self.causal = causal
  }
}

/// The loss a ``SequentialModel`` trains on.
///
/// ```swift
/// let loss = PointLoss.huber(delta: 0.5)
/// ```
public enum PointLoss: Equatable, Sendable {
  /// Mean squared error.
  case mse
  /// Mean absolute error.
  case mae
  /// Huber with threshold `delta` > 0.
  case huber(delta: Float)
  /// Pinball at `quantile` in (0, 1).
  case pinball(quantile: Float)
}

/// A stack of layers over samples of a fixed shape, with its loss and optimizer.
///
/// ```swift
/// let model = try SequentialModel(inputShape: Shape(24, 1), seed: 7)
/// try model.add(LayerSpec(.lstm, size: 16))
/// try model.add(LayerSpec(.lastStep))
/// try model.add(LayerSpec(.dense, size: 1))
/// model.outputShape     // [1]
/// ```
public final class SequentialModel: Layer {
  /// The largest size, head count or kernel accepted for one layer.
  public static let maxSize = 1 << 14
  /// The largest number of trainable scalars in a model.
  public static let maxParameters = 1 << 24
  /// The most layers in a stack.
  public static let maxLayers = 256
  /// The most stacked recurrent layers in one ``LayerKind/lstm`` (and the others) entry.
  public static let maxRecurrentLayers = 16
  /// The most floats one training step may record (an upper bound, checked before the step; the
  /// gradient arena doubles it).
  public static let maxWorkingSet = 1 << 25

  /// One sample's shape: `[features]` or `[length, features]`.
  public let inputShape: Shape
  /// The seed of the initial weights and of dropout.
  public let seed: UInt64
  /// The layers, in order.
  public private(set) var specs: [LayerSpec] = []
  /// One sample's output shape (the input shape while the stack is empty).
  public private(set) var outputShape: Shape
  /// The training loss (MSE unless set).
  public private(set) var loss: PointLoss = .mse
  /// The update rule (Adam unless set).
  public private(set) var rule: OptimizerRule = .adam()
  /// The learning rate (1e-3 unless set).
  public private(set) var learningRate: Float = 1e-3
  /// The global gradient-norm limit, or 0 for none.
  public private(set) var clipNorm: Float = 0

  var layers: [any UnaryLayer] = []
  var rng: NeuralRandom
  let graph: Graph
  var optimizer: Optimizer?
  /// Trainable scalars so far.
  public private(set) var parameterCount = 0
  /// An upper bound of the floats one sample records in a training step (inputs, every layer's
  /// values and saved buffers, targets and loss).
  public private(set) var workPerSample = 0

  /// An empty stack over samples of `inputShape` (rank 1 or 2, every dimension in 1...maxSize).
  ///
  /// ```swift
  /// let mlp = try SequentialModel(inputShape: Shape(4))
  /// ```
  public init(inputShape: Shape, seed: UInt64 = 0) throws(TensorError) {
    guard inputShape.rank == 1 || inputShape.rank == 2 else { throw .invalidArgument }
    for d in inputShape.dims where d < 1 || d > SequentialModel.maxSize { throw .invalidArgument }
    self.inputShape = inputShape
    self.seed = seed
    outputShape = inputShape
    workPerSample = 2 * inputShape.count + 2
    rng = NeuralRandom(seed: seed)
    graph = Graph(capacity: 1 << 12, seed: seed ^ 0x5EED)
  }

  /// Every trainable parameter, layer by layer.
  public var parameters: [Parameter] { layers.flatMap { $0.parameters } }

  /// Appends a layer after checking it against the current output shape.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(8, 3))
  /// try m.add(LayerSpec(.attention, count: 2))     // throws: 2 heads do not divide 3 features
  /// ```
  /// - Complexity: O(the layer's parameters).
  public func add(_ spec: LayerSpec) throws(TensorError) {
    guard specs.count < SequentialModel.maxLayers else { throw .invalidArgument }
    let (out, params) = try SequentialModel.check(spec, input: outputShape)
    guard params <= SequentialModel.maxParameters - parameterCount else { throw .invalidArgument }
    let work = Self.sum(workPerSample, SequentialModel.work(spec, input: outputShape, output: out))
    guard Self.sum(work, 3 * out.count) <= SequentialModel.maxWorkingSet else { throw .invalidArgument }
    layers.append(build(spec, input: outputShape))
    specs.append(spec)
    outputShape = out
    parameterCount += params
    workPerSample = work
    optimizer = nil
  }

  /// The largest batch one step accepts (at least 1 once built: ``add(_:)`` refuses a layer that
  /// would not fit one sample).
  public var maxBatch: Int { SequentialModel.maxWorkingSet / Swift.max(Self.sum(workPerSample, 3 * outputShape.count), 1) }

  /// An upper bound of the floats `spec` records per sample (see ``workPerSample``).
  static func work(_ spec: LayerSpec, input: Shape, output: Shape) -> Int {
    let t = input.rank == 2 ? input[0] : 1, f = input.last, n = output.count
    switch spec.kind {
    case .dense: return sum(input.count, product(3, n))
    case .rnn, .lstm, .gru:
      let g = spec.kind == .rnn ? 1 : spec.kind == .lstm ? 4 : 3, h = spec.size
      let perStep = sum(product(5, g, h), product(12, h))
      return sum(product(spec.count, t, perStep), product(3, t, Swift.max(f, h)))
    case .attention, .transformerEncoder:
      let scores = product(4, spec.count, t, t)
      if spec.kind == .attention { return sum(product(16, n), scores) }
      return sum(product(30, n), scores, product(4, t, spec.size))
    case .layerNorm, .conv1D: return product(4 + spec.count, n)
    case .dropout, .positionalEncoding: return product(2, n)
    case .lastStep, .activation: return n
    case .flatten: return 0
    }
  }

  /// `a + b + …`, saturating at `Int.max` (sizes come from outside; Int is 32 bits on wasm32).
  static func sum(_ xs: Int...) -> Int {
    var r = 0
    for x in xs {
      let (s, o) = r.addingReportingOverflow(x)
      if o { return .max }
      r = s
    }
    return r
  }

  /// `a · b · …` for non-negative factors, saturating at `Int.max`.
  static func product(_ xs: Int...) -> Int {
    var r = 1
    for x in xs {
      let (p, o) = r.multipliedReportingOverflow(by: x)
      if o { return .max }
      r = p
    }
    return r
  }

  static func inRange(_ x: Int, _ low: Int = 1) throws(TensorError) {
    guard x >= low, x <= maxSize else { throw .invalidArgument }
  }

  /// The output shape and parameter count of `spec` on samples of shape `input`.
  static func check(_ spec: LayerSpec, input: Shape) throws(TensorError) -> (Shape, Int) {
    let last = input.last
    func sequence() throws(TensorError) -> Int {
      guard input.rank == 2 else { throw .shapeMismatch(input, Shape(1, last)) }
      return input[0]
    }
    func replacingLast(_ n: Int) -> Shape { input.rank == 1 ? Shape(n) : Shape(input[0], n) }
    switch spec.kind {
    case .dense:
      try inRange(spec.size)
      return (replacingLast(spec.size), sum(product(last, spec.size), spec.size))
    case .rnn, .lstm, .gru:
      let t = try sequence()
      try inRange(spec.size)
      guard spec.count >= 1, spec.count <= maxRecurrentLayers else { throw .invalidArgument }
      let g = spec.kind == .rnn ? 1 : spec.kind == .lstm ? 4 : 3
      let h = spec.size
      let biases = spec.kind == .gru ? 2 : 1
      let first = sum(product(g, h, last + h), product(biases, g, h))
      let rest = product(spec.count - 1, sum(product(g, h, 2 * h), product(biases, g, h)))
      return (Shape(t, h), sum(first, rest))
    case .attention, .transformerEncoder:
      _ = try sequence()
      try inRange(spec.count)
      guard last % spec.count == 0 else { throw .invalidArgument }
      let attention = sum(product(4, last, last), 4 * last)
      if spec.kind == .attention { return (input, attention) }
      try inRange(spec.size)
      guard spec.rate >= 0, spec.rate < 1 else { throw .invalidArgument }
      return (input, sum(attention, 5 * last, product(2, last, spec.size), spec.size))
    case .layerNorm: return (input, 2 * last)
    case .dropout:
      guard spec.rate >= 0, spec.rate < 1 else { throw .invalidArgument }
      return (input, 0)
    case .conv1D:
      let t = try sequence()
      try inRange(spec.size)
      try inRange(spec.count)
      try inRange(spec.dilation)
      return (Shape(t, spec.size), sum(product(spec.count, last, spec.size), spec.size))
    case .positionalEncoding:
      _ = try sequence()
      return (input, 0)
    case .lastStep:
      _ = try sequence()
      return (Shape(last), 0)
    case .flatten: return (Shape(product(try sequence(), last)), 0)
    case .activation: return (input, 0)
    }
  }

  func build(_ spec: LayerSpec, input: Shape) -> any UnaryLayer {
    let last = input.last
    switch spec.kind {
    case .dense:
      return Dense(inputSize: last, outputSize: spec.size, activation: spec.activation, using: &rng)
    case .rnn, .lstm, .gru:
      let kind: RecurrentKind = spec.kind == .rnn ? .rnn : spec.kind == .lstm ? .lstm : .gru
      return SequenceLayer(Recurrent(kind, inputSize: last, hiddenSize: spec.size, layers: spec.count, using: &rng))
    case .attention:
      return CausalAttention(MultiHeadAttention(dimension: last, heads: spec.count, using: &rng), causal: spec.causal)
    case .transformerEncoder:
      return TransformerEncoderLayer(
        dimension: last, heads: spec.count, feedForward: spec.size, dropout: spec.rate, causal: spec.causal,
        using: &rng)
    case .layerNorm: return LayerNorm(last)
    case .dropout: return Dropout(spec.rate)
    case .conv1D:
      return Conv1D(
        inChannels: last, outChannels: spec.size, kernelSize: spec.count, dilation: spec.dilation,
        activation: spec.activation, using: &rng)
    case .positionalEncoding: return PositionalEncoding(length: input[0], dimension: last)
    case .lastStep: return LastStep()
    case .flatten: return Flatten()
    case .activation: return ActivationLayer(spec.activation)
    }
  }

  /// Sets the training loss (a Huber delta must be > 0, a pinball quantile in (0, 1)).
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(2)); try m.setLoss(.pinball(quantile: 0.9))
  /// ```
  public func setLoss(_ loss: PointLoss) throws(TensorError) {
    switch loss {
    case .mse, .mae: break
    case .huber(let d): guard d > 0, d.isFinite else { throw .invalidArgument }
    case .pinball(let q): guard q > 0, q < 1 else { throw .invalidArgument }
    }
    self.loss = loss
  }

  /// Sets the update rule, learning rate and gradient-norm limit (0: none); the optimizer's
  /// moments restart.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(2))
  /// try m.setOptimizer(.adamW(), learningRate: 3e-3, clipNorm: 1)
  /// ```
  public func setOptimizer(_ rule: OptimizerRule, learningRate: Float, clipNorm: Float = 0) throws(TensorError) {
    guard learningRate > 0, learningRate.isFinite, clipNorm >= 0, clipNorm.isFinite else { throw .invalidArgument }
    func ok(_ xs: Float...) -> Bool { xs.allSatisfy { $0 >= 0 && $0.isFinite } }
    switch rule {
    case let .sgd(mu, _, wd): guard ok(mu, wd) else { throw .invalidArgument }
    case let .adam(b1, b2, eps, wd), let .adamW(b1, b2, eps, wd):
      guard ok(b1, b2, eps, wd), b1 < 1, b2 < 1 else { throw .invalidArgument }
    case let .rmsProp(alpha, eps, mu, wd):
      guard ok(alpha, eps, mu, wd), alpha < 1 else { throw .invalidArgument }
    }
    self.rule = rule
    self.learningRate = learningRate
    self.clipNorm = clipNorm
    optimizer = nil
  }

  /// The batch size of `count` input scalars (a positive multiple of one sample's count).
  public func batchSize(ofInputCount count: Int) throws(TensorError) -> Int {
    let per = inputShape.count
    guard count > 0, count % per == 0 else { throw .shapeMismatch(inputShape, Shape(count)) }
    return count / per
  }

  func forward(_ inputs: UnsafeBufferPointer<Float>, training: Bool) throws(TensorError) -> Var {
    let b = try batchSize(ofInputCount: inputs.count)
    guard b <= maxBatch else { throw .outOfRange }
    let g = graph
    g.reset()
    g.isTraining = training
    var x = g.constant(Tensor(shape: Shape([b] + inputShape.dims), scalars: Array(inputs)))
    for l in layers { x = try l(x, in: g) }
    return x
  }

  func lossVar(_ y: Var, _ targets: UnsafeBufferPointer<Float>) throws(TensorError) -> Var {
    guard targets.count == y.shape.count else { throw .shapeMismatch(y.shape, Shape(targets.count)) }
    let t = graph.constant(Tensor(shape: y.shape, scalars: Array(targets)))
    switch loss {
    case .mse: return try graph.mseLoss(y, t)
    case .mae: return try graph.maeLoss(y, t)
    case .huber(let d): return try graph.huberLoss(y, t, delta: d)
    case .pinball(let q): return try graph.pinballLoss(y, t, quantile: q)
    }
  }

  /// One training step on a batch (row-major samples and targets): forward, loss, backward,
  /// clipping, update. Returns the loss before the update.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(1)); try m.add(LayerSpec(.dense, size: 1))
  /// let loss = try [Float](arrayLiteral: 1, 2).withUnsafeBufferPointer { x throws(TensorError) in
  ///   try [Float](arrayLiteral: 2, 4).withUnsafeBufferPointer { y throws(TensorError) in
  ///     try m.trainStep(inputs: x, targets: y) } }
  /// ```
  /// - Complexity: one forward and one backward pass.
  @discardableResult
  public func trainStep(
    inputs: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>
  ) throws(TensorError) -> Float {
    let params = parameters
    guard !params.isEmpty else { throw .invalidArgument }
    let l = try lossVar(try forward(inputs, training: true), targets)
    let value = try graph.value(l).scalars[0]
    let opt = optimizer ?? Optimizer(params, rule: rule, learningRate: learningRate)
    optimizer = opt
    try graph.backward(l)
    if clipNorm > 0 { GradientClipping.clipNorm(params, maxNorm: clipNorm) }
    opt.step()
    return value
  }

  /// The loss on a batch without training (dropout off).
  /// - Complexity: one forward pass.
  public func evaluate(
    inputs: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>
  ) throws(TensorError) -> Float {
    try graph.value(try lossVar(try forward(inputs, training: false), targets)).scalars[0]
  }

  /// The outputs for a batch, row-major (`batch × outputShape.count` values; dropout off).
  /// - Complexity: one forward pass.
  public func predict(inputs: UnsafeBufferPointer<Float>) throws(TensorError) -> [Float] {
    try graph.value(try forward(inputs, training: false)).scalars
  }

  /// ``trainStep(inputs:targets:)`` on arrays.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(1)); try m.add(LayerSpec(.dense, size: 1))
  /// let loss = try m.trainStep([1, 2], targets: [2, 4])
  /// ```
  @discardableResult
  public func trainStep(_ inputs: [Float], targets: [Float]) throws(TensorError) -> Float {
    try inputs.withUnsafeBufferPointer { x throws(TensorError) in
      try targets.withUnsafeBufferPointer { y throws(TensorError) in try trainStep(inputs: x, targets: y) }
    }
  }

  /// ``predict(inputs:)`` on an array.
  ///
  /// ```swift
  /// let m = try SequentialModel(inputShape: Shape(1)); try m.add(LayerSpec(.dense, size: 1))
  /// let y = try m.predict([1, 2])      // 2 outputs
  /// ```
  public func predict(_ inputs: [Float]) throws(TensorError) -> [Float] {
    try inputs.withUnsafeBufferPointer { x throws(TensorError) in try predict(inputs: x) }
  }
}

// MARK: Adapters to UnaryLayer

/// A recurrent stack as a unary layer: every step's top hidden state.
final class SequenceLayer: UnaryLayer {
  let recurrent: Recurrent
  init(_ r: Recurrent) { recurrent = r }
  var parameters: [Parameter] { recurrent.parameters }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var { try recurrent(x, in: g).output }
}

/// Self-attention with an optional causal mask.
final class CausalAttention: UnaryLayer {
  let attention: MultiHeadAttention
  let causal: Bool
  init(_ a: MultiHeadAttention, causal: Bool) {
    attention = a
    self.causal = causal
  }
  var parameters: [Parameter] { attention.parameters }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try attention(x, attendingTo: x, causal: causal, in: g)
  }
}

/// Adds fixed sinusoidal positions: column 2k holds sin(p / 10000^(2k/D)), column 2k+1 its cosine.
final class PositionalEncoding: UnaryLayer {
  let table: Tensor
  init(length: Int, dimension: Int) {
    var t = Tensor(zeros: Shape(length, dimension))
    for p in 0..<length {
      for c in 0..<dimension {
        let k = c / 2
        let angle = Double(p) / cExp(Double(2 * k) / Double(dimension) * cLog(10_000))
        t.scalars[p * dimension + c] = Float(c % 2 == 0 ? cSin(angle) : cCos(angle))
      }
    }
    table = t
  }
  var parameters: [Parameter] { [] }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var { try g.add(x, g.constant(table)) }
}

/// `[B, T, F]` → `[B, F]`: the last step.
final class LastStep: UnaryLayer {
  var parameters: [Parameter] { [] }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    // The model admits this layer only after [length >= 1, features]: x is [B, T, F].
    let s = try g.slice(x, axis: 1, start: x.shape[1] - 1, count: 1)
    return try g.reshape(s, Shape(x.shape[0], x.shape[2]))
  }
}

/// `[B, T, F]` → `[B, T·F]`.
final class Flatten: UnaryLayer {
  var parameters: [Parameter] { [] }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try g.reshape(x, Shape(x.shape[0], x.shape.count / Swift.max(x.shape[0], 1)))
  }
}

/// An elementwise function as a layer.
final class ActivationLayer: UnaryLayer {
  let function: Activation
  init(_ f: Activation) { function = f }
  var parameters: [Parameter] { [] }
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var { try g.apply(function, x) }
}
