// Elementwise activations and functions, each with its derivative written out:
//   relu' = [x > 0]            leakyRelu' = [x > 0] + α[x <= 0]
//   σ' = σ(1 − σ)              tanh' = 1 − tanh²           exp' = exp
//   log' = 1/x                 softplus' = σ(x)            square' = 2x
//   sqrt' = 1 / (2 √x)         |x|' = sign(x) (0 at 0)
//   gelu (tanh form, as PyTorch's approximate="tanh"):
//     gelu(x) = x/2 · (1 + tanh u),  u = √(2/π)(x + 0.044715 x³)
//     gelu'(x) = (1 + tanh u)/2 + x/2 · (1 − tanh² u) · √(2/π)(1 + 3·0.044715 x²)

/// The elementwise functions of ``Graph/apply(_:_:)``.
///
/// ```swift
/// let g = Graph(); let y = try g.apply(.tanh, g.constant(Tensor(scalar: 0.5)))
/// ```
public enum Activation: UInt8, Sendable, CaseIterable {
  case relu, leakyRelu, sigmoid, tanh, exp, log, softplus, gelu, square, sqrt, abs, identity

  var op: Op {
    switch self {
    case .relu: return .relu
    case .leakyRelu: return .leakyRelu
    case .sigmoid: return .sigmoid
    case .tanh: return .tanh
    case .exp: return .exp
    case .log: return .log
    case .softplus: return .softplus
    case .gelu: return .gelu
    case .square: return .square
    case .sqrt: return .sqrt
    case .abs: return .abs
    case .identity: return .view
    }
  }
}

extension Graph {
  /// Applies `f` elementwise (`leakyRelu` uses slope 0.01).
  ///
  /// ```swift
  /// let g = Graph()
  /// let y = try g.apply(.relu, g.constant(Tensor(shape: Shape(2), scalars: [-1, 2])))  // [0, 2]
  /// ```
  /// - Complexity: O(count).
  public func apply(_ f: Activation, _ x: Var) throws(TensorError) -> Var {
    try check(x)
    if f == .identity { return x }
    let id = make(f.op, x.shape, x.id)
    let s = val(x.id), z = val(id)
    let n = x.shape.count
    switch f {
    case .relu: for i in 0..<n { z[i] = s[i] > 0 ? s[i] : 0 }
    case .leakyRelu: for i in 0..<n { z[i] = s[i] > 0 ? s[i] : 0.01 * s[i] }
    case .sigmoid: for i in 0..<n { z[i] = FastMath.sigmoid(s[i]) }
    case .tanh: for i in 0..<n { z[i] = FastMath.tanh(s[i]) }
    case .exp: for i in 0..<n { z[i] = FastMath.exp(s[i]) }
    case .log: for i in 0..<n { z[i] = FastMath.log(s[i]) }
    case .softplus: for i in 0..<n { z[i] = FastMath.softplus(s[i]) }
    case .gelu:
      for i in 0..<n {
        let x = s[i]
        z[i] = 0.5 * x * (1 + FastMath.tanh(0.797_884_56 * (x + 0.044715 * x * x * x)))
      }
    case .square: for i in 0..<n { z[i] = s[i] * s[i] }
    case .sqrt: for i in 0..<n { z[i] = s[i].squareRoot() }
    case .abs: for i in 0..<n { z[i] = Swift.abs(s[i]) }
    case .identity: break
    }
    return v(id)
  }

  /// Rectified linear unit.
  ///
  /// ```swift
  /// let g = Graph(); let y = try g.relu(g.constant(Tensor(scalar: -1)))   // 0
  /// ```
  public func relu(_ x: Var) throws(TensorError) -> Var { try apply(.relu, x) }
  /// Logistic sigmoid.
  ///
  /// ```swift
  /// let g = Graph(); let y = try g.sigmoid(g.constant(Tensor(scalar: 0)))   // 0.5
  /// ```
  public func sigmoid(_ x: Var) throws(TensorError) -> Var { try apply(.sigmoid, x) }
  /// Hyperbolic tangent.
  ///
  /// ```swift
  /// let g = Graph(); let y = try g.tanh(g.constant(Tensor(scalar: 0)))   // 0
  /// ```
  public func tanh(_ x: Var) throws(TensorError) -> Var { try apply(.tanh, x) }

  func backwardUnary(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let s = val(n.a), z = val(i), g = grad(i), ga = grad(n.a)
    let cnt = n.shape.count
    switch n.op {
    case .relu: for j in 0..<cnt where s[j] > 0 { ga[j] += g[j] }
    case .leakyRelu: for j in 0..<cnt { ga[j] += s[j] > 0 ? g[j] : 0.01 * g[j] }
    case .sigmoid: for j in 0..<cnt { ga[j] += g[j] * z[j] * (1 - z[j]) }
    case .tanh: for j in 0..<cnt { ga[j] += g[j] * (1 - z[j] * z[j]) }
    case .exp: for j in 0..<cnt { ga[j] += g[j] * z[j] }
    case .log: for j in 0..<cnt { ga[j] += g[j] / s[j] }
    case .softplus: for j in 0..<cnt { ga[j] += g[j] * FastMath.sigmoid(s[j]) }
    case .gelu:
      for j in 0..<cnt {
        let x = s[j]
        let t = FastMath.tanh(0.797_884_56 * (x + 0.044715 * x * x * x))
        let d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * 0.797_884_56 * (1 + 3 * 0.044715 * x * x)
        ga[j] += g[j] * d
      }
    case .square: for j in 0..<cnt { ga[j] += 2 * g[j] * s[j] }
    case .sqrt: for j in 0..<cnt { ga[j] += g[j] / (2 * z[j]) }
    default: for j in 0..<cnt { ga[j] += s[j] > 0 ? g[j] : (s[j] < 0 ? -g[j] : 0) }
    }
  }
}
