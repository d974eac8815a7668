import Testing
@testable import Forecasting

@Suite struct SeriesFrameTests {
  @Test func groupsSortsAndKeepsOrderOfFirstAppearance() throws {
    let f = try SeriesFrame(freq: .months, uniqueIds: ["b", "a", "b", "a"],
                            ds: [ts("2000-02-01"), ts("2000-01-01"), ts("2000-01-01"), ts("2000-02-01")],
                            y: [2, 10, 1, 20],
                            historical: [ExogenousColumn(name: "h", values: [0.2, 1, 0.1, 2])],
                            future: [ExogenousColumn(name: "f", values: [5, 6, 7, 8])],
                            statics: [ExogenousColumn(name: "s", values: [9, 3, 9, 3])])
    #expect(f.series.map { $0.id } == ["b", "a"])
    #expect(f.series[0].y == [1, 2] && f.series[1].y == [10, 20])
    #expect(f.series[0].historical == [[0.1, 0.2]] && f.series[0].future == [[7, 5]])
    #expect(f.series[0].statics == [9] && f.staticNames == ["s"])
    #expect(f.rowCount == 4 && f.index(of: "a") == 1 && f.index(of: "z") == nil)
    let long = f.longRows
    #expect(long.uniqueIds == ["b", "b", "a", "a"] && long.y == [1, 2, 10, 20])
  }

  @Test func gapsBecomeMissingRowsAndPoliciesFillThem() throws {
    let ds = [ts("2000-01-01"), ts("2000-02-01"), ts("2000-05-01"), ts("2000-06-01")]
    let y: [Double] = [1, .nan, 4, 6]
    #expect(throws: ForecastError.missingValue(id: "a", index: 1)) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a", "a", "a"], ds: ds, y: y)
    }
    let lin = try SeriesFrame(freq: .months, uniqueIds: ["a", "a", "a", "a"], ds: ds, y: y, missing: .linear)
    #expect(lin.series[0].y == [1, 1.75, 2.5, 3.25, 4, 6])
    let ff = try SeriesFrame(freq: .months, uniqueIds: ["a", "a", "a", "a"], ds: ds, y: y, missing: .forwardFill)
    #expect(ff.series[0].y == [1, 1, 1, 1, 4, 6])
    let z = try SeriesFrame(freq: .months, uniqueIds: ["a", "a", "a", "a"], ds: ds, y: y, missing: .zero)
    #expect(z.series[0].y == [1, 0, 0, 0, 4, 6])
    let keep = try SeriesFrame(freq: .months, uniqueIds: ["a", "a", "a", "a"], ds: ds, y: y, missing: .keep)
    #expect(keep.series[0].y.filter { $0.isNaN }.count == 3)
  }

  @Test func edgePolicies() throws {
    #expect(try fillMissing([.nan, 2, .nan], .linear, id: "a") == [2, 2, 2])
    #expect(try fillMissing([.nan, 2, .nan], .forwardFill, id: "a") == [2, 2, 2])
    #expect(try fillMissing([.nan, .nan], .zero, id: "a") == [0, 0])
    #expect(try fillMissing([], .linear, id: "a") == [])
    #expect(throws: ForecastError.missingValue(id: "a", index: 0)) { try fillMissing([.nan], .linear, id: "a") }
    let ds = (0..<4).map { Frequency.days(1).advance(ts("2020-01-01"), by: $0) }
    var f = try SeriesFrame(freq: .days(1), uniqueIds: ["a", "a", "a", "a"], ds: ds, y: [.nan, .nan, 3, 4],
                            historical: [ExogenousColumn(name: "x", values: [1, .nan, 1, 1])],
                            future: [ExogenousColumn(name: "f", values: [1, 1, .nan, 1])], missing: .keep)
    var lead = f
    try lead.applyMissing(.dropLeading)
    #expect(lead.series[0].y == [4])
    var inner = try SeriesFrame(freq: .days(1), uniqueIds: ["a", "a", "a"], ds: Array(ds.prefix(3)), y: [1, .nan, 3], missing: .keep)
    #expect(throws: ForecastError.missingValue(id: "a", index: 1)) { try inner.applyMissing(.dropLeading) }
    try f.applyMissing(.linear)
    #expect(f.series[0].y == [3, 3, 3, 4] && f.series[0].future[0] == [1, 1, 1, 1])
    var g = try SeriesFrame(freq: .days(1), uniqueIds: ["a", "a", "a"], ds: Array(ds.prefix(3)), y: [.nan, 2, 3], missing: .keep)
    try g.applyMissing(.dropLeading)
    #expect(g.series[0].y == [2, 3] && g.series[0].ds[0] == ds[1])
  }

  @Test func rejectsBadInput() throws {
    let d = [ts("2000-01-01"), ts("2000-02-01")]
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: [d[0]], y: [1, 2])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: d, y: [1])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: d, y: [1, 2], historical: [ExogenousColumn(name: "x", values: [1])])
    }
    #expect(throws: ForecastError.irregularTimestamps(id: "a")) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: [d[0], d[0]], y: [1, 2])
    }
    #expect(throws: ForecastError.irregularTimestamps(id: "a")) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: [d[0], ts("2000-01-15")], y: [1, 2])
    }
    #expect(throws: ForecastError.invalidArgument("static column s varies within series a")) {
      try SeriesFrame(freq: .months, uniqueIds: ["a", "a"], ds: d, y: [1, 2], statics: [ExogenousColumn(name: "s", values: [1, 2])])
    }
    let s = Series(id: "a", ds: d, y: [1, 2])
    #expect(throws: ForecastError.invalidArgument("duplicate series id a")) { try SeriesFrame(freq: .months, series: [s, s]) }
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) {
      try SeriesFrame(freq: .months, series: [Series(id: "a", ds: d, y: [1])])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 1, actual: 0)) {
      try SeriesFrame(freq: .months, series: [s], historicalNames: ["h"])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 1, actual: 0)) {
      try SeriesFrame(freq: .months, series: [s], futureNames: ["f"])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 1, actual: 0)) {
      try SeriesFrame(freq: .months, series: [s], staticNames: ["s"])
    }
    #expect(throws: ForecastError.lengthMismatch(expected: 2, actual: 1)) {
      try SeriesFrame(freq: .months, series: [Series(id: "a", ds: d, y: [1, 2], historical: [[1]])], historicalNames: ["h"])
    }
    #expect(throws: ForecastError.irregularTimestamps(id: "a")) {
      try SeriesFrame(freq: .months, series: [Series(id: "a", ds: [d[1], d[0]], y: [1, 2])])
    }
  }

  @Test func splits() throws {
    let f = try twoSeries(10)
    let train = try f.droppingLast(3), test = try f.lastRows(3)
    #expect(train.series[0].count == 7 && test.series[1].y == Array(f.series[1].y.suffix(3)))
    #expect(test.series[0].ds[0] == f.series[0].ds[7])
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 11, actual: 10)) { try f.droppingLast(10) }
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 11, actual: 10)) { try f.lastRows(11) }
    let one = try SeriesFrame(id: "x", freq: .years, start: ts("1821-01-01"), y: [1, 2, 3])
    #expect(one.series[0].ds[2].text == "1823-01-01")
  }
}
