import Foundation
import Neural
import Testing
@testable import Forecasting

/// AirPassengers with two future calendar columns (sin and cos of the month) and one static column.
func airWithCalendar() throws -> SeriesFrame {
  let s = try airPassengers().series[0]
  let month = (0..<s.count).map { 2 * Double.pi * Double($0 % 12) / 12 }
  return try SeriesFrame(freq: .months, series: [Series(id: s.id, ds: s.ds, y: s.y, future: [month.map(sin), month.map(cos)],
                                                        statics: [1])],
                         futureNames: ["sin", "cos"], staticNames: ["one"])
}

/// Two aligned monthly series: AirPassengers and a lagged, rescaled copy of it.
func airPanel() throws -> SeriesFrame {
  let a = try airPassengers().series[0]
  let b = Series(id: "echo", ds: a.ds, y: a.y.indices.map { 50 + 0.5 * a.y[max(0, $0 - 1)] })
  return try SeriesFrame(freq: .months, series: [a, b])
}

/// Fits `model` on all but the last `h` observations of `frame`, checks the loss falls and the
/// progress reports, and returns the mean held-out MAE of the model, Naive and SeasonalNaive(12).
func covariateScore(_ model: CovariateNetwork, _ frame: SeriesFrame, h: Int = 12, beatsSeasonalNaive: Bool = true)
  throws -> (model: Double, naive: Double, seasonalNaive: Double)
{
  let train = try frame.droppingLast(h), test = try frame.lastRows(h)
  var steps = 0
  try model.fit(train, progress: { p in
    steps += 1
    #expect(p.model == model.alias && p.step == steps && p.totalSteps == model.maxSteps)
  })
  #expect(steps == model.maxSteps && model.lossHistory.count == model.maxSteps)
  let n = min(20, model.maxSteps / 4)
  let early = model.lossHistory.prefix(n).reduce(0, +), late = model.lossHistory.suffix(n).reduce(0, +)
  #expect(late < 0.7 * early)
  let f = try model.forecast(train, future: test, h: h, levels: [])
  #expect(try model.forecast(train, future: test, h: 3, levels: []).map { $0.mean } == f.map { Array($0.mean.prefix(3)) })
  let naive = try Naive().forecast(train, h: h, levels: [])
  let seasonal = try SeasonalNaive(seasonLength: 12).forecast(train, h: h, levels: [])
  var score = (model: 0.0, naive: 0.0, seasonalNaive: 0.0)
  for (k, s) in test.series.enumerated() {
    score.model += try Metrics.mae(s.y, f[k].mean) / Double(test.series.count)
    score.naive += try Metrics.mae(s.y, naive[k].mean) / Double(test.series.count)
    score.seasonalNaive += try Metrics.mae(s.y, seasonal[k].mean) / Double(test.series.count)
  }
  print("held-out MAE: \(model.alias) \(score.model), Naive \(score.naive), SeasonalNaive \(score.seasonalNaive)")
  if beatsSeasonalNaive { #expect(score.model < score.seasonalNaive) }
  return score
}

/// Same seed → same weights; different seed → different; the archive forecasts what the model does.
func checkCovariateArchive(_ frame: SeriesFrame, future: SeriesFrame?, _ make: () throws -> CovariateNetwork) throws {
  let a = try make(), b = try make(), c = try make()
  c.seed = a.seed + 1
  for m in [a, b, c] { try m.fit(frame, progress: nil) }
  #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
  #expect(a.parameters.map(\.value) != c.parameters.map(\.value))
  let restored = try #require(try ModelArchive.load(ModelArchive.save(a)) as? CovariateNetwork)
  #expect(restored.historicalCount == a.historicalCount && restored.futureCount == a.futureCount
            && restored.staticCount == a.staticCount && restored.kind == a.kind)
  #expect(try restored.forecast(frame, future: future, h: 2, levels: []) == a.forecast(frame, future: future, h: 2, levels: []))
  let unfitted = try ModelArchive.load(ModelArchive.save(try make()))
  #expect(throws: ForecastError.notFitted(a.alias)) { try unfitted.forecast(frame, h: 2, levels: []) }
  #expect(throws: ForecastError.self) { try a.forecast(frame, future: future, h: a.horizon + 1, levels: []) }
  #expect(throws: ForecastError.self) { try a.forecast(frame, future: future, h: 0, levels: []) }
}

@Suite struct CovariateNetworkTests {
  /// A frame of 2 series × 10 steps with 1 historical, 1 future and 2 static columns of known values.
  func tagged() throws -> SeriesFrame {
    let ds = (0..<10).map { Frequency.days(1).advance(ts("2024-01-01"), by: $0) }
    func series(_ id: String, _ k: Double) -> Series {
      Series(id: id, ds: ds, y: (0..<10).map { k * 100 + Double($0) }, historical: [(0..<10).map { k * 100 + 10 + Double($0) }],
             future: [(0..<10).map { k * 100 + 50 + Double($0) }], statics: [k, -k])
    }
    return try SeriesFrame(freq: .days(1), series: [series("a", 1), series("b", 2)], historicalNames: ["h"],
                           futureNames: ["f"], staticNames: ["s1", "s2"])
  }

