/// A fully connected layer: `activation(x · W + b)` on the last axis of any batch shape.
///
/// `weight` is `[inputSize, outputSize]`, `bias` is `[outputSize]`.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let d = Dense(inputSize: 4, outputSize: 2, activation: .tanh, using: &rng)
/// let g = Graph()
/// let y = try d(g.constant(Tensor(zeros: Shape(32, 24, 4))), in: g)    // [32, 24, 2]
/// ```
/// - Complexity: O(rows · in · out) per call.
public final class Dense: UnaryLayer {
  /// `[inputSize, outputSize]`.
  public let weight: Parameter
  /// `[outputSize]`, or nil for a layer without bias.
  public let bias: Parameter?
  /// Applied after the affine map.
  public let activation: Activation

  /// A layer with weights from `initializer` (Xavier by default; He suits ReLU) and zero bias.
  public init(
    inputSize: Int, outputSize: Int, activation: Activation = .identity, bias: Bool = true,
    initializer: Initializer = .xavierUniform, using rng: inout NeuralRandom
  ) {
    weight = Parameter(
      initializer.tensor(Shape(inputSize, outputSize), fanIn: inputSize, fanOut: outputSize, using: &rng))
    self.bias = bias ? Parameter(Tensor(zeros: Shape(outputSize))) : nil
    self.activation = activation
  }

  public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    var y = try g.matmul(x, g.param(weight))
    if let bias { y = try g.add(y, g.param(bias)) }
    return try g.apply(activation, y)
  }
}

/// Layer normalisation over the last axis with a learned scale and shift.
///
/// ```swift
/// let ln = LayerNorm(8)
/// let g = Graph()
/// let y = try ln(g.constant(Tensor(zeros: Shape(4, 8))), in: g)
/// ```
public final class LayerNorm: UnaryLayer {
  /// `[size]`, initially ones.
  public let gamma: Parameter
  /// `[size]`, initially zeros.
  public let beta: Parameter
  /// Added to the variance.
  public let epsilon: Float

  /// A layer norm over a last axis of `size` elements.
  public init(_ size: Int, epsilon: Float = 1e-5) {
    gamma = Parameter(Tensor(repeating: 1, shape: Shape(size)))
    beta = Parameter(Tensor(zeros: Shape(size)))
    self.epsilon = epsilon
  }

  public var parameters: [Parameter] { [gamma, beta] }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try g.layerNorm(x, gamma: g.param(gamma), beta: g.param(beta), epsilon: epsilon)
  }
}

/// A learned lookup table from integer ids to vectors.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let emb = Embedding(vocabulary: 12, dimension: 4, using: &rng)
/// let g = Graph()
/// let e = try emb(ids: [3, 1, 11], shape: Shape(3), in: g)     // [3, 4]
/// ```
public final class Embedding: Layer {
  /// `[vocabulary, dimension]`, initially N(0, 1) as PyTorch.
  public let table: Parameter

  /// A table of `vocabulary` vectors of `dimension` elements.
  public init(vocabulary: Int, dimension: Int, using rng: inout NeuralRandom) {
    table = Parameter(Tensor(normal: Shape(vocabulary, dimension), mean: 0, std: 1, using: &rng))
  }

  public var parameters: [Parameter] { [table] }

  /// The vectors of `ids` (shape `shape`), as `shape + [dimension]`.
  public func callAsFunction(ids: [Int], shape: Shape, in g: Graph) throws(TensorError) -> Var {
    try g.embedding(g.param(table), indices: ids, shape: shape)
  }
}

/// Causal dilated 1-D convolution over `[B, T, inChannels]` → `[B, T, outChannels]`.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let conv = Conv1D(inChannels: 1, outChannels: 8, kernelSize: 2, dilation: 4, using: &rng)
/// ```
public final class Conv1D: UnaryLayer {
  /// `[kernelSize, inChannels, outChannels]`.
  public let weight: Parameter
  /// `[outChannels]`.
  public let bias: Parameter?
  /// Spacing between taps.
  public let dilation: Int
  /// Applied after the convolution.
  public let activation: Activation

  /// A causal convolution (PyTorch's default LeCun-uniform initialisation).
  public init(
    inChannels: Int, outChannels: Int, kernelSize: Int, dilation: Int = 1,
    activation: Activation = .identity, bias: Bool = true, using rng: inout NeuralRandom
  ) {
    let fanIn = inChannels * kernelSize
    weight = Parameter(
      Initializer.lecunUniform.tensor(
        Shape(kernelSize, inChannels, outChannels), fanIn: fanIn, fanOut: outChannels, using: &rng))
    let a = 1 / Float(Swift.max(fanIn, 1)).squareRoot()
    self.bias = bias ? Parameter(Tensor(uniform: Shape(outChannels), low: -a, high: a, using: &rng)) : nil
    self.dilation = dilation
    self.activation = activation
  }

  public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    var y = try g.causalConv1D(x, g.param(weight), dilation: dilation)
    if let bias { y = try g.add(y, g.param(bias)) }
    return try g.apply(activation, y)
  }
}
