// The standard Theta method (Assimakopoulos & Nikolopoulos 2000), in the form Hyndman & Billah (2003)
// showed it to be: simple exponential smoothing with drift equal to half the slope of the series'
// linear trend — the winner of the M3 competition.
//
// Method (forecast::thetaf):
// - seasonal adjustment as in ``ExponentialSmoothing`` (90 % lag-m autocorrelation test, classical
//   multiplicative decomposition, forecasts multiplied back);
// - SES with α and ℓ₀ fitted by least squares (``SmoothingFit`` with no trend);
// - b₀ = the OLS slope of y on t = 0…n−1; ŷ_{n+j} = SES_{n+j} + (b₀/2)·((j − 1) + (1 − (1 − α)ⁿ)/α);
// - intervals: those of the SES model (as thetaf reports them).
// Differences from statsforecast's `Theta`, stated: statsforecast optimises ℓ₀ and α by its own
// likelihood and reports its own interval formula, so numbers agree closely, not exactly.

/// The standard Theta method (θ = 2): SES with half the linear-trend drift, on a deseasonalised series.
///
/// ```swift
/// let f = try Theta(seasonLength: 12).forecast(air, h: 18, levels: [95])
/// ```
/// - Complexity: O(n · iterations) per series.
public final class Theta: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public let seasonLength: Int

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `seasonLength >= 1`.
  public init(seasonLength: Int, alias: String = "Theta") throws(ForecastError) {
    guard seasonLength >= 1 else { throw .invalidArgument("season length must be >= 1") }
    self.seasonLength = seasonLength
    self.alias = alias
  }

  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: 3) }
  }

  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: 3)
      let adj = SeasonalAdjustment(s.y, seasonLength: seasonLength)
      let y = adj.adjusted, n = y.count
      let ses = SmoothingFit.fit(y, trend: .none)
      // OLS slope of y on 0…n−1.
      let tMean = Double(n - 1) / 2
      var yMean = 0.0
      for v in y { yMean += v }
      yMean /= Double(n)
      var sxy = 0.0, sxx = 0.0
      for (t, v) in y.enumerated() {
        sxy += (Double(t) - tMean) * (v - yMean)
        sxx += (Double(t) - tMean) * (Double(t) - tMean)
      }
      let drift = sxy / sxx / 2
      let a = ses.alpha
      let tail = (1 - mPow(1 - a, Double(n))) / a
      let base = ses.mean(h)
      let mean = (0..<h).map { base[$0] + drift * (Double($0) + tail) }
      out.append(adj.reseasonalise(mean: mean, sigmah: ses.sigmah(h), count: n, levels: levels))
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("Theta", alias: alias, seed: seed)
    archive.int("seasonLength", seasonLength)
  }

  static func decode(_ r: inout ArchiveReader, alias: String) throws(ForecastError) -> Theta {
    let m = try r.int("seasonLength")
    guard m >= 1 else { throw r.fail("season length must be >= 1") }
    return try Theta(seasonLength: m, alias: alias)
  }
}
