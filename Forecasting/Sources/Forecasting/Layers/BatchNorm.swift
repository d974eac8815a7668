// BatchNorm: batch normalisation (Ioffe & Szegedy 2015) over the rows of `[B, F]`, as PyTorch's
// `nn.BatchNorm1d`, built from Neural's differentiable ops (Neural has no batch-norm layer).
//
// Training (`Graph.isTraining`): y = γ·(x − μ_B)/√(σ²_B + ε) + β with the batch's mean and biased
// variance per feature, gradients through both; the running statistics move by `momentum`
// towards μ_B and the unbiased variance (PyTorch: r ← (1 − m)·r + m·v, variance · B/(B − 1)).
// Inference: the running statistics replace the batch's. The running statistics are `Parameter`s
// so that model archives carry them; the graph never reads them as parameters, so their gradient
// stays zero and Adam leaves them as they are (a zero gradient gives a zero step).
import Neural

/// Batch normalisation over the features of `[B, F]` rows (PyTorch's `BatchNorm1d`).
///
/// ```swift
/// let bn = BatchNorm(8, epsilon: 1e-3, momentum: 0.01)
/// let g = Graph()
/// let y = try bn(g.constant(Tensor(zeros: Shape(4, 8))), in: g)     // [4, 8]
/// ```
/// - Complexity: O(B·F) per call.
final class BatchNorm {
  /// `[F]`, initially ones and zeros.
  let gamma: Parameter
  let beta: Parameter
  /// `[F]`, initially zeros and ones.
  let runningMean: Parameter
  let runningVariance: Parameter
  let epsilon: Float
  let momentum: Float

  init(_ features: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    gamma = Parameter(Tensor(repeating: 1, shape: Shape(features)))
    beta = Parameter(Tensor(zeros: Shape(features)))
    runningMean = Parameter(Tensor(zeros: Shape(features)))
    runningVariance = Parameter(Tensor(repeating: 1, shape: Shape(features)))
    self.epsilon = epsilon
    self.momentum = momentum
  }

  /// Trainable scale and shift, then the running statistics.
  var parameters: [Parameter] { [gamma, beta, runningMean, runningVariance] }

  func callAsFunction(_ x: Var, in g: Graph) throws(TensorError) -> Var {
    guard x.shape.rank == 2, x.shape[1] == gamma.value.count else {
      throw .shapeMismatch(x.shape, Shape(x.shape[0], gamma.value.count))
    }
    let normalised: Var
    if g.isTraining {
      let b = x.shape[0]
      let mean = try g.mean(x, axis: 0)
      let centered = try g.sub(x, mean)
      let variance = try g.mean(try g.apply(.square, centered), axis: 0)
      normalised = try g.div(centered, try g.apply(.sqrt, try g.add(variance, scalar: epsilon)))
      let mu = try g.value(mean).scalars, v = try g.value(variance).scalars
      let unbias: Float = b > 1 ? Float(b) / Float(b - 1) : 1
      for j in mu.indices {
        runningMean.value.scalars[j] += momentum * (mu[j] - runningMean.value.scalars[j])
        runningVariance.value.scalars[j] += momentum * (v[j] * unbias - runningVariance.value.scalars[j])
      }
    } else {
      let shift = g.constant(runningMean.value)
      let scale = g.constant(Tensor(shape: runningVariance.value.shape,
                                    scalars: runningVariance.value.scalars.map { 1 / ($0 + epsilon).squareRoot() }))
      normalised = try g.mul(try g.sub(x, shift), scale)
    }
    return try g.add(try g.mul(normalised, g.param(gamma)), g.param(beta))
  }
}