  @Test func batchesFollowNeuralForecastsLayout() throws {
    let frame = try tagged()
    let uni = try NBEATSx(inputSize: 3, horizon: 2, hiddenSize: 2, numLayers: 0)
    uni.historicalCount = 1
    uni.futureCount = 1
    uni.staticCount = 2
    let samples = try uni.trainingSamples(frame)
    #expect(samples.count == 2 * 6)                              // windows ending at 3…8 in each series
    let g = Graph()
    let b = uni.batch([samples[0], samples[7]], in: g)
    #expect(try g.value(b.y).scalars == [100, 101, 102, 201, 202, 203])
    #expect(try g.value(b.historical!).shape == Shape(2, 3, 1))
    #expect(try g.value(b.historical!).scalars == [110, 111, 112, 211, 212, 213])
    #expect(try g.value(b.future!).shape == Shape(2, 5, 1))
    #expect(try g.value(b.future!).scalars == [150, 151, 152, 153, 154, 251, 252, 253, 254, 255])
    #expect(try g.value(b.statics!).scalars == [1, -1, 2, -2])
    #expect(uni.targets([samples[0], samples[7]]) == [103, 104, 204, 205])
    let multi = try MLPMultivariate(inputSize: 3, horizon: 2, nSeries: 2, hiddenSize: 2)
    multi.historicalCount = 1
    multi.futureCount = 1
    multi.staticCount = 2
    let panel = try multi.trainingSamples(frame)
    #expect(panel.count == 6)
    let m = multi.batch([panel[1]], in: g)
    #expect(try g.value(m.y).shape == Shape(1, 3, 2))
    #expect(try g.value(m.y).scalars == [101, 201, 102, 202, 103, 203])
    #expect(try g.value(m.historical!).shape == Shape(1, 1, 3, 2))
    #expect(try g.value(m.historical!).scalars == [111, 211, 112, 212, 113, 213])
    #expect(try g.value(m.future!).shape == Shape(1, 1, 5, 2))
    #expect(try g.value(m.statics!).scalars == [1, -1, 2, -2])
    #expect(multi.targets([panel[1]]) == [104, 204, 105, 205])
  }

  @Test func badFramesAreTypedErrors() throws {
    let frame = try tagged()
    let m = try NBEATSx(inputSize: 3, horizon: 2, hiddenSize: 4, numLayers: 1, maxSteps: 2, batchSize: 2)
    try m.fit(frame, progress: nil)
    #expect(m.historicalCount == 1 && m.futureCount == 1 && m.staticCount == 2)
    // The protocol's forecast has no future values to give.
    #expect(throws: ForecastError.self) { try m.forecast(frame, h: 2, levels: []) }
    let next = try SeriesFrame(freq: .days(1), series: frame.series.map {
      Series(id: $0.id, ds: (10..<12).map { Frequency.days(1).advance(ts("2024-01-01"), by: $0) }, y: [.nan, .nan],
             historical: [[0, 0]], future: [[1, 2]], statics: $0.statics)
    }, historicalNames: ["h"], futureNames: ["f"], staticNames: ["s1", "s2"])
    #expect(try m.forecast(frame, future: next, h: 2, levels: []).count == 2)
    // Future frames that do not follow the history, are too short, hold NaN or other series.
    #expect(throws: ForecastError.self) { try m.forecast(frame, future: frame, h: 2, levels: []) }
    #expect(throws: ForecastError.self) { try m.forecast(frame, future: try next.droppingLast(1), h: 2, levels: []) }
    var nan = next
    nan.series[1].future[0][0] = Double.nan
    #expect(throws: ForecastError.missingValue(id: "b", index: 0)) { try m.forecast(frame, future: nan, h: 2, levels: []) }
    var one = next
    one.series.removeLast()
    #expect(throws: ForecastError.self) { try m.forecast(frame, future: one, h: 2, levels: []) }
    // Histories without the fitted columns, or with NaN in them.
    #expect(throws: ForecastError.self) { try m.forecast(try twoSeries(10), future: next, h: 2, levels: []) }
    var bad = frame
    bad.series[0].historical[0][4] = .nan
    #expect(throws: ForecastError.missingValue(id: "a", index: 4)) { try m.fit(bad, progress: nil) }
    bad = frame
    bad.series[0].statics[1] = .nan
    #expect(throws: ForecastError.missingValue(id: "a", index: 0)) { try m.fit(bad, progress: nil) }
    // Too short, bad training settings.
    #expect(throws: ForecastError.self) { try m.fit(try frame.lastRows(4), progress: nil) }
    m.maxSteps = 0
    #expect(throws: ForecastError.self) { try m.fit(frame, progress: nil) }
    // Exogenous columns ignored on request.
    let plain = try NBEATSx(inputSize: 3, horizon: 2, hiddenSize: 4, numLayers: 1, exogenous: false, maxSteps: 2, batchSize: 2)
    try plain.fit(frame, progress: nil)
    #expect(plain.historicalCount == 0 && plain.futureCount == 0)
    #expect(try plain.forecast(frame, h: 2, levels: []).count == 2)
  }

  @Test func panelsMustBeAligned() throws {
    let frame = try tagged()
    let m = try MLPMultivariate(inputSize: 3, horizon: 2, nSeries: 2, hiddenSize: 4, maxSteps: 2, batchSize: 2)
    var ragged = frame
    ragged.series[1] = ragged.series[1].prefix(9)
    #expect(throws: ForecastError.self) { try m.fit(ragged, progress: nil) }
    var three = frame
    three.series.append(Series(id: "c", ds: frame.series[0].ds, y: frame.series[0].y, historical: frame.series[0].historical,
                               future: frame.series[0].future, statics: [0, 0]))
    #expect(throws: ForecastError.self) { try m.fit(three, progress: nil) }
    #expect(throws: ForecastError.self) { try MLPMultivariate(inputSize: 3, horizon: 2, nSeries: 0) }
  }
}
