import Testing
@testable import Forecasting

@Suite struct ConformalModelTests {
  @Test func scoresAreTheCrossValidationErrors() throws {
    let air = try airPassengers()
    let m = try ConformalModel(base: try SeasonalNaive(seasonLength: 12), h: 12, nWindows: 3)
    #expect(throws: ForecastError.notFitted("SeasonalNaive")) { try m.forecast(air, h: 12, levels: [80]) }
    try m.fit(air, progress: nil)
    // Reference: the three windows by hand.
    let y = air.series[0].y
    for j in 0..<12 {
      let errs = (0..<3).map { i -> Double in
        let end = 144 - (3 - i) * 12
        return abs(y[end + j] - y[end - 12 + j])
      }.sorted()
      #expect(m.scores[0][j] == errs)
    }
    let f = try m.forecast(air, h: 12, levels: [95, 50])[0]
    #expect(f.mean == Array(y[132..<144]))
    // level 50: rank ceil(4 * 0.5) = 2; level 95: rank ceil(3.8) = 4 -> capped at the largest.
    #expect(f.interval(50)!.hi[0] - f.mean[0] == m.scores[0][0][1])
    #expect(f.interval(95)!.hi[0] - f.mean[0] == m.scores[0][0][2])
    #expect(f.intervals.map { $0.level } == [50, 95])
    #expect(m.alias == "SeasonalNaive")
    m.seed = 9
    #expect(m.base.seed == 9)
  }

  @Test func coverageOnHeldOutDataIsNearTheLevel() throws {
    // A long AR-like series: conformal intervals around a naive model cover roughly the level.
    var rng = ForecastRandom(seed: 3)
    var v = 0.0
    var y: [Double] = []
    for _ in 0..<700 {
      v = 0.5 * v + (rng.unit() - 0.5) * 2
      y.append(v)
    }
    let f = try SeriesFrame(id: "ar", freq: .days(1), start: ts("2020-01-01"), y: y)
    let train = try f.droppingLast(200)
    let m = try ConformalModel(base: HistoricAverage(), h: 1, nWindows: 400)
    try m.fit(train, progress: nil)
    var inside = 0
    for k in 0..<200 {
      let hist = try f.droppingLast(200 - k)
      let p = try m.forecast(hist, h: 1, levels: [80])[0]
      if y[500 + k] >= p.intervals[0].lo[0] && y[500 + k] <= p.intervals[0].hi[0] { inside += 1 }
    }
    #expect(inside >= 140 && inside <= 185)
  }

  @Test func badUse() throws {
    let f = try twoSeries(10)
    let m = try ConformalModel(base: Naive(), h: 4, nWindows: 5, alias: "cNaive")
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 9, actual: 8)) { try m.fit(try f.droppingLast(2), progress: nil) }
    try m.fit(f, progress: nil)
    #expect(m.scores[0][0].count == 2)
    #expect(throws: ForecastError.invalidArgument("conformal scores cover 4 steps, asked for 5")) {
      try m.forecast(f, h: 5, levels: [])
    }
    let other = try SeriesFrame(id: "zz", freq: .quarters, start: ts("2000-01-01"), y: [1, 2, 3])
    #expect(throws: ForecastError.notFitted("cNaive for series zz")) { try m.forecast(other, h: 1, levels: [80]) }
    let empty = try SeriesFrame(freq: .quarters, series: [])
    #expect(throws: ForecastError.invalidArgument("conformal fit on an empty frame")) { try m.fit(empty, progress: nil) }
  }
}

extension ConformalModelTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    for (h, w) in [(0, 5), (3, 1), (-1, -1)] {
      #expect(throws: ForecastError.self) { try ConformalModel(base: Naive(), h: h, nWindows: w) }
    }
    #expect(try ConformalModel(base: Naive(), h: 1, nWindows: 2).nWindows == 2)
  }
}
