import Foundation
import Testing
import Neural
@testable import Forecasting

@Suite struct FourierTests {
  @Test(arguments: [1, 2, 5, 8, 9]) func dftMatchesTheDefinitionAndInverts(length: Int) {
    let x = (0..<length).map { Float(sin(Double($0) * 1.7) + 0.3 * Double($0)) }
    let freqs = Array(0...(length / 2))
    let f = DFT.forward(length, freqs), n = freqs.count
    var re = [Float](repeating: 0, count: n), im = re
    for (j, k) in freqs.enumerated() {
      for t in 0..<length {
        re[j] += x[t] * f.re[t * n + j]
        im[j] += x[t] * f.im[t * n + j]
      }
      var r = 0.0, i = 0.0
      for t in 0..<length {
        r += Double(x[t]) * cos(2 * .pi * Double(k * t) / Double(length))
        i -= Double(x[t]) * sin(2 * .pi * Double(k * t) / Double(length))
      }
      #expect(abs(Double(re[j]) - r) < 1e-4 && abs(Double(im[j]) - i) < 1e-4)
    }
    // irfft(rfft(x)) = x.
    let inv = DFT.inverse(length, freqs)
    for t in 0..<length {
      var y: Float = 0
      for j in 0..<n { y += re[j] * inv.re[j * length + t] + im[j] * inv.im[j * length + t] }
      #expect(abs(y - x[t]) < 1e-4)
    }
  }

  @Test func randomModesAreDistinctSortedAndSeeded() {
    var a = NeuralRandom(seed: 3), b = NeuralRandom(seed: 3)
    let m = DFT.randomModes(40, 6, using: &a)
    #expect(m == DFT.randomModes(40, 6, using: &b))
    #expect(m.count == 6 && m == m.sorted() && Set(m).count == 6 && m.allSatisfy { (0..<20).contains($0) })
    var c = NeuralRandom(seed: 1)
    #expect(DFT.randomModes(7, 64, using: &c) == [0, 1, 2])
    #expect(DFT.randomModes(1, 4, using: &c).isEmpty)
  }

  /// The frequency-enhanced block against a direct complex computation.
  @Test func fourierBlockMatchesTheReference() throws {
    var rng = NeuralRandom(seed: 5)
    let b = 2, l = 10, h = 2, e = 3, d = h * e
    let block = FourierBlock(dimension: d, heads: h, length: l, modes: 3, using: &rng)
    let q = Tensor(normal: Shape(b, l, d), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let out = try g.value(try block.mix(g.constant(q), g.constant(q), g.constant(q), in: g)).scalars
    let m = block.modes.count, wr = block.weightRe.value.scalars, wi = block.weightIm.value.scalars
    var ref = [Double](repeating: 0, count: b * h * e * l)               // [B, H, E, L]
    for bi in 0..<b {
      for hi in 0..<h {
        // Spectrum of x[b, h, c, t] = q[b, t, h·E + c] at the block's modes.
        var xr = [[Double]](repeating: [Double](repeating: 0, count: m), count: e), xi = xr
        for c in 0..<e {
          for (j, f) in block.modes.enumerated() {
            for t in 0..<l {
              let v = Double(q.scalars[(bi * l + t) * d + hi * e + c]), a = 2 * Double.pi * Double(f * t) / Double(l)
              xr[c][j] += v * cos(a)
              xi[c][j] -= v * sin(a)
            }
          }
        }
        for o in 0..<e {
          for t in 0..<l {
            var y = 0.0
            for i in 0..<m {
              var yr = 0.0, yi = 0.0
              for c in 0..<e {
                let w = ((hi * m + i) * e + c) * e + o
                yr += xr[c][i] * Double(wr[w]) - xi[c][i] * Double(wi[w])
                yi += xr[c][i] * Double(wi[w]) + xi[c][i] * Double(wr[w])
              }
              let a = 2 * Double.pi * Double(i * t) / Double(l), k = i == 0 ? 1.0 : 2.0
              y += k * (yr * cos(a) - (i == 0 ? 0 : yi * sin(a)))
            }
            ref[((bi * h + hi) * e + o) * l + t] = y / Double(l)
          }
        }
      }
    }
    for i in 0..<ref.count { #expect(abs(Double(out[i]) - ref[i]) < 1e-5) }
  }

  @Test func crossAttentionShapesAndGradients() throws {
    var rng = NeuralRandom(seed: 8)
    let cross = FourierCrossAttention(dimension: 8, heads: 2, queryLength: 10, keyLength: 12, modes: 4, using: &rng)
    #expect(cross.queryModes.count == 4 && cross.keyModes.count == 4)
    let g = Graph()
    let q = g.constant(Tensor(normal: Shape(2, 11, 8), mean: 0, std: 1, using: &rng))
    let k = g.constant(Tensor(normal: Shape(2, 12, 8), mean: 0, std: 1, using: &rng))
    let y = try cross.mix(q, k, k, in: g)
    #expect(y.shape == Shape(2, 11, 8))
    try g.backward(try g.mean(try g.apply(.square, y)))
    for p in cross.parameters { #expect(p.grad.scalars.contains { $0 != 0 }) }
    // With a single mode per side the softmax is 1: the output is the key spectrum mixed and sent back.
    let one = FourierCrossAttention(dimension: 2, heads: 1, queryLength: 4, keyLength: 4, modes: 1, using: &rng)
    #expect(one.queryModes == [0] || one.queryModes == [1])
    let empty = FourierCrossAttention(dimension: 2, heads: 1, queryLength: 1, keyLength: 4, modes: 2, using: &rng)
    let z = try g.value(try empty.mix(g.constant(Tensor(repeating: 1, shape: Shape(1, 1, 2))),
                                      g.constant(Tensor(repeating: 1, shape: Shape(1, 4, 2))),
                                      g.constant(Tensor(repeating: 1, shape: Shape(1, 4, 2))), in: g))
    #expect(z.scalars == [0, 0])
    let emptyBlock = FourierBlock(dimension: 2, heads: 1, length: 1, modes: 2, using: &rng)
    let zb = try g.value(try emptyBlock.mix(g.constant(Tensor(repeating: 1, shape: Shape(1, 1, 2))),
                                            g.constant(Tensor(repeating: 1, shape: Shape(1, 1, 2))),
                                            g.constant(Tensor(repeating: 1, shape: Shape(1, 1, 2))), in: g))
    #expect(zb.scalars == [0, 0])
  }
}
