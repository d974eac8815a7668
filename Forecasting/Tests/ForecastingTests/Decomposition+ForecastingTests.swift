import Foundation
import Testing
import Neural
@testable import Forecasting

@Suite struct DecompositionLayersTests {
  @Test(arguments: [1, 3, 5, 7]) func movingAverageReplicatesTheEnds(kernel: Int) throws {
    let xs: [Float] = [3, -1, 4, 1, -5, 9, 2, 6]
    let d = SeriesDecomposition(kernel: kernel)
    let g = Graph()
    let (s, t) = try d(g.constant(Tensor(shape: Shape(1, 8, 1), scalars: xs)), in: g)
    let trend = try g.value(t).scalars, seasonal = try g.value(s).scalars
    let p = (kernel - 1) / 2
    for i in 0..<8 {
      let ref = (-p...p).map { xs[min(max(i + $0, 0), 7)] }.reduce(0, +) / Float(kernel)
      #expect(abs(trend[i] - ref) < 1e-5)
      #expect(abs(seasonal[i] + trend[i] - xs[i]) < 1e-5)
    }
  }

  @Test func seasonalLayerNormHasZeroMeanOverTime() throws {
    var rng = NeuralRandom(seed: 1)
    let n = SeasonalLayerNorm(4)
    let g = Graph()
    let y = try g.value(try n(g.constant(Tensor(normal: Shape(2, 5, 4), mean: 3, std: 2, using: &rng)), in: g)).scalars
    for b in 0..<2 { for c in 0..<4 { #expect(abs((0..<5).map { y[(b * 5 + $0) * 4 + c] }.reduce(0, +)) < 1e-5) } }
  }

  @Test func fitLengthPadsAndTruncates() throws {
    let g = Graph()
    let x = g.constant(Tensor(repeating: 1, shape: Shape(2, 4, 3)))
    #expect(try fitLength(x, 6, in: g).shape == Shape(2, 6, 3))
    #expect(try fitLength(x, 2, in: g).shape == Shape(2, 2, 3))
    #expect(try fitLength(x, 4, in: g).shape == Shape(2, 4, 3))
    #expect(AutoCorrelation.delayCount(factor: 3, length: 24) == 9)      // ⌊3 ln 24⌋
    #expect(AutoCorrelation.delayCount(factor: 1, length: 1) == 1)
    #expect(AutoCorrelation.delayCount(factor: 64, length: 5) == 5)
  }

  /// Auto-Correlation against a scalar reference: circular correlations averaged over channels, top
  /// delays (per window at inference, from the batch mean while training), softmax, rolled values.
  @Test(arguments: [false, true]) func autoCorrelationMatchesTheReference(training: Bool) throws {
    var rng = NeuralRandom(seed: 4)
    let b = 3, l = 9, s = 7, d = 4
    let q = Tensor(normal: Shape(b, l, d), mean: 0, std: 1, using: &rng)
    let k = Tensor(normal: Shape(b, s, d), mean: 0, std: 1, using: &rng)
    let v = Tensor(normal: Shape(b, s, d), mean: 0, std: 1, using: &rng)
    let g = Graph()
    g.isTraining = training
    let out = try g.value(try AutoCorrelation(factor: 1).mix(g.constant(q), g.constant(k), g.constant(v), in: g)).scalars
    func kv(_ t: Tensor, _ bi: Int, _ i: Int, _ c: Int) -> Float { i < s ? t.scalars[(bi * s + i) * d + c] : 0 }
    var r = [[Float]](repeating: [Float](repeating: 0, count: l), count: b)
    for bi in 0..<b {
      for tau in 0..<l {
        var acc: Float = 0
        for t in 0..<l { for c in 0..<d { acc += q.scalars[(bi * l + (t + tau) % l) * d + c] * kv(k, bi, t, c) } }
        r[bi][tau] = acc / Float(d)
      }
    }
    let top = AutoCorrelation.delayCount(factor: 1, length: l)
    let mean = (0..<l).map { tau in (0..<b).map { r[$0][tau] }.reduce(0, +) / Float(b) }
    for bi in 0..<b {
      let delays = ProbSparse.largestInOrder(training ? mean : r[bi], count: top)
      let w = delays.map { r[bi][$0] }, mx = w.max()!
      let e = w.map { Float(exp(Double($0 - mx))) }, z = e.reduce(0, +)
      for t in 0..<l {
        for c in 0..<d {
          var ref: Float = 0
          for (i, tau) in delays.enumerated() { ref += e[i] / z * kv(v, bi, (t + tau) % l, c) }
          #expect(abs(out[(bi * l + t) * d + c] - ref) < 1e-4)
        }
      }
    }
  }

  @Test func decompositionStackGradientsReachEveryParameter() throws {
    var rng = NeuralRandom(seed: 3)
    let stack = DecompositionStack(hiddenSize: 4, convHiddenSize: 6, encoderLayers: 1, decoderLayers: 1,
                                   movingAverage: 3, dropout: 0, outputs: 2, using: &rng,
                                   encoderMixer: { _ in AutoCorrelation(factor: 3) },
                                   decoderMixers: { _ in (AutoCorrelation(factor: 3), AutoCorrelation(factor: 3)) })
    let g = Graph()
    let x = g.constant(Tensor(normal: Shape(3, 8), mean: 0, std: 1, using: &rng))
    let y = try stack(x, labelLength: 4, horizon: 3, in: g)
    #expect(y.shape == Shape(3, 3, 2))
    try g.backward(try g.mean(try g.apply(.square, y)))
    // (factor 3: several delays, so the softmax weights carry gradient to the query and key projections;
    // with one delay they are constant 1.) The seasonal norms' shifts cancel against their own time mean: exactly no gradient there.
    let shifts = [stack.encoderNorm.norm.beta, stack.decoderNorm.norm.beta].map { ObjectIdentifier($0) }
    for p in stack.parameters where !shifts.contains(ObjectIdentifier(p)) { #expect(p.grad.scalars.contains { $0 != 0 }) }
  }
}
