import Testing
@testable import Forecasting

@Suite struct iTransformerTests {
  @Test func learnsAPanel() throws {
    let m = try iTransformer(inputSize: 24, horizon: 12, nSeries: 2, hiddenSize: 32, heads: 4, encoderLayers: 1,
                             feedForwardSize: 64, dropout: 0, maxSteps: 200, batchSize: 16, learningRate: 3e-3)
    m.seed = 2
    let s = try covariateScore(m, try airPanel())
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let panel = try airPanel()
    let m = try iTransformer(inputSize: 12, horizon: 4, nSeries: 2, hiddenSize: 8, heads: 2, encoderLayers: 1,
                             feedForwardSize: 16, dropout: 0, maxSteps: 30, batchSize: 8, learningRate: 1e-2,
                             levels: [80])
    try m.fit(panel, progress: nil)
    let f = try m.forecast(panel, h: 4, levels: [80])
    #expect(f.count == 2)
    for s in f {
      let i = try #require(s.interval(80))
      for j in 0..<4 { #expect(i.lo[j] <= s.mean[j] && s.mean[j] <= i.hi[j]) }
    }
    var short = panel
    short.series.removeLast()
    #expect(throws: ForecastError.self) { try m.forecast(short, h: 4, levels: []) }
    try checkCovariateArchive(panel, future: nil) {
      try iTransformer(inputSize: 6, horizon: 3, nSeries: 2, hiddenSize: 4, heads: 2, encoderLayers: 2,
                       feedForwardSize: 8, dropout: 0.1, maxSteps: 6, batchSize: 4, learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try iTransformer(inputSize: 6, horizon: 3, nSeries: 2, hiddenSize: 6, heads: 4) }
    #expect(throws: ForecastError.self) { try iTransformer(inputSize: 6, horizon: 3, nSeries: 2, encoderLayers: 0) }
    #expect(throws: ForecastError.self) { try iTransformer(inputSize: 6, horizon: 3, nSeries: 2, feedForwardSize: 0) }
    #expect(throws: ForecastError.self) { try iTransformer(inputSize: 6, horizon: 3, nSeries: 2, dropout: 1) }
    #expect(throws: ForecastError.self) { try iTransformer(inputSize: 6, horizon: 3, nSeries: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    #expect(try WindowNetwork.make("iTransformer", c, [2, 8, 2, 1, 16, 0]) == nil)
    #expect(try WindowNetwork.make("iTransformer", c, [2, 8, 2, 1, 16, 0, 1, 0, 0, 0]) == nil)
    #expect(throws: ForecastError.self) { try WindowNetwork.make("iTransformer", c, [2, 8, 3, 1, 16, 0, 0, 0, 0, 0]) }
  }
}
