import Foundation
import Neural
import Testing
@testable import Forecasting

@Suite struct NBEATSxTests {
  @Test func learnsAirPassengersWithCalendarColumns() throws {
    let m = try NBEATSx(inputSize: 24, horizon: 12, stacks: [.identity, .exogenous], hiddenSize: 32, numLayers: 1,
                        maxSteps: 200, batchSize: 16, learningRate: 3e-3, scaler: .standard)
    m.seed = 5
    let s = try covariateScore(m, try airWithCalendar())
    #expect(s.model < 0.6 * s.naive)
  }

  /// y = 10 + 5·x + small noise with x a known-ahead random "promotion": only a model that reads the
  /// future column can forecast it.
  @Test func readsFutureColumns() throws {
    var rng = ForecastRandom(seed: 9)
    let n = 160
    let x = (0..<n).map { _ in rng.unit() < 0.3 ? 1.0 : 0.0 }
    let y = x.map { 10 + 5 * $0 + 0.1 * rng.unit() }
    let ds = (0..<n).map { Frequency.days(1).advance(ts("2024-01-01"), by: $0) }
    let frame = try SeriesFrame(freq: .days(1), series: [Series(id: "promo", ds: ds, y: y, future: [x])], futureNames: ["x"])
    let train = try frame.droppingLast(4), next = try frame.lastRows(4)
    func heldOutMAE(_ exogenous: Bool, _ stacks: [NBEATSx.Stack]) throws -> Double {
      let m = try NBEATSx(inputSize: 8, horizon: 4, stacks: stacks, hiddenSize: 32, numLayers: 1, exogenous: exogenous,
                          maxSteps: 300, batchSize: 32, learningRate: 3e-3)
      try m.fit(train, progress: nil)
      return try Metrics.mae(next.series[0].y, m.forecast(train, future: next, h: 4, levels: [])[0].mean)
    }
    let with = try heldOutMAE(true, [.identity, .exogenous]), generic = try heldOutMAE(true, [.identity])
    let without = try heldOutMAE(false, [.identity])
    print("NBEATSx promotion MAE: exogenous stack \(with), identity with columns \(generic), without columns \(without)")
    #expect(with < 0.5 && generic < 0.8)
    #expect(with < 0.3 * without)
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let air = try airWithCalendar()
    let train = try air.droppingLast(4), next = try air.lastRows(4)
    let m = try NBEATSx(inputSize: 12, horizon: 4, stacks: [.trend, .seasonality, .exogenous], hiddenSize: 8, numLayers: 1,
                        maxSteps: 40, batchSize: 8, learningRate: 1e-2, scaler: .standard, levels: [90])
    try m.fit(train, progress: nil)
    let f = try m.forecast(train, future: next, h: 4, levels: [90])[0]
    let i = try #require(f.interval(90))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkCovariateArchive(train, future: next) {
      try NBEATSx(inputSize: 8, horizon: 3, stacks: [.identity, .exogenous], blocksPerStack: 2, hiddenSize: 6, numLayers: 1,
                  maxSteps: 10, batchSize: 4, learningRate: 1e-2)
    }
    // Bad arguments.
    #expect(throws: ForecastError.self) { try NBEATSx(inputSize: 8, horizon: 3, stacks: []) }
    #expect(throws: ForecastError.self) { try NBEATSx(inputSize: 0, horizon: 3) }
    #expect(throws: ForecastError.self) { try NBEATSx(inputSize: 8, horizon: 3, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try NBEATSx(inputSize: 8, horizon: 3, levels: [100]) }
    let noColumns = try NBEATSx(inputSize: 8, horizon: 3, stacks: [.exogenous], hiddenSize: 4, maxSteps: 2)
    #expect(throws: ForecastError.self) { try noColumns.fit(try airPassengers(), progress: nil) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[1, 8, 1, 2, 2, 7, 1, 0, 0, 0], [0, 8, 1, 2, 2, 0, 1, 0, 0, 0], [1, 8, 1, 1, 0, 0, 0],
                          [1, 8, 1, 2, 2, 0, 2, 0, 0, 0], [1, 8, 1, 2, 2, 0, 0, 1, 0, 0], [1, 8, 1]] {
      #expect(try WindowNetwork.make("NBEATSx", c, bad) == nil)
    }
    #expect(try WindowNetwork.make("NBEATSx", c, [1, 8, 1, 2, 2, 0, 1, 2, 1, 0]) != nil)
  }
}
