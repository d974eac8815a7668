import Testing
import Neural
@testable import Forecasting

@Suite struct Conv2DTests {
  /// The im2col convolution against a direct zero-padded 2-D convolution.
  @Test(arguments: [1, 3, 5]) func sameConvolutionMatchesTheReference(kernel: Int) throws {
    var rng = NeuralRandom(seed: UInt64(kernel))
    let rows = 3, cols = 4, c = 2, o = 3, b = 2
    let conv = SameConv2D(inChannels: c, outChannels: o, kernel: kernel, using: &rng)
    conv.bias.value = Tensor(normal: Shape(o), mean: 0, std: 1, using: &rng)
    let x = Tensor(normal: Shape(b, rows * cols, c), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let y = try g.value(try conv(g.constant(x), rows: rows, columns: cols, in: g)).scalars
    let w = conv.weight.value.scalars, half = kernel / 2, k2 = kernel * kernel
    for bi in 0..<b {
      for r in 0..<rows {
        for p in 0..<cols {
          for oc in 0..<o {
            var ref = conv.bias.value.scalars[oc]
            for ic in 0..<c {
              for dr in -half...half {
                for dp in -half...half {
                  let rr = r + dr, pp = p + dp
                  guard rr >= 0, rr < rows, pp >= 0, pp < cols else { continue }
                  ref += x.scalars[(bi * rows * cols + rr * cols + pp) * c + ic]
                    * w[(ic * k2 + (dr + half) * kernel + (dp + half)) * o + oc]
                }
              }
            }
            #expect(abs(y[(bi * rows * cols + r * cols + p) * o + oc] - ref) < 1e-4)
          }
        }
      }
    }
  }

  @Test func inceptionIsTheMeanOfItsConvolutions() throws {
    var rng = NeuralRandom(seed: 9)
    let block = InceptionBlock(inChannels: 2, outChannels: 2, kernels: 3, using: &rng)
    #expect(block.convolutions.map(\.kernel) == [1, 3, 5])
    let x = Tensor(normal: Shape(1, 6, 2), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let y = try g.value(try block(g.constant(x), rows: 2, columns: 3, in: g)).scalars
    var ref = [Float](repeating: 0, count: 12)
    for conv in block.convolutions {
      let v = try g.value(try conv(g.constant(x), rows: 2, columns: 3, in: g)).scalars
      for i in 0..<12 { ref[i] += v[i] / 3 }
    }
    for i in 0..<12 { #expect(abs(y[i] - ref[i]) < 1e-5) }
  }
}
