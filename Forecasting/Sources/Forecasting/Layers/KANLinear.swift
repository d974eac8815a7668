// KANLinear: the layer of a Kolmogorov–Arnold network (Liu, Wang, Vaidya, Ruehle, Halverson,
// Soljačić, Hou & Tegmark, "KAN: Kolmogorov-Arnold Networks", 2024) in the "efficient-kan" form that
// NeuralForecast uses (`neuralforecast.models.kan.KANLinear`), built from Neural's differentiable
// ops (Neural has no spline layer).
//
// y_o = Σ_i w_oi · SiLU(x_i) + Σ_i s_oi · Σ_c c_oic · B_c(x_i)
// - B_c: the G + K cubic (order K) B-spline bases on the uniform knots t_j = lo + (j − K)·h,
//   j = 0…G + 2K, h = (hi − lo)/G (grid [lo, hi] = [−1, 1], G = 5, K = 3 by default), by the Cox–de
//   Boor recursion: B⁰_j = [t_j ≤ x < t_{j+1}], B^k_j = (x − t_j)/(k·h)·B^{k−1}_j + (t_{j+k+1} − x)/(k·h)·B^{k−1}_{j+1}
//   (uniform knots make every denominator k·h). The order-0 indicators are constants (their
//   derivative is zero almost everywhere); the recursion is in the graph, so gradients reach x;
// - w (base weights) and s (standalone spline scalers) start U(±1/√in) (PyTorch's kaiming-uniform
//   with a = √5, as NeuralForecast); c (spline coefficients) start small: U(−½, ½)·scaleNoise/G.
// Stated difference: NeuralForecast fits c to that noise at the grid points by least squares
// (`curve2coeff`); here the noise is the coefficients themselves (same scale, no fit).
// Inputs outside [lo − K·h, hi + K·h) have no spline part (only the SiLU base), as in NeuralForecast.
import Neural

/// A Kolmogorov–Arnold layer `[B, in]` → `[B, out]`: SiLU base plus learned B-spline functions per edge.
///
/// ```swift
/// var rng = NeuralRandom(seed: 1)
/// let kan = KANLinear(inputSize: 4, outputSize: 2, using: &rng)
/// let g = Graph()
/// let y = try kan(g.constant(Tensor(zeros: Shape(8, 4))), in: g)     // [8, 2]
/// ```
/// - Complexity: O(B · in · (K·(G + K) + out·(G + K + 1))).
final class KANLinear {
  let inputSize: Int, outputSize: Int
  let gridSize: Int, splineOrder: Int
  let low: Float, high: Float
  /// `[in, out]`.
  let baseWeight: Parameter
  /// `[in, G + K, out]`.
  let splineWeight: Parameter
  /// `[in, out]`.
  let splineScaler: Parameter

  init(inputSize: Int, outputSize: Int, gridSize: Int = 5, splineOrder: Int = 3, scaleNoise: Float = 0.1,
       gridRange: (Float, Float) = (-1, 1), using rng: inout NeuralRandom) {
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.gridSize = gridSize
    self.splineOrder = splineOrder
    (low, high) = gridRange
    let bound = 1 / Float(max(inputSize, 1)).squareRoot()
    baseWeight = Parameter(Tensor(uniform: Shape(inputSize, outputSize), low: -bound, high: bound, using: &rng))
    let noise = scaleNoise / Float(gridSize)
    splineWeight = Parameter(Tensor(uniform: Shape(inputSize, gridSize + splineOrder, outputSize), low: -noise / 2,
                                    high: noise / 2, using: &rng))
    splineScaler = Parameter(Tensor(uniform: Shape(inputSize, outputSize), low: -bound, high: bound, using: &rng))
  }

  var parameters: [Parameter] { [baseWeight, splineWeight, splineScaler] }

  /// Knot j (0…G + 2K).
  func knot(_ j: Int) -> Float { low + Float(j - splineOrder) * (high - low) / Float(gridSize) }

  /// The B-spline bases of `x` `[B, in]`: `[B, in, G + K]`.
  func bases(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], n = inputSize, knots = gridSize + 2 * splineOrder + 1
    let xv = try g.value(x).scalars
    var zero = [Float](repeating: 0, count: b * n * (knots - 1))
    for (i, v) in xv.enumerated() {
      for j in 0..<(knots - 1) where v >= knot(j) && v < knot(j + 1) { zero[i * (knots - 1) + j] = 1 }
    }
    var basis = g.constant(Tensor(shape: Shape(b, n, knots - 1), scalars: zero))
    let x3 = try g.reshape(x, Shape(b, n, 1))
    let step = (high - low) / Float(gridSize)
    for k in stride(from: 1, through: splineOrder, by: 1) {
      let count = knots - 1 - k
      let lower = g.constant(Tensor(shape: Shape(count), scalars: (0..<count).map { knot($0) }))
      let upper = g.constant(Tensor(shape: Shape(count), scalars: (0..<count).map { knot($0 + k + 1) }))
      let scale = 1 / (Float(k) * step)
      let left = try g.mul(try g.sub(x3, lower), scalar: scale)                       // [B, in, count]
      let right = try g.mul(try g.sub(upper, x3), scalar: scale)
      basis = try g.add(try g.mul(left, try g.slice(basis, axis: 2, start: 0, count: count)),
                        try g.mul(right, try g.slice(basis, axis: 2, start: 1, count: count)))
    }
    return basis
  }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard x.shape.rank == 2, x.shape[1] == inputSize else { throw .shapeMismatch(x.shape, Shape(x.shape[0], inputSize)) }
    let b = x.shape[0], c = gridSize + splineOrder
    let base = try g.matmul(try g.mul(x, try g.sigmoid(x)), g.param(baseWeight))         // SiLU(x)·W
    let scaled = try g.mul(g.param(splineWeight), try g.reshape(g.param(splineScaler), Shape(inputSize, 1, outputSize)))
    let spline = try g.matmul(try g.reshape(try bases(x, in: g), Shape(b, inputSize * c)),
                              try g.reshape(scaled, Shape(inputSize * c, outputSize)))
    return try g.add(base, spline)
  }
}
