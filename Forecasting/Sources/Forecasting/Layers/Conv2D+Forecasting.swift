// Two-dimensional convolutions built from Neural's ops (Neural has Conv1D only), for TimesNet's
// Inception blocks (Wu et al. 2023; `Inception_Block_V1` in NeuralForecast's `models.timesnet`).
//
// Layout: channels last, `[B, H·W, C]` with position r·W + p (TimesNet folds a sequence of length
// H·W into H rows of period W, which is this layout without a copy).
// `SameConv2D` (nn.Conv2d(C, O, kernel k = 2i + 1, padding i)): an im2col gather — a constant
// `[H·W, H·W·k²]` matrix whose column (position, tap) reads the input at (r + dr, p + dp) or nothing
// outside the grid (zero padding) — then a `[C·k², O]` weight (index c·k² + (dr + i)·k + (dp + i), a
// permutation of PyTorch's `[O, C, k, k]`) and a bias. Weights are Kaiming-normal with fan-out
// (N(0, 2/(O·k²))), biases zero, as the reference initialises them.
// `InceptionBlock`: the mean of `kernels` same-size convolutions of widths 1, 3, 5, ….
import Neural

/// The `[H·W, H·W·k²]` zero-padded im2col gather of a k×k kernel on an H×W grid.
func im2colMatrix(rows: Int, columns: Int, kernel: Int) -> [Float] {
  let n = rows * columns, k2 = kernel * kernel, half = kernel / 2
  var m = [Float](repeating: 0, count: n * n * k2)
  for r in 0..<rows {
    for p in 0..<columns {
      let out = r * columns + p
      for dr in -half...half {
        for dp in -half...half {
          let rr = r + dr, pp = p + dp
          guard rr >= 0, rr < rows, pp >= 0, pp < columns else { continue }
          m[(rr * columns + pp) * n * k2 + out * k2 + (dr + half) * kernel + (dp + half)] = 1
        }
      }
    }
  }
  return m
}

/// nn.Conv2d(C → O, kernel k, padding (k − 1)/2) on channels-last grids.
final class SameConv2D: Layer {
  let kernel: Int
  let weight, bias: Parameter

  init(inChannels: Int, outChannels: Int, kernel: Int, using rng: inout NeuralRandom) {
    self.kernel = kernel
    let k2 = kernel * kernel
    weight = Parameter(Tensor(normal: Shape(inChannels * k2, outChannels), mean: 0,
                              std: (2 / Float(outChannels * k2)).squareRoot(), using: &rng))
    bias = Parameter(Tensor(zeros: Shape(outChannels)))
  }

  var parameters: [Parameter] { [weight, bias] }

  /// `x` `[B, rows·columns, C]` → `[B, rows·columns, O]`.
  func callAsFunction(_ x: Var, rows: Int, columns: Int, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0], c = x.shape[2], n = rows * columns, k2 = kernel * kernel
    let gather = g.constant(Tensor(shape: Shape(n, n * k2), scalars: im2colMatrix(rows: rows, columns: columns,
                                                                               kernel: kernel)))
    let taps = try g.reshape(try g.matmul(try g.transpose(x, 1, 2), gather), Shape(b, c, n, k2))
    let patches = try g.reshape(try g.transpose(taps, 1, 2), Shape(b, n, c * k2))
    return try g.add(try g.matmul(patches, g.param(weight)), g.param(bias))
  }
}

/// Inception_Block_V1: the mean of convolutions with kernels 1, 3, …, 2·kernels − 1.
final class InceptionBlock: Layer {
  let convolutions: [SameConv2D]

  init(inChannels: Int, outChannels: Int, kernels: Int, using rng: inout NeuralRandom) {
    convolutions = (0..<kernels).map { i in
      SameConv2D(inChannels: inChannels, outChannels: outChannels, kernel: 2 * i + 1, using: &rng)
    }
  }

  var parameters: [Parameter] { convolutions.flatMap { $0.parameters } }

  func callAsFunction(_ x: Var, rows: Int, columns: Int, in g: Graph) throws(TensorError) -> Var {
    var sum = try convolutions[0](x, rows: rows, columns: columns, in: g)
    for conv in convolutions.dropFirst() { sum = try g.add(sum, try conv(x, rows: rows, columns: columns, in: g)) }
    return try g.mul(sum, scalar: 1 / Float(convolutions.count))
  }
}
