import Neural
import Testing
@testable import Forecasting

@Suite struct DeepNPTSTests {
  /// DeepNPTS forecasts convex combinations of the window's values, so it cannot extrapolate
  /// AirPassengers' trend beyond the last year (SeasonalNaive's forecast is one such combination);
  /// it must still clearly beat Naive, and stay inside the window's range.
  @Test func learnsAirPassengers() throws {
    let m = try DeepNPTS(inputSize: 24, horizon: 12, hiddenSize: 32, dropout: 0, maxSteps: 300, batchSize: 32,
                         learningRate: 3e-3)
    m.seed = 1
    let air = try airPassengers()
    let s = try covariateScore(m, air, beatsSeasonalNaive: false)
    #expect(s.model < 0.8 * s.naive)
    let train = try air.droppingLast(12)
    let window = train.series[0].y.suffix(24)
    for v in try m.forecast(train, h: 12, levels: [])[0].mean {
      #expect(v >= window.min()! - 1e-3 && v <= window.max()! + 1e-3)
    }
    let w = try m.weights(train)
    #expect(w.count == 1 && w[0].count == 12 && w[0][0].count == 24)
    for row in w[0] { #expect(abs(row.reduce(0, +) - 1) < 1e-5 && row.allSatisfy { $0 >= 0 }) }
  }

  @Test func exogenousSeedsArchivesAndBadArguments() throws {
    let air = try airWithCalendar()
    let train = try air.droppingLast(4), next = try air.lastRows(4)
    let m = try DeepNPTS(inputSize: 12, horizon: 4, hiddenSize: 8, numLayers: 1, batchNorm: false, maxSteps: 20,
                         batchSize: 8, learningRate: 1e-2)
    try m.fit(train, progress: nil)
    #expect(m.futureCount == 2 && m.staticCount == 1)
    #expect(try m.weights(train, future: next)[0].count == 4)
    #expect(throws: ForecastError.self) { try m.weights(train) }               // future columns needed
    #expect(throws: ForecastError.notFitted("DeepNPTS")) { try DeepNPTS(inputSize: 12, horizon: 4).weights(train) }
    try checkCovariateArchive(train, future: next) {
      try DeepNPTS(inputSize: 6, horizon: 3, hiddenSize: 4, numLayers: 2, dropout: 0.2, maxSteps: 8, batchSize: 4,
                   learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try DeepNPTS(inputSize: 6, horizon: 3, levels: [80]) }
    #expect(throws: ForecastError.self) { try DeepNPTS(inputSize: 6, horizon: 3, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try DeepNPTS(inputSize: 6, horizon: 3, dropout: 1) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[8, 2, 2, 0.1, 1, 0, 0, 0], [8, 0, 1, 0.1, 1, 0, 0, 0], [8, 2, 1, 1, 1, 0, 0, 0], [8, 2, 1, 0, 0]] {
      #expect(try WindowNetwork.make("DeepNPTS", c, bad) == nil)
    }
    let q = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [80], alias: "x")
    #expect(try WindowNetwork.make("DeepNPTS", q, [8, 2, 1, 0.1, 1, 0, 0, 0]) == nil)
  }
}
