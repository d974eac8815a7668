// Seeded weight initialisers.
//   Xavier/Glorot (tanh/sigmoid layers): U(±√(6/(fanIn + fanOut))) or N(0, 2/(fanIn + fanOut))
//   He/Kaiming (ReLU layers):            U(±√(6/fanIn))             or N(0, 2/fanIn)
//   Orthogonal (recurrent weights, Saxe et al. 2014): a Gaussian matrix orthonormalised by
//   modified Gram–Schmidt, rows orthonormal when rows <= columns (columns otherwise).
//   LeCun uniform U(±1/√fanIn) is PyTorch's default for Linear, Conv1d and recurrent layers.

/// How to draw a layer's initial weights.
///
/// ```swift
/// var rng = NeuralRandom(seed: 7)
/// let w = Initializer.orthogonal.tensor(Shape(4, 4), fanIn: 4, fanOut: 4, using: &rng)
/// ```
public enum Initializer: Sendable {
  case zeros
  case xavierUniform, xavierNormal
  case heUniform, heNormal
  case orthogonal
  /// U(±1/√fanIn), PyTorch's default for Linear, Conv1d, RNN, LSTM and GRU.
  case lecunUniform

  /// A tensor of shape `shape` drawn from this initialiser.
  /// - Complexity: O(count), O(rows² · columns) for orthogonal.
  public func tensor(_ shape: Shape, fanIn: Int, fanOut: Int, using rng: inout NeuralRandom) -> Tensor {
    let fi = Float(Swift.max(fanIn, 1)), fo = Float(Swift.max(fanOut, 1))
    switch self {
    case .zeros: return Tensor(zeros: shape)
    case .xavierUniform:
      let a = (6 / (fi + fo)).squareRoot()
      return Tensor(uniform: shape, low: -a, high: a, using: &rng)
    case .xavierNormal: return Tensor(normal: shape, mean: 0, std: (2 / (fi + fo)).squareRoot(), using: &rng)
    case .heUniform:
      let a = (6 / fi).squareRoot()
      return Tensor(uniform: shape, low: -a, high: a, using: &rng)
    case .heNormal: return Tensor(normal: shape, mean: 0, std: (2 / fi).squareRoot(), using: &rng)
    case .lecunUniform:
      let a = 1 / fi.squareRoot()
      return Tensor(uniform: shape, low: -a, high: a, using: &rng)
    case .orthogonal: return Initializer.orthogonal(shape, using: &rng)
    }
  }

  static func orthogonal(_ shape: Shape, using rng: inout NeuralRandom) -> Tensor {
    let cols = shape.last, rows = shape.rows
    let transposed = rows > cols
    let r = transposed ? cols : rows, c = transposed ? rows : cols
    var m = Tensor(normal: Shape(r, c), mean: 0, std: 1, using: &rng).scalars.map { Double($0) }
    for i in 0..<r {
      for j in 0..<i {
        var dot = 0.0
        for k in 0..<c { dot += m[i * c + k] * m[j * c + k] }
        for k in 0..<c { m[i * c + k] -= dot * m[j * c + k] }
      }
      var norm = 0.0
      for k in 0..<c { norm += m[i * c + k] * m[i * c + k] }
      let inv = norm > 1e-30 ? 1 / norm.squareRoot() : 0
      for k in 0..<c { m[i * c + k] *= inv }
    }
    var out = Tensor(zeros: shape)
    for i in 0..<rows {
      for j in 0..<cols {
        out.scalars[i * cols + j] = Float(transposed ? m[j * c + i] : m[i * c + j])
      }
    }
    return out
  }
}
