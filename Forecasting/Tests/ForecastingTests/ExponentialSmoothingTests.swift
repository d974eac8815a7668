import Foundation
import ForecastingIO
import Testing
@testable import Forecasting

/// statsforecast 2.1.1 on AirPassengers (first 132 months, h = 12): `AutoETS(model="ANN")`, `"AAN"`,
/// `"AAN", damped=True` (season_length=1) and `Theta(season_length=12)`; `-lo-80` of the SES model.
enum StatsforecastSmoothing {
  static let ses = 404.995697, sesLo80First = 364.372925, sesLo80Last = 264.287201
  static let holt: [Double] = [407.222015, 409.448090, 411.674194, 413.900269, 416.126343, 418.352448,
                               420.578522, 422.804626, 425.030701, 427.256805, 429.482880, 431.708954]
  static let damped: [Double] = [405.281891, 405.568024, 405.848450, 406.123199, 406.392456, 406.656311,
                                 406.914856, 407.168243, 407.416504, 407.659790, 407.898193, 408.131805]
  static let theta: [Double] = [411.370270, 402.274689, 462.882812, 444.674927, 447.932373, 509.595123,
                                561.839172, 559.458069, 490.428894, 427.281311, 371.957367, 419.005798]
  /// lynx (first 106 years, h = 8): SES and Theta(season_length=1).
  static let lynxSES = 2935.063965
  static let lynxTheta: [Double] = [2943.398926, 2945.502197, 2947.605469, 2949.708740, 2951.812012, 2953.915283,
                                    2956.018555, 2958.121826]
}

func lynx() throws -> SeriesFrame {
  try ForecastCSV.readFrame(path: Paths.datasets.appendingPathComponent("lynx.csv").path, freq: .years)
}

@Suite struct ExponentialSmoothingTests {
  let air: SeriesFrame
  init() throws { air = try airPassengers().droppingLast(12) }

  func mean(_ t: SmoothingTrend, _ frame: SeriesFrame, h: Int, m: Int = 1) throws -> SeriesForecast {
    try ExponentialSmoothing(trend: t, seasonLength: m).forecast(frame, h: h, levels: [80])[0]
  }

  @Test func matchesStatsforecastOnAirPassengers() throws {
    let ses = try mean(.none, air, h: 12)
    #expect(ses.mean.allSatisfy { close($0, StatsforecastSmoothing.ses, rel: 1e-5) })
    // σ² = SSE/(n − k) here; statsforecast's ETS variance differs slightly.
    #expect(close(ses.intervals[0].lo[0], StatsforecastSmoothing.sesLo80First, rel: 2e-3))
    #expect(close(ses.intervals[0].lo[11], StatsforecastSmoothing.sesLo80Last, rel: 5e-3))
    #expect(close(try mean(.additive, air, h: 12).mean, StatsforecastSmoothing.holt, rel: 5e-4))
    // The damped fit sits at φ's lower bound where the likelihood is flat; the two optimisers stop at
    // different slopes: agreement to 1 %.
    #expect(close(try mean(.damped, air, h: 12).mean, StatsforecastSmoothing.damped, rel: 1e-2))
    let theta = try Theta(seasonLength: 12).forecast(air, h: 12, levels: [])[0]
    #expect(close(theta.mean, StatsforecastSmoothing.theta, rel: 2e-4))
  }

  @Test func matchesStatsforecastOnLynx() throws {
    let train = try lynx().droppingLast(8)
    #expect(try mean(.none, train, h: 8).mean.allSatisfy { close($0, StatsforecastSmoothing.lynxSES, rel: 1e-4) })
    let theta = try Theta(seasonLength: 1).forecast(train, h: 8, levels: [])[0].mean
    // Same drift per step; statsforecast's Theta fits its own level (0.2 % higher here).
    #expect(close(theta, StatsforecastSmoothing.lynxTheta, rel: 3e-3))
    let steps = zip(theta, theta.dropFirst()).map { $1 - $0 }
    let reference = zip(StatsforecastSmoothing.lynxTheta, StatsforecastSmoothing.lynxTheta.dropFirst()).map { $1 - $0 }
    #expect(close(steps, reference, rel: 1e-4))
  }

