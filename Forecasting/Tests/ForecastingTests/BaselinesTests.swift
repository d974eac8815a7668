import Testing
@testable import Forecasting

@Suite struct BaselinesTests {
  static func models() throws -> [(String, any ForecastModel)] {
    [("Naive", Naive()), ("SeasonalNaive", try SeasonalNaive(seasonLength: 12)), ("RWD", RandomWalkWithDrift()),
     ("HistoricAverage", HistoricAverage()), ("WindowAverage", try WindowAverage(windowSize: 6))]
  }

  @Test func matchStatsforecastOnAirPassengers() throws {
    let train = try airPassengers().droppingLast(12)
    var expected: [String: [[Double]]] = [:]
    for r in try fixtureRows("baselines_air.csv") { expected[r[0], default: []].append(r[2...].map { Double($0)! }) }
    for (name, model) in try Self.models() {
      try model.fit(train, progress: nil)
      let f = try model.forecast(train, h: 12, levels: [95, 80])[0]
      let rows = expected[name]!
      #expect(close(f.mean, rows.map { $0[0] }, rel: 1e-13), "\(name) mean")
      if name == "WindowAverage" {
        #expect(f.intervals.isEmpty)
        continue
      }
      #expect(f.intervals.map { $0.level } == [80, 95])
      #expect(close(f.interval(80)!.lo, rows.map { $0[1] }, rel: 1e-12), "\(name) lo80")
      #expect(close(f.interval(80)!.hi, rows.map { $0[2] }, rel: 1e-12), "\(name) hi80")
      #expect(close(f.interval(95)!.lo, rows.map { $0[3] }, rel: 1e-12), "\(name) lo95")
      #expect(close(f.interval(95)!.hi, rows.map { $0[4] }, rel: 1e-12), "\(name) hi95")
    }
  }

  @Test func shortSeriesAndBadRequestsThrow() throws {
    let one = try SeriesFrame(id: "s", freq: .months, start: ts("2000-01-01"), y: [1])
    let needs: [(any ForecastModel, Int)] = [(Naive(), 2), (try SeasonalNaive(seasonLength: 12), 13), (RandomWalkWithDrift(), 2),
                                             (HistoricAverage(), 2), (try WindowAverage(windowSize: 3), 3)]
    for (m, n) in needs {
      #expect(throws: ForecastError.seriesTooShort(id: "s", needed: n, actual: 1)) { try m.fit(one, progress: nil) }
      #expect(throws: ForecastError.seriesTooShort(id: "s", needed: n, actual: 1)) { try m.forecast(one, h: 1, levels: []) }
      #expect(throws: ForecastError.invalidArgument("horizon must be >= 1")) { try m.forecast(one, h: 0, levels: []) }
      #expect(throws: ForecastError.invalidArgument("levels must be in (0, 100)")) { try m.forecast(one, h: 1, levels: [100]) }
    }
    var nan = try twoSeries(20)
    nan.series[0].y[3] = .nan
    #expect(throws: ForecastError.missingValue(id: "a", index: 3)) { try Naive().fit(nan, progress: nil) }
  }
}

extension BaselinesTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.invalidArgument("season length must be >= 1")) { try SeasonalNaive(seasonLength: 0) }
    #expect(throws: ForecastError.invalidArgument("window size must be >= 1")) { try WindowAverage(windowSize: -3) }
    #expect(try SeasonalNaive(seasonLength: 1).seasonLength == 1)
  }
}
