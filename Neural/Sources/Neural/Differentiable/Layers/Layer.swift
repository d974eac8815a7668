/// A module with trainable parameters. Class-bound, so `[any Layer]` works under Embedded Swift.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let d = Dense(inputSize: 3, outputSize: 2, using: &rng)
/// d.parameters.count    // 2 (weight, bias)
/// ```
public protocol Layer: AnyObject {
  /// Every trainable parameter, in a fixed order (the order of model files and optimizers).
  var parameters: [Parameter] { get }
}

/// A layer mapping one value to one value (so layers compose in ``Sequential`` and ``Residual``).
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let d = Dense(inputSize: 3, outputSize: 2, using: &rng)
/// let g = Graph()
/// let y = try d(g.constant(Tensor(zeros: Shape(5, 3))), in: g)    // [5, 2]
/// ```
public protocol UnaryLayer: Layer {
  /// Records this layer's forward computation on `g`.
  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var
}

/// Layers applied one after another.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let mlp = Sequential([Dense(inputSize: 4, outputSize: 8, activation: .relu, using: &rng),
///                       Dense(inputSize: 8, outputSize: 1, using: &rng)])
/// ```
public final class Sequential: UnaryLayer {
  /// The layers, in order.
  public let layers: [any UnaryLayer]

  /// A stack of `layers`.
  public init(_ layers: [any UnaryLayer]) { self.layers = layers }

  public var parameters: [Parameter] { layers.flatMap { $0.parameters } }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    var y = x
    for l in layers { y = try l(y, in: g) }
    return y
  }
}

/// A residual block: `x + body(x)` (the body must keep the shape).
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let block = Residual(Dense(inputSize: 8, outputSize: 8, activation: .gelu, using: &rng))
/// ```
public final class Residual<Body: UnaryLayer>: UnaryLayer {
  /// The wrapped layer.
  public let body: Body

  /// Wraps `body` with a skip connection.
  public init(_ body: Body) { self.body = body }

  public var parameters: [Parameter] { body.parameters }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try g.add(x, try body(x, in: g))
  }
}

/// Dropout as a layer (active while the graph ``Graph/isTraining``).
///
/// ```swift
/// let drop = Dropout(0.1)
/// ```
public final class Dropout: UnaryLayer {
  /// The drop probability in [0, 1).
  public let probability: Float

  /// A dropout layer with drop probability `p`.
  public init(_ p: Float) { probability = p }

  public var parameters: [Parameter] { [] }

  public func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    try g.dropout(x, p: probability)
  }
}
