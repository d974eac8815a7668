import Testing
@testable import Forecasting

/// A model that forecasts a constant, for exact ensemble arithmetic.
final class ConstantModel: ForecastModel {
  var alias: String
  var seed: UInt64 = 0
  let value: Double
  init(_ value: Double, alias: String) {
    self.value = value
    self.alias = alias
  }
  func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {}
  func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    history.series.map { _ in
      SeriesForecast(mean: [Double](repeating: value, count: h),
                     intervals: levels.map { PredictionInterval(level: $0, lo: [Double](repeating: value - 1, count: h),
                                                                 hi: [Double](repeating: value + 1, count: h)) })
    }
  }
  func encode(into archive: inout ArchiveWriter) { archive.begin("Constant", alias: alias, seed: seed) }
}

@Suite struct EnsembleTests {
  static func flat(_ v: Double = 10) throws -> SeriesFrame {
    try SeriesFrame(id: "f", freq: .days(1), start: ts("2020-01-01"), y: (0..<20).map { v + Double($0 % 2) })
  }

  @Test func meanAndMedianCombinePointsAndIntervals() throws {
    let f = try Self.flat()
    let members = [ConstantModel(1, alias: "a"), ConstantModel(2, alias: "b"), ConstantModel(9, alias: "c")]
    let mean = try Ensemble(members: members, method: .mean)
    try mean.fit(f, progress: nil)
    let fm = try mean.forecast(f, h: 2, levels: [80])[0]
    #expect(fm.mean == [4, 4] && fm.interval(80)!.lo == [3, 3])
    let med = try Ensemble(members: members, method: .median)
    try med.fit(f, progress: nil)
    let fmed = try med.forecast(f, h: 1, levels: [])[0]
    #expect(fmed.mean == [2] && fmed.intervals.isEmpty)
    let withoutIntervals = try Ensemble(members: [ConstantModel(1, alias: "a"), try WindowAverage(windowSize: 2)], method: .mean)
    try withoutIntervals.fit(f, progress: nil)
    #expect(try withoutIntervals.forecast(f, h: 1, levels: [80])[0].intervals.isEmpty)
  }

  @Test func weightsFollowValidationErrors() throws {
    // Data alternates 10, 11: constants 10.5 (MAE 0.5), 12.5 (MAE 2) and 6.5 (MAE 4); the scale is 1.
    let f = try Self.flat()
    let e = try Ensemble(members: [ConstantModel(10.5, alias: "a"), ConstantModel(12.5, alias: "b"), ConstantModel(6.5, alias: "c")],
                     method: .weighted, validationHorizon: 4)
    try e.fit(f, progress: nil)
    let inv = [1 / 0.5, 1 / 2.0, 1 / 4.0]
    let total = inv.reduce(0, +)
    #expect(close(e.weights, inv.map { $0 / total }, rel: 1e-12))
    let exact = try Ensemble(members: [ConstantModel(10.5, alias: "a"), Naive()], method: .weighted, validationHorizon: 2)
    let steps = try SeriesFrame(id: "s", freq: .days(1), start: ts("2020-01-01"), y: [1, 2, 3, 3, 3])
    try exact.fit(steps, progress: nil)
    #expect(exact.weights == [0, 1])
  }

  @Test func stackingRecoversAKnownCombination() throws {
    let y: [Double] = (0..<30).map { 50 + 5 * Double($0 % 6) }
    let f = try SeriesFrame(id: "s", freq: .months, start: ts("2000-01-01"), y: y)
    let e = try Ensemble(members: [try SeasonalNaive(seasonLength: 6), ConstantModel(0, alias: "zero"), HistoricAverage()],
                     method: .stacking, validationHorizon: 6)
    try e.fit(f, progress: nil)
    // Seasonal naive is exact on a period-6 series, so stacking puts all weight on it.
    #expect(close(e.weights[0], 1, abs: 1e-9) && close(e.weights[2], 0, abs: 1e-9))
    let p = try e.forecast(f, h: 6, levels: [])[0]
    #expect(close(p.mean, Array(y.suffix(6)), abs: 1e-7))
    let neg = try Ensemble(members: [ConstantModel(-5, alias: "n")], method: .stacking, validationHorizon: 2)
    #expect(throws: ForecastError.invalidArgument("stacking found no positive weight")) { try neg.fit(f, progress: nil) }
  }

  @Test func ensembleBeatsItsWorstMemberOnAirPassengers() throws {
    let air = try airPassengers()
    let train = try air.droppingLast(12), test = try air.lastRows(12)
    let members: [any ForecastModel] = [try SeasonalNaive(seasonLength: 12), RandomWalkWithDrift(), Naive()]
    let e = try Ensemble(members: members, method: .weighted, validationHorizon: 12)
    try e.fit(train, progress: nil)
    let mae = try Metrics.mae(test.series[0].y, try e.forecast(train, h: 12, levels: [])[0].mean)
    let naive = try Metrics.mae(test.series[0].y, try Naive().forecast(train, h: 12, levels: [])[0].mean)
    #expect(mae < naive)
    #expect(e.weights[0] > e.weights[2])
  }
}

extension EnsembleTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.invalidArgument("an ensemble needs members")) { try Ensemble(members: [], method: .mean) }
    for method in [Ensemble.Method.weighted, .stacking] {
      #expect(throws: ForecastError.self) { try Ensemble(members: [Naive()], method: method, validationHorizon: 0) }
    }
    #expect(try Ensemble(members: [Naive()], method: .median).members.count == 1)
  }
}
