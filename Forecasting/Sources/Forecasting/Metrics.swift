// Forecast accuracy metrics, point and probabilistic.
//
// Definitions (y actuals, ŷ forecasts, n = y.count, x the in-sample history for scaled errors):
// - MAE = mean|y − ŷ|; MSE = mean (y − ŷ)²; RMSE = √MSE.
// - MAPE = 100 · mean |y − ŷ| / |y| (percent; a zero actual is an error).
// - sMAPE = 200 · mean |y − ŷ| / (|y| + |ŷ|) (percent, the M3/M4 definition, range 0…200; a term
//   with y = ŷ = 0 counts 0).
// - MASE = MAE / mean_{t>m} |xₜ − xₜ₋ₘ| (Hyndman & Koehler 2006; m = 1 for non-seasonal).
// - RMSSE = √(MSE / mean_{t>m} (xₜ − xₜ₋ₘ)²) (the M5 scale).
// - Quantile (pinball) loss at τ: mean max(τ(y − q), (τ − 1)(y − q)).
// - Coverage: the share of actuals inside [lo, hi].
// - Interval score at level L (α = 1 − L/100; Gneiting & Raftery 2007):
//   mean (hi − lo) + (2/α)(lo − y)·1{y < lo} + (2/α)(y − hi)·1{y > hi}.
// - CRPS, three true estimators of ∫(F(z) − 1{z ≥ y})² dz:
//   * Normal(μ, σ), closed form: σ·[w(2Φ(w) − 1) + 2φ(w) − 1/√π], w = (y − μ)/σ;
//   * from samples x₁…x_M (the empirical CDF, exact for it): mean|xᵢ − y| − ½·mean_{i,j}|xᵢ − xⱼ|,
//     with the pair sum computed from sorted samples in O(M log M);
//   * from quantiles q_τ at levels τ₁…τ_K (a discretisation of CRPS = 2∫₀¹ pinball_τ dτ):
//     (2/K)·Σ_k pinball_{τ_k}(y, q_{τ_k}); it tends to the CRPS as the levels fill (0, 1) evenly.
//   The first two are averaged over forecast steps.

/// Point and probabilistic accuracy metrics.
///
/// ```swift
/// try Metrics.mae([1, 2, 3], [1, 2, 4])                  // 1/3
/// try Metrics.mase([3, 4], [3, 5], insample: [1, 2, 3], seasonLength: 1)   // 0.5
/// Metrics.crpsNormal(0, mean: 0, sd: 1)                    // 0.2336949772
/// ```
public enum Metrics {
  static func check(_ a: [Double], _ b: [Double]) throws(ForecastError) {
    guard a.count == b.count else { throw .lengthMismatch(expected: a.count, actual: b.count) }
    guard !a.isEmpty else { throw .invalidArgument("metrics need at least one value") }
  }

  /// Mean absolute error. - Complexity: O(n).
  public static func mae(_ y: [Double], _ yhat: [Double]) throws(ForecastError) -> Double {
    try check(y, yhat)
    var s = 0.0
    for i in y.indices { s += abs(y[i] - yhat[i]) }
    return s / Double(y.count)
  }

  /// Mean squared error. - Complexity: O(n).
  public static func mse(_ y: [Double], _ yhat: [Double]) throws(ForecastError) -> Double {
    try check(y, yhat)
    var s = 0.0
    for i in y.indices { s += (y[i] - yhat[i]) * (y[i] - yhat[i]) }
    return s / Double(y.count)
  }

  /// Root mean squared error. - Complexity: O(n).
  public static func rmse(_ y: [Double], _ yhat: [Double]) throws(ForecastError) -> Double {
    try mse(y, yhat).squareRoot()
  }

  /// Mean absolute percentage error, in percent.
  ///
  /// - Throws: ``ForecastError/invalidArgument(_:)`` when an actual is 0.
  public static func mape(_ y: [Double], _ yhat: [Double]) throws(ForecastError) -> Double {
    try check(y, yhat)
    var s = 0.0
    for i in y.indices {
      guard y[i] != 0 else { throw .invalidArgument("MAPE is undefined for a zero actual") }
      s += abs(y[i] - yhat[i]) / abs(y[i])
    }
    return 100 * s / Double(y.count)
  }

  /// Symmetric MAPE in percent (0…200), the M3/M4 definition.
  public static func smape(_ y: [Double], _ yhat: [Double]) throws(ForecastError) -> Double {
    try check(y, yhat)
    var s = 0.0
    for i in y.indices {
      let d = abs(y[i]) + abs(yhat[i])
      if d > 0 { s += abs(y[i] - yhat[i]) / d }
    }
    return 200 * s / Double(y.count)
  }

  /// The in-sample seasonal-naive scale mean|xₜ − xₜ₋ₘ|^p (p = 1 or 2).
  static func naiveScale(_ x: [Double], _ m: Int, power: Int) throws(ForecastError) -> Double {
    guard m >= 1 else { throw .invalidArgument("season length must be >= 1") }
    guard x.count > m else { throw .seriesTooShort(id: "", needed: m + 1, actual: x.count) }
    var s = 0.0
    for t in m..<x.count {
      let d = abs(x[t] - x[t - m])
      s += power == 1 ? d : d * d
    }
    let scale = s / Double(x.count - m)
    guard scale > 0 else { throw .invalidArgument("the in-sample naive error is 0: scaled errors are undefined") }
    return scale
  }

