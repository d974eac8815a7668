import Neural
import Testing
@testable import Forecasting

@Suite struct TSMixerTests {
  @Test func learnsAPanel() throws {
    let m = try TSMixer(inputSize: 24, horizon: 12, nSeries: 2, ffDim: 32, dropout: 0.1, maxSteps: 300, batchSize: 16,
                        learningRate: 3e-3)
    m.seed = 2
    let s = try covariateScore(m, try airPanel())
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func instanceNormIsReversible() throws {
    let norm = ReversibleInstanceNorm(2)
    norm.weight.value.scalars = [2, 0.5]
    norm.bias.value.scalars = [1, -1]
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(1, 3, 2), scalars: [1, 10, 2, 20, 3, 60]))
    let (z, mean, std) = try norm.normalise(x, in: g)
    let zs = try g.value(z).scalars
    #expect(abs(zs[0] - (1 - 2 * 1.2247)) < 1e-3 && abs(zs[2] - 1) < 1e-5)   // (x − 2)/0.8165·2 + 1
    let back = try g.value(try norm.reverse(z, mean: mean, std: std, in: g)).scalars
    for (a, b) in zip(back, [Float(1), 10, 2, 20, 3, 60]) { #expect(abs(a - b) < 1e-3 * max(1, abs(b))) }
  }

  @Test func batchNormTrainsAndInfers() throws {
    let bn = BatchNorm(2, epsilon: 1e-3, momentum: 0.5)
    let g = Graph()
    let y = try bn(g.constant(Tensor(shape: Shape(2, 2), scalars: [1, 10, 3, 30])), in: g)
    let v = try g.value(y).scalars
    #expect(abs(v[0] + 1) < 1e-3 && abs(v[1] + 1) < 1e-4 && abs(v[3] - 1) < 1e-4)
    #expect(bn.runningMean.value.scalars == [1, 10] && bn.runningVariance.value.scalars == [1.5, 100.5])
    let e = Graph()
    e.isTraining = false
    let w = try e.value(try bn(e.constant(Tensor(shape: Shape(1, 2), scalars: [1, 10])), in: e)).scalars
    #expect(abs(w[0]) < 1e-6 && abs(w[1]) < 1e-6)
    #expect(throws: TensorError.self) { try bn(e.constant(Tensor(zeros: Shape(1, 3))), in: e) }
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let panel = try airPanel()
    let m = try TSMixer(inputSize: 12, horizon: 4, nSeries: 2, nBlock: 1, ffDim: 8, dropout: 0, maxSteps: 40, batchSize: 8,
                        learningRate: 1e-2, levels: [80])
    try m.fit(panel, progress: nil)
    for s in try m.forecast(panel, h: 4, levels: [80]) {
      let i = try #require(s.interval(80))
      for j in 0..<4 { #expect(i.lo[j] <= s.mean[j] && s.mean[j] <= i.hi[j]) }
    }
    try checkCovariateArchive(panel, future: nil) {
      try TSMixer(inputSize: 6, horizon: 3, nSeries: 2, nBlock: 2, ffDim: 4, dropout: 0.2, maxSteps: 8, batchSize: 4,
                  learningRate: 1e-2)
    }
    try checkCovariateArchive(panel, future: nil) {
      try TSMixer(inputSize: 6, horizon: 3, nSeries: 2, nBlock: 1, ffDim: 4, dropout: 0, revin: false, maxSteps: 8,
                  batchSize: 4, learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try TSMixer(inputSize: 6, horizon: 3, nSeries: 2, dropout: 1) }
    #expect(throws: ForecastError.self) { try TSMixer(inputSize: 6, horizon: 3, nSeries: 2, nBlock: 0) }
    #expect(throws: ForecastError.self) { try TSMixer(inputSize: 6, horizon: 3, nSeries: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[2, 2, 8, 0.1, 1, 1, 0, 0, 0], [2, 2, 8, 0.1, 2, 0, 0, 0, 0], [2, 0, 8, 0.1, 1, 0, 0, 0, 0]] {
      #expect(try WindowNetwork.make("TSMixer", c, bad) == nil)
    }
    #expect(try WindowNetwork.make("TSMixer", c, [2, 2, 8, 0.1, 1, 0, 0, 0, 0]) != nil)
  }
}