  @Test func autoPicksTheSmallestAICc() throws {
    let y = air.series[0].y
    let fits = [SmoothingTrend.none, .additive, .damped].map { SmoothingFit.fit(y, trend: $0) }
    let auto = SmoothingFit.best(y, trend: .auto)
    #expect(auto.aicc == fits.map(\.aicc).min()!)
    // Too few values for the trend models' AICc: SES is chosen.
    #expect(SmoothingFit.best([1, 3, 2, 5, 4], trend: .auto).trend == .none)
    #expect(try ExponentialSmoothing(trend: .auto, seasonLength: 12).alias == "ETS")
  }

  @Test func seasonalAdjustment() throws {
    let y = air.series[0].y
    let a = SeasonalAdjustment(y, seasonLength: 12)
    #expect(a.figure.count == 12)
    #expect(close(a.figure.reduce(0, +) / 12, 1))
    #expect(a.figure[6] > 1.1 && a.figure[10] < 0.9)   // July high, November low
    #expect(SeasonalAdjustment(y.map { $0 - 300 }, seasonLength: 12).figure.isEmpty)   // non-positive values
    #expect(SeasonalAdjustment([Double](repeating: 5, count: 40), seasonLength: 4).figure.isEmpty)   // constant
    #expect(SeasonalAdjustment(Array(y[0..<24]), seasonLength: 12).figure.isEmpty)   // n ≤ 2m
    // A trend passes the autocorrelation test (as in thetaf) but its figure is flat.
    #expect(SeasonalAdjustment((0..<60).map { 10 + Double($0) }, seasonLength: 5).figure.allSatisfy { Swift.abs($0 - 1) < 1e-2 })
    let odd = SeasonalAdjustment((0..<45).map { 10 + Double($0 % 3) * 4 }, seasonLength: 3)
    #expect(odd.figure.count == 3 && close(odd.adjusted[0], odd.adjusted[3], rel: 1e-9))
    // Seasonal forecasts carry the figure: the monthly pattern of the Theta forecast follows it.
    let f = try mean(.damped, air, h: 12, m: 12)
    #expect(f.mean[6] > f.mean[10])
    #expect(f.intervals[0].lo[6] < f.mean[6] && f.mean[6] < f.intervals[0].hi[6])
  }

  @Test func intervalsWiden() throws {
    for t in SmoothingTrend.allCases {
      let f = try mean(t, air, h: 6)
      let w = (0..<6).map { f.intervals[0].hi[$0] - f.intervals[0].lo[$0] }
      #expect(zip(w, w.dropFirst()).allSatisfy { $0 <= $1 + 1e-9 })
    }
  }

  @Test func nelderMeadMinimises() {
    let rosen = { (p: [Double]) -> Double in
      (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0])
    }
    let p = nelderMead(rosen, start: [-1.2, 1], step: 0.5, evaluations: 4000)
    #expect(Swift.abs(p[0] - 1) < 1e-3 && Swift.abs(p[1] - 1) < 1e-3)
    let q = nelderMead({ ($0[0] - 3) * ($0[0] - 3) }, start: [0], step: 1, evaluations: 500)
    #expect(Swift.abs(q[0] - 3) < 1e-4)
  }

  @Test func badInputAndArchives() throws {
    #expect(throws: ForecastError.self) { try ExponentialSmoothing(trend: .none, seasonLength: 0) }
    let m = try ExponentialSmoothing(trend: .damped, seasonLength: 12, alias: "D")
    let short = try SeriesFrame(id: "s", freq: .months, start: try Timestamp.parse("2000-01-01"), y: [1, 2])
    #expect(throws: ForecastError.seriesTooShort(id: "s", needed: 3, actual: 2)) { try m.fit(short, progress: nil) }
    #expect(throws: ForecastError.seriesTooShort(id: "s", needed: 3, actual: 2)) {
      try m.forecast(short, h: 1, levels: [])
    }
    #expect(throws: ForecastError.self) { try m.forecast(air, h: 0, levels: []) }
    try m.fit(air, progress: nil)
    let back = try ModelArchive.load(ModelArchive.save(m))
    #expect((back as? ExponentialSmoothing)?.trend == .damped)
    #expect(try back.forecast(air, h: 3, levels: []) == m.forecast(air, h: 3, levels: []))
    var text = ModelArchive.save(m)
    text = text.replacingOccurrences(of: "trend 2", with: "trend 9")
    #expect(throws: ForecastError.self) { try ModelArchive.load(text) }
    let bad = ModelArchive.save(m).replacingOccurrences(of: "seasonLength 12", with: "seasonLength 0")
    #expect(throws: ForecastError.self) { try ModelArchive.load(bad) }
  }
}
