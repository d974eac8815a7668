import Testing
@testable import Forecasting

/// Two daily series y = level + 5·promo + small noise, `promo` a random known-ahead 0/1 column: only a
/// model that reads the future column can forecast them. `extra` is a second future column that no
/// test relies on (it checks that columns are matched by name).
private func promotions(_ n: Int = 120) throws -> SeriesFrame {
  var rng = ForecastRandom(seed: 9)
  var series: [Series] = []
  for (id, level) in [("a", 10.0), ("b", 30.0)] {
    let x = (0..<n).map { _ in rng.unit() < 0.3 ? 1.0 : 0.0 }
    let y = x.map { level + 5 * $0 + 0.1 * rng.unit() }
    let extra = (0..<n).map { Double($0 % 7) }
    let ds = (0..<n).map { Frequency.days(1).advance(ts("2024-01-01"), by: $0) }
    series.append(Series(id: id, ds: ds, y: y, future: [x, extra]))
  }
  return try SeriesFrame(freq: .days(1), series: series, futureNames: ["promo", "extra"])
}

/// The same NBEATSx configuration, reading the frame's exogenous columns (with NBEATSx's exogenous
/// stack) or not (its identity stack alone: the exogenous stack needs columns).
private func nbeatsx(_ exogenous: Bool, alias: String, horizon: Int = 4, steps: Int = 250) throws -> NBEATSx {
  let m = try NBEATSx(inputSize: 8, horizon: horizon, stacks: exogenous ? [.identity, .exogenous] : [.identity], hiddenSize: 32, numLayers: 1,
                      exogenous: exogenous, maxSteps: steps, batchSize: 32, learningRate: 3e-3, alias: alias)
  m.seed = 3
  return m
}

private func mae(_ a: [Double], _ b: [Double]) throws -> Double { try Metrics.mae(a, b) }

