import Testing
@testable import Forecasting

@Suite struct AutoformerTests {
  @Test func learnsAirPassengers() throws {
    let m = try Autoformer(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, factor: 3, convHiddenSize: 32,
                           encoderLayers: 1, decoderLayers: 1, movingAverageWindow: 7, dropout: 0, maxSteps: 150,
                           batchSize: 16, learningRate: 3e-3, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try Autoformer(inputSize: 12, horizon: 4, hiddenSize: 8, heads: 2, factor: 2, convHiddenSize: 8,
                           encoderLayers: 1, decoderLayers: 1, movingAverageWindow: 5, dropout: 0, maxSteps: 20,
                           batchSize: 8, learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try! Autoformer(inputSize: 8, horizon: 3, hiddenSize: 4, heads: 2, factor: 1, convHiddenSize: 8, encoderLayers: 2,
                      decoderLayers: 2, movingAverageWindow: 3, dropout: 0.1, maxSteps: 6, batchSize: 4,
                      learningRate: 1e-2)
    }
  }

  @Test func badArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try Autoformer(inputSize: 8, horizon: 2, factor: 0) }
    #expect(throws: ForecastError.self) { try Autoformer(inputSize: 8, horizon: 2, movingAverageWindow: 4) }
    #expect(throws: ForecastError.self) { try Autoformer(inputSize: 8, horizon: 2, hiddenSize: 6, heads: 4) }
    #expect(throws: ForecastError.self) { try Autoformer(inputSize: 8, horizon: 2, dropout: -0.1) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    #expect(try WindowNetwork.make("Autoformer", c, [4, 2, 3, 8, 1, 1, 3, 0]) == nil)
    #expect(throws: ForecastError.self) { try WindowNetwork.make("Autoformer", c, [4, 2, 3, 8, 1, 1, 2, 0, 0.5]) }
  }
}
