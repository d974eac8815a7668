import Testing
import Neural
@testable import Forecasting

@Suite struct TFTTests {
  @Test func learnsAirPassengers() throws {
    let m = try TFT(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, dropout: 0, maxSteps: 300, batchSize: 16,
                    learningRate: 5e-3, scaler: .standard)
    m.seed = 2
    let s = try covariateScore(m, try airPassengers())
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func readsStaticAndFutureColumns() throws {
    let frame = try airWithCalendar()
    let m = try TFT(inputSize: 24, horizon: 12, hiddenSize: 8, heads: 2, rnnLayers: 2, dropout: 0, maxSteps: 60,
                    batchSize: 8, learningRate: 3e-3, scaler: .standard, levels: [80])
    let train = try frame.droppingLast(12), future = try frame.lastRows(12)
    try m.fit(train, progress: nil)
    #expect(m.futureCount == 2 && m.staticCount == 1 && m.net?.contexts.count == 6)
    let f = try m.forecast(train, future: future, h: 12, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<12 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    // A fitted model with future columns needs them at forecast time.
    #expect(throws: ForecastError.self) { try m.forecast(train, h: 12, levels: []) }
    try checkCovariateArchive(train, future: future) {
      try TFT(inputSize: 12, horizon: 3, hiddenSize: 4, heads: 2, rnnKind: .gru, dropout: 0.1, maxSteps: 6,
              batchSize: 4, learningRate: 1e-2)
    }
    try checkCovariateArchive(try airWithCalendarPanel(), future: nil) {
      try TFT(inputSize: 12, horizon: 3, hiddenSize: 4, heads: 2, attentionDropout: 0.1, maxSteps: 6, batchSize: 4,
              learningRate: 1e-2)
    }
  }

  @Test func badArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try TFT(inputSize: 8, horizon: 2, hiddenSize: 6, heads: 4) }
    #expect(throws: ForecastError.self) { try TFT(inputSize: 8, horizon: 2, rnnLayers: 0) }
    #expect(throws: ForecastError.self) { try TFT(inputSize: 8, horizon: 2, rnnKind: .rnn) }
    #expect(throws: ForecastError.self) { try TFT(inputSize: 8, horizon: 2, attentionDropout: 1) }
    #expect(throws: ForecastError.self) { try TFT(inputSize: 8, horizon: 2, dropout: -1) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[8, 2, 0, 1, 0, 0], [8, 2, 0, 1, 2, 0, 1, 0, 0, 0], [8, 2, 0, 1, 0, 0, 2, 0, 0, 0],
                          [8, 2, 0, 1, 0, 0, 0, 1, 0, 0], [8, 2, 0, 1, 0, 0, 1, 5000, 0, 0]] {
      #expect(try WindowNetwork.make("TFT", c, bad) == nil)
    }
    #expect(throws: ForecastError.self) { try WindowNetwork.make("TFT", c, [8, 3, 0, 1, 0, 0, 1, 0, 0, 0]) }
    let m = try #require(try WindowNetwork.make("TFT", c, [8, 2, 0, 1, 1, 0, 1, 1, 2, 3]) as? TFT)
    #expect(m.rnnKind == .gru && m.historicalCount == 1 && m.futureCount == 2 && m.staticCount == 3)
  }
}
