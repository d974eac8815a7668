import Foundation
import Testing
import Neural
@testable import Forecasting

@Suite struct TransformerLayersTests {
  @Test func circularTapsReadTheNeighbours() {
    // Length 4, padding 1: output t reads (t − 1, t, t + 1) mod 4.
    let m = circularTapMatrix(4), w = 12
    let read: [Int] = (0..<w).map { c in (0..<4).first { m[$0 * w + c] == 1 }! }
    #expect(read == [3, 0, 1, 0, 1, 2, 1, 2, 3, 2, 3, 0])
    // Padding 2 (Informer's ConvLayer): L + 2 outputs, output t reads (t − 2 + k) mod L.
    let p = circularTapMatrix(3, padding: 2), wp = 15
    let readP: [Int] = (0..<wp).map { c in (0..<3).first { p[$0 * wp + c] == 1 }! }
    #expect(readP == [1, 2, 0, 2, 0, 1, 0, 1, 2, 1, 2, 0, 2, 0, 1])
    // Length 1: every tap reads the one value.
    #expect(circularTapMatrix(1) == [1, 1, 1])
  }

  @Test func tokenEmbeddingIsACircularConvolution() throws {
    var rng = NeuralRandom(seed: 3)
    let e = TokenEmbedding(channels: 2, dimension: 3, using: &rng)
    let x: [Float] = [1, -2, 0.5, 3, 2, 1, -1, 4, 0, 1]        // [1, 5, 2]
    let g = Graph()
    let y = try g.value(try e(g.constant(Tensor(shape: Shape(1, 5, 2), scalars: x)), in: g)).scalars
    let w = e.weight.value.scalars                               // [(c·3 + k), d]
    for t in 0..<5 {
      for d in 0..<3 {
        var ref: Float = 0
        for c in 0..<2 { for k in 0..<3 { ref += w[(c * 3 + k) * 3 + d] * x[((t + k - 1 + 5) % 5) * 2 + c] } }
        #expect(abs(y[t * 3 + d] - ref) < 1e-5)
      }
    }
  }

  @Test func sinusoidalTable() {
    let t = sinusoidalPositions(3, 5)
    #expect(t.shape == Shape(3, 5))
    for p in 0..<3 {
      for i in 0..<5 {
        let w = pow(10000, -Double(i - i % 2) / 5)
        let ref = i % 2 == 0 ? sin(Double(p) * w) : cos(Double(p) * w)
        #expect(abs(Double(t.scalars[p * 5 + i]) - ref) < 1e-6)
      }
    }
  }