@Suite struct ForecasterFutureTests {
  @Test func predictWithAKnownAheadColumnBeatsTheSameModelWithout() throws {
    let frame = try promotions()
    let train = try frame.droppingLast(4), next = try frame.lastRows(4)
    let fc = Forecaster(models: [try nbeatsx(true, alias: "with"), try nbeatsx(false, alias: "without"), Naive()],
                        freq: .days(1))
    try fc.fit(train)
    #expect(throws: ForecastError.invalidArgument(
      "with was fitted with future exogenous columns: pass them with predict(h:future:levels:)")) {
      try fc.predict(h: 4)
    }
    let t = try fc.predict(h: 4, future: next)
    #expect(t.rowCount == 8 && t.uniqueIds == ["a", "a", "a", "a", "b", "b", "b", "b"])
    #expect(t.ds[0] == next.series[0].ds[0] && t.ds[7] == next.series[1].ds[3])
    let actual = next.series.flatMap { $0.y }
    let with = try mae(actual, t.column("with")), without = try mae(actual, t.column("without"))
    print("Forecaster.predict with future promo column: MAE \(with), without \(without)")
    #expect(with < 0.4 * without)
    // Models without future columns are unchanged by the future frame.
    #expect(try t.column("Naive") == train.series.flatMap { [Double](repeating: $0.y.last!, count: 4) })
    // The model itself, given the same future frame, gives the table's column.
    let direct = try (fc.models[0] as! NBEATSx).forecast(train, future: next, h: 4, levels: [])
    #expect(try t.column("with") == direct.flatMap { $0.mean })
    // Series and columns are matched by id and name, whatever their order; other columns are ignored.
    let shuffled = try SeriesFrame(
      freq: .days(1),
      series: next.series.reversed().map { Series(id: $0.id, ds: $0.ds, y: $0.y, historical: [[1, 2, 3, 4]],
                                                  future: [$0.future[1], $0.future[0]]) },
      historicalNames: ["ignored"], futureNames: ["extra", "promo"])
    #expect(try fc.predict(h: 4, future: shuffled) == t)
    // Fewer steps than the horizon: the network still reads its whole horizon of future values.
    let short = try fc.predict(h: 2, future: next)
    let full = try t.column("with")
    #expect(try short.column("with") == [0, 1, 4, 5].map { full[$0] })
  }

  @Test func crossValidationHandsEachWindowItsTrueFutureValues() throws {
    let frame = try promotions()
    let with = try nbeatsx(true, alias: "with"), without = try nbeatsx(false, alias: "without")
    let fc = Forecaster(models: [with, without, try SeasonalNaive(seasonLength: 7)], freq: .days(1))
    let cv = try fc.crossValidation(frame, nWindows: 3, h: 4, step: 4, refit: false)
    #expect(cv.rowCount == 24 && fc.trainingFrame == nil)
    let a = try mae(cv.y, cv.column("with")), b = try mae(cv.y, cv.column("without"))
    print("Forecaster.crossValidation with future promo column: MAE \(a), without \(b)")
    #expect(a < 0.4 * b)
    // Fitted once (refit: false): every window's rows are the fitted model's forecast from that
    // window's history with the frame's true values after its cutoff.
    for w in 0..<3 {
      let drop = 12 - 4 * w
      let history = try frame.droppingLast(drop)
      var future = frame
      for k in future.series.indices {
        let s = future.series[k]
        future.series[k] = s.slice(s.count - drop, s.count - drop + 4)
      }
      let direct = try with.forecast(history, future: future, h: 4, levels: []).flatMap { $0.mean }
      #expect(Array(try cv.column("with")[(8 * w)..<(8 * w + 8)]) == direct)
      #expect(cv.cutoff[8 * w] == history.series[0].ds.last!)
    }
    // Refitting per window gives the same kind of gain.
    let refit = Forecaster(models: [try nbeatsx(true, alias: "with", steps: 150), try nbeatsx(false, alias: "without", steps: 150)],
                           freq: .days(1))
    let cv2 = try refit.crossValidation(frame, nWindows: 2, h: 4)
    #expect(try mae(cv2.y, cv2.column("with")) < 0.5 * mae(cv2.y, cv2.column("without")))
  }

  @Test func everyBadFutureFrameHasItsTypedError() throws {
    let frame = try promotions(40)
    let train = try frame.droppingLast(4), next = try frame.lastRows(4)
    let fc = Forecaster(models: [try nbeatsx(true, alias: "with", steps: 2)], freq: .days(1))
    #expect(throws: ForecastError.notFitted("Forecaster")) { try fc.predict(h: 4, future: next) }
    try fc.fit(train)
    _ = try fc.predict(h: 4, future: next)
    func rebuilt(_ f: SeriesFrame, _ change: (inout Series) -> Void) throws -> SeriesFrame {
      var out = f
      for k in out.series.indices { change(&out.series[k]) }
      return try SeriesFrame(freq: f.freq, series: out.series, futureNames: f.futureNames)
    }
    // Another frequency.
    var weekly = next
    weekly.freq = .months
    #expect(throws: ForecastError.invalidArgument("the future frame's frequency differs from the forecaster's")) {
      try fc.predict(h: 4, future: weekly)
    }
    // A future column missing.
    let noPromo = try SeriesFrame(freq: .days(1), series: next.series.map {
      Series(id: $0.id, ds: $0.ds, y: $0.y, future: [$0.future[1]])
    }, futureNames: ["extra"])
    #expect(throws: ForecastError.unknownColumn("promo")) { try fc.predict(h: 4, future: noPromo) }
    // A series missing, an extra series.
    var onlyA = next
    onlyA.series.removeLast()
    #expect(throws: ForecastError.invalidArgument("the future frame has no series b")) {
      try fc.predict(h: 4, future: onlyA)
    }
    var extra = next
    extra.series.append(Series(id: "c", ds: next.series[0].ds, y: next.series[0].y, future: next.series[0].future))
    #expect(throws: ForecastError.invalidArgument("the future frame has series c, which the history has not")) {
      try fc.predict(h: 4, future: extra)
    }
    // Not starting the step after the history (a gap, an overlap).
    let late = try frame.lastRows(3)
    #expect(throws: ForecastError.irregularTimestamps(id: "a")) { try fc.predict(h: 3, future: late) }
    let overlapping = try frame.lastRows(5)
    #expect(throws: ForecastError.irregularTimestamps(id: "a")) { try fc.predict(h: 4, future: overlapping) }
    // Too few rows, too many rows (exactly h = horizon rows are needed).
    let three = try rebuilt(next) { $0 = $0.prefix(3) }
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 4, actual: 3)) { try fc.predict(h: 4, future: three) }
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 4, actual: 3)) { try fc.predict(h: 3, future: three) }
    let five = try SeriesFrame(freq: .days(1), series: next.series.map { s in
      Series(id: s.id, ds: (0..<5).map { Frequency.days(1).advance(s.ds[0], by: $0) }, y: [Double](repeating: 0, count: 5),
             future: s.future.map { $0 + [0] })
    }, futureNames: next.futureNames)
    #expect(throws: ForecastError.lengthMismatch(expected: 4, actual: 5)) { try fc.predict(h: 4, future: five) }
    // A missing future value (NaN) in a column the models read.
    let gap = try rebuilt(next) { s in if s.id == "b" { s.future[0][2] = .nan } }
    #expect(throws: ForecastError.missingValue(id: "b", index: 2)) { try fc.predict(h: 4, future: gap) }
    // Its NaN `y` is ignored.
    let noTarget = try rebuilt(next) { s in s.y = [Double](repeating: .nan, count: s.count) }
    #expect(try fc.predict(h: 4, future: noTarget) == fc.predict(h: 4, future: next))
    // Cross-validation with h shorter than the horizon: the last window has no future rows to read.
    let cvShort = Forecaster(models: [try nbeatsx(true, alias: "with", steps: 2)], freq: .days(1))
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 42, actual: 40)) {
      try cvShort.crossValidation(frame, nWindows: 2, h: 2)
    }
  }

  @Test func modelsWithoutFutureColumnsBehaveAsBefore() throws {
    let frame = try promotions(40)
    let train = try frame.droppingLast(4), next = try frame.lastRows(4)
    let fc = Forecaster(models: [Naive(), try nbeatsx(false, alias: "without", steps: 5)], freq: .days(1))
    try fc.fit(train)
    let plain = try fc.predict(h: 3, levels: [])
    // A future frame is optional, and checked when given.
    #expect(try fc.predict(h: 3, future: nil) == plain)
    let three = try SeriesFrame(freq: .days(1), series: next.series.map { $0.prefix(3) }, futureNames: next.futureNames)
    #expect(try fc.predict(h: 3, future: three) == plain)
    #expect(throws: ForecastError.lengthMismatch(expected: 3, actual: 4)) { try fc.predict(h: 3, future: next) }
    // Cross-validation slices no future frame for them: the same table as a frame without the columns.
    let bare = try SeriesFrame(freq: .days(1), series: frame.series.map { Series(id: $0.id, ds: $0.ds, y: $0.y) })
    let other = Forecaster(models: [Naive(), try nbeatsx(false, alias: "without", steps: 5)], freq: .days(1))
    #expect(try fc.crossValidation(frame, nWindows: 2, h: 3) == other.crossValidation(bare, nWindows: 2, h: 3))
  }
}
