import Testing
@testable import Forecasting

@Suite struct TiDETests {
  @Test func learnsAirPassengers() throws {
    let m = try TiDE(inputSize: 24, horizon: 12, hiddenSize: 32, decoderOutputSize: 4, temporalDecoderSize: 16, dropout: 0.1,
                 maxSteps: 200, batchSize: 16, learningRate: 3e-3, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try TiDE(inputSize: 12, horizon: 4, hiddenSize: 8, decoderOutputSize: 2, temporalDecoderSize: 4,
                 encoderLayers: 2, decoderLayers: 2, dropout: 0, maxSteps: 30, batchSize: 8, learningRate: 1e-2,
                 scaler: .standard, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive { try TiDE(inputSize: 6, horizon: 3, hiddenSize: 4, decoderOutputSize: 2, temporalDecoderSize: 4,
                                   dropout: 0.2, layerNorm: false, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[4, 2, 4, 1, 1, 0.3], [4, 2, 4, 1, 1, 1, 1], [4, 2, 4, 1, 1, 0.3, 2]] {
      #expect(try WindowNetwork.make("TiDE", c, bad) == nil)
    }
  }
}

extension TiDETests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try TiDE(inputSize: 8, horizon: 2, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try TiDE(inputSize: 8, horizon: 2, encoderLayers: 0) }
    #expect(throws: ForecastError.self) { try TiDE(inputSize: 8, horizon: 2, dropout: -0.1) }
    #expect(throws: ForecastError.self) { try TiDE(inputSize: 8, horizon: 2, dropout: 1) }
  }
}