  @Test func eluMatchesItsDefinition() throws {
    let xs: [Float] = [-3, -0.5, 0, 0.25, 2]
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(5), scalars: xs))
    let y = try g.value(try elu(x, in: g)).scalars
    for (a, b) in zip(xs, y) { #expect(abs((a > 0 ? a : Float(exp(Double(a))) - 1) - b) < 1e-6) }
  }

  @Test func probSparseCounts() {
    #expect(ProbSparse.topCount(factor: 3, length: 24) == 12)     // 3 · ⌈ln 24⌉ = 3 · 4
    #expect(ProbSparse.topCount(factor: 5, length: 8) == 8)       // capped at the length
    #expect(ProbSparse.topCount(factor: 1, length: 1) == 1)
    #expect(ProbSparse.topCount(factor: 1, length: 3) == 2)       // ⌈ln 3⌉ = 2
    #expect(ProbSparse.largest([0.5, 2, -1, 2, 1], count: 3) == [1, 3, 4])
  }

  /// With u = L_Q every query is selected: ProbSparse equals full attention, causal or not.
  @Test(arguments: [false, true]) func probSparseWithAllQueriesIsFullAttention(causal: Bool) throws {
    var rng = NeuralRandom(seed: 5)
    let full = ForecastAttention(dimension: 4, heads: 2, mechanism: .full(causal: causal), dropout: 0, using: &rng)
    var rng2 = NeuralRandom(seed: 5)
    let sparse = ForecastAttention(dimension: 4, heads: 2, mechanism: .probSparse(factor: 64, causal: causal),
                                   dropout: 0, using: &rng2)
    let x = Tensor(normal: Shape(2, 6, 4), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let a = try g.value(try full(g.constant(x), g.constant(x), in: g))
    let b = try g.value(try sparse(g.constant(x), g.constant(x), in: g))
    #expect(a.isApproximatelyEqual(to: b, tolerance: 1e-5))
  }

  /// Unselected queries take the mean of the values (the running sum when causal).
  @Test(arguments: [false, true]) func probSparseFillsUnselectedRows(causal: Bool) throws {
    var rng = NeuralRandom(seed: 9)
    let layer = ForecastAttention(dimension: 2, heads: 1, mechanism: .probSparse(factor: 1, causal: causal),
                                  dropout: 0, using: &rng)
    let g = Graph()
    let l = 20                                                    // u = ⌈ln 20⌉ = 3 of 20 queries attend
    let q = g.constant(Tensor(normal: Shape(1, 1, l, 2), mean: 0, std: 1, using: &rng))
    let v = g.constant(Tensor(normal: Shape(1, 1, l, 2), mean: 0, std: 1, using: &rng))
    let out = try g.value(try layer.probSparseAttention(q, q, v, factor: 1, causal: causal, in: g)).scalars
    let vs = try g.value(v).scalars
    var plain = 0
    for i in 0..<l {
      let rows = causal ? 0...i : 0...(l - 1)
      var ref: [Float] = [0, 0]
      for j in rows { ref[0] += vs[j * 2]; ref[1] += vs[j * 2 + 1] }
      if !causal { ref = ref.map { $0 / Float(l) } }
      if abs(out[i * 2] - ref[0]) < 1e-5 && abs(out[i * 2 + 1] - ref[1]) < 1e-5 { plain += 1 }
    }
    #expect(plain >= l - 3)
  }

  @Test func probSparseBackwardReachesTheProjections() throws {
    var rng = NeuralRandom(seed: 2)
    let layer = ForecastAttention(dimension: 4, heads: 2, mechanism: .probSparse(factor: 1, causal: true),
                                  dropout: 0.1, using: &rng)
    let g = Graph(seed: 4)
    let x = g.constant(Tensor(normal: Shape(3, 10, 4), mean: 0, std: 1, using: &rng))
    try g.backward(try g.mean(try g.apply(.square, try layer(x, x, in: g))))
    for p in layer.parameters { #expect(p.grad.scalars.contains { $0 != 0 }) }
  }

  @Test func maxPoolPicksWindowMaxima() throws {
    var rng = NeuralRandom(seed: 1)
    let layer = DistilLayer(channels: 2, using: &rng)
    let x = Tensor(normal: Shape(2, 7, 2), mean: 0, std: 1, using: &rng)
    let g = Graph()
    let xv = g.constant(x)
    let y = try layer.maxPool(xv, in: g)
    #expect(y.shape == Shape(2, 4, 2))
    let out = try g.value(y).scalars
    for b in 0..<2 {
      for o in 0..<4 {
        for c in 0..<2 {
          let ref = (max(0, 2 * o - 1)...min(6, 2 * o + 1)).map { x.scalars[(b * 7 + $0) * 2 + c] }.max()!
          #expect(out[(b * 4 + o) * 2 + c] == ref)
        }
      }
    }
    #expect(DistilLayer.outputLength(24) == 13)
    #expect(DistilLayer.outputLength(7) == 5)
  }

  @Test func distilLayerShapesAndBatchNormModes() throws {
    var rng = NeuralRandom(seed: 1)
    let layer = DistilLayer(channels: 3, using: &rng)
    let x = Tensor(normal: Shape(4, 9, 3), mean: 2, std: 3, using: &rng)
    let g = Graph()
    let y = try layer(g.constant(x), in: g)
    #expect(y.shape == Shape(4, DistilLayer.outputLength(9), 3))
    // Training normalises with batch statistics: the convolution output has mean 0, variance 1 per channel.
    let rowsT = Tensor(normal: Shape(50, 3), mean: 5, std: 2, using: &rng)
    let n = try g.value(try layer.batchNorm(g.constant(rowsT), in: g)).scalars
    for c in 0..<3 {
      let col = (0..<50).map { n[$0 * 3 + c] }
      let m = col.reduce(0, +) / 50
      let v = col.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 50
      #expect(abs(m) < 1e-4 && abs(v - 1) < 1e-3)
    }
    // Evaluation uses the running statistics.
    g.reset()
    g.isTraining = false
    let r = try g.value(try layer.batchNorm(g.constant(rowsT), in: g)).scalars
    let rowsV = rowsT.scalars
    for i in 0..<3 {
      let ref = (rowsV[i] - layer.runningMean.value.scalars[i]) / (layer.runningVariance.value.scalars[i] + 1e-5).squareRoot()
      #expect(abs(r[i] - ref) < 1e-4)
    }
  }
}