  /// Mean absolute scaled error against the in-sample seasonal naive forecast.
  ///
  /// - Throws: for a constant history (zero scale) or one of `seasonLength` or fewer values.
  public static func mase(_ y: [Double], _ yhat: [Double], insample: [Double], seasonLength: Int) throws(ForecastError) -> Double {
    try mae(y, yhat) / naiveScale(insample, seasonLength, power: 1)
  }

  /// Root mean squared scaled error (M5).
  public static func rmsse(_ y: [Double], _ yhat: [Double], insample: [Double], seasonLength: Int) throws(ForecastError) -> Double {
    (try mse(y, yhat) / naiveScale(insample, seasonLength, power: 2)).squareRoot()
  }

  /// Pinball loss of quantile forecasts `q` at level `tau` ∈ (0, 1).
  public static func quantileLoss(_ y: [Double], _ q: [Double], tau: Double) throws(ForecastError) -> Double {
    try check(y, q)
    guard tau > 0 && tau < 1 else { throw .invalidArgument("quantile level must be in (0, 1)") }
    var s = 0.0
    for i in y.indices { s += pinball(y[i], q[i], tau) }
    return s / Double(y.count)
  }

  @inline(__always) static func pinball(_ y: Double, _ q: Double, _ tau: Double) -> Double {
    let d = y - q
    return max(tau * d, (tau - 1) * d)
  }

  /// Share of actuals within [lo, hi] (0…1).
  public static func coverage(_ y: [Double], lo: [Double], hi: [Double]) throws(ForecastError) -> Double {
    try check(y, lo)
    try check(y, hi)
    var c = 0
    for i in y.indices where y[i] >= lo[i] && y[i] <= hi[i] { c += 1 }
    return Double(c) / Double(y.count)
  }

  /// Interval (Winkler) score of central intervals at `level` percent; lower is better.
  public static func intervalScore(_ y: [Double], lo: [Double], hi: [Double], level: Double) throws(ForecastError) -> Double {
    try check(y, lo)
    try check(y, hi)
    guard level > 0 && level < 100 else { throw .invalidArgument("level must be in (0, 100)") }
    let alpha = 1 - level / 100
    var s = 0.0
    for i in y.indices {
      s += hi[i] - lo[i]
      if y[i] < lo[i] { s += 2 / alpha * (lo[i] - y[i]) }
      if y[i] > hi[i] { s += 2 / alpha * (y[i] - hi[i]) }
    }
    return s / Double(y.count)
  }

  /// CRPS of a Normal(mean, sd) forecast for the actual `y` (closed form; sd = 0 gives |y − mean|).
  public static func crpsNormal(_ y: Double, mean: Double, sd: Double) -> Double {
    guard sd > 0 else { return abs(y - mean) }
    let w = (y - mean) / sd
    return sd * (w * (2 * StandardNormal.cdf(w) - 1) + 2 * StandardNormal.pdf(w) - 0.5641895835477563)
  }

  /// Mean CRPS of Normal forecasts over steps.
  public static func crpsNormal(_ y: [Double], mean: [Double], sd: [Double]) throws(ForecastError) -> Double {
    try check(y, mean)
    try check(y, sd)
    var s = 0.0
    for i in y.indices { s += crpsNormal(y[i], mean: mean[i], sd: sd[i]) }
    return s / Double(y.count)
  }

  /// CRPS of the empirical distribution of `samples` for the actual `y`.
  ///
  /// - Complexity: O(M log M).
  public static func crpsSamples(_ y: Double, samples: [Double]) throws(ForecastError) -> Double {
    guard !samples.isEmpty else { throw .invalidArgument("CRPS needs at least one sample") }
    let x = samples.sorted()
    let m = Double(x.count)
    var absErr = 0.0
    var pairs = 0.0
    for (i, v) in x.enumerated() {
      absErr += abs(v - y)
      pairs += (2 * Double(i) - m + 1) * v
    }
    // Σ_{i,j}|xᵢ − xⱼ| = 2·Σᵢ (2i − M + 1)·x₍ᵢ₎ for 0-based sorted samples.
    return absErr / m - pairs / (m * m)
  }

  /// Quantile-discretised CRPS: (2/K)·Σ pinball over the K quantile levels `taus` (each in (0, 1)).
  ///
  /// - Parameter quantiles: `quantiles[k]` is the forecast of quantile `taus[k]`.
  public static func crpsQuantiles(_ y: Double, quantiles: [Double], taus: [Double]) throws(ForecastError) -> Double {
    try check(quantiles, taus)
    var s = 0.0
    for k in taus.indices {
      guard taus[k] > 0 && taus[k] < 1 else { throw .invalidArgument("quantile level must be in (0, 1)") }
      s += pinball(y, quantiles[k], taus[k])
    }
    return 2 * s / Double(taus.count)
  }
}
