// Exponential smoothing with additive errors on a seasonally adjusted series: simple (SES), Holt's
// linear trend and the damped trend, each fitted by maximum likelihood, and an automatic choice
// among the three by AICc.
//
// Purpose: the statistical members that M3-style ensembles are built from. The "Comb" benchmark of
// the M3 and M4 competitions is exactly these three averaged on a classically deseasonalised series
// (Makridakis & Hibon 2000; Makridakis, Spiliotis & Assimakopoulos 2020).
//
// Method (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with Exponential Smoothing", ch. 2 and 6):
// - seasonal adjustment: when m > 1, n > 2m, all values are positive and the lag-m autocorrelation
//   is significant at 90 % (|r_m| > 1.645·√((1 + 2Σ_{k<m} r_k²)/n), as forecast::thetaf and
//   statsforecast test it), a classical multiplicative decomposition (centred moving average,
//   normalised seasonal figure) divides the seasonal figure out; forecasts are multiplied back;
// - state space form ℓ_t = ℓ_{t−1} + φ b_{t−1} + α ε_t, b_t = φ b_{t−1} + β ε_t, ŷ_t = ℓ_{t−1} + φ b_{t−1},
//   with φ = 1 (Holt), β = 0 and b ≡ 0 (SES);
// - parameters α ∈ [1e-4, 0.9999], β ∈ [1e-4·α, α), φ ∈ [0.8, 0.98] (the bounds of forecast::ets) and
//   the initial states ℓ₀, b₀ minimise the sum of squared one-step errors (Nelder–Mead on an
//   unconstrained reparameterisation);
// - h-step mean ℓ_n + φ_h b_n (φ_h = φ + … + φ^h); variance σ²(1 + Σ_{j<h} c_j²), c_j = α + β φ_j,
//   σ² = SSE / (n − k) (Hyndman et al. 2008, Table 6.1, class 1); Gaussian intervals;
// - automatic choice: the smallest AICc = n·log(SSE/n) + 2(k + 1) + 2(k + 1)(k + 2)/(n − k − 2).
// Differences from statsforecast's AutoETS, stated: no multiplicative error or trend models and no
// seasonal state (seasonality is divided out first), so its numbers differ from AutoETS's.
// Invariants: deterministic (no randomness); forecasts are finite for finite input.

/// The trend of an ``ExponentialSmoothing`` model.
public enum SmoothingTrend: Int, Sendable, CaseIterable {
  /// Simple exponential smoothing: a level only (ETS(A,N,N)).
  case none = 0
  /// Holt's linear trend (ETS(A,A,N)).
  case additive = 1
  /// Gardner & McKenzie's damped trend (ETS(A,Ad,N)).
  case damped = 2
  /// The smallest AICc of the three.
  case auto = 3
}

/// Exponential smoothing (SES, Holt, damped trend or the AICc choice) on a classically deseasonalised
/// series, refitted per series at forecast time (like the baselines).
///
/// ```swift
/// let m = try ExponentialSmoothing(trend: .damped, seasonLength: 12)
/// let f = try m.forecast(air, h: 12, levels: [80])
/// ```
/// - Complexity: O(n · iterations) per series (Nelder–Mead on ≤ 5 parameters, ≤ 2000 evaluations).
public final class ExponentialSmoothing: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public let trend: SmoothingTrend
  public let seasonLength: Int

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `seasonLength >= 1`.
  public init(trend: SmoothingTrend, seasonLength: Int, alias: String? = nil) throws(ForecastError) {
    guard seasonLength >= 1 else { throw .invalidArgument("season length must be >= 1") }
    self.trend = trend
    self.seasonLength = seasonLength
    let names = ["SES", "Holt", "Damped", "ETS"]
    self.alias = alias ?? names[trend.rawValue]
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
      let fit = SmoothingFit.best(adj.adjusted, trend: trend)
      out.append(adj.reseasonalise(mean: fit.mean(h), sigmah: fit.sigmah(h), count: s.count, levels: levels))
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("ExponentialSmoothing", alias: alias, seed: seed)
    archive.int("trend", trend.rawValue)
    archive.int("seasonLength", seasonLength)
  }

  static func decode(_ r: inout ArchiveReader, alias: String) throws(ForecastError) -> ExponentialSmoothing {
    guard let t = SmoothingTrend(rawValue: try r.int("trend")) else { throw r.fail("invalid smoothing trend") }
    let m = try r.int("seasonLength")
    guard m >= 1 else { throw r.fail("season length must be >= 1") }
    return try ExponentialSmoothing(trend: t, seasonLength: m, alias: alias)
  }
}

/// The seasonality test and classical multiplicative decomposition shared by ``ExponentialSmoothing``
/// and ``Theta``.
struct SeasonalAdjustment {
  /// The seasonal figure (m values, mean 1), or empty when the series is not treated as seasonal.
  var figure: [Double] = []
  var adjusted: [Double]

  init(_ y: [Double], seasonLength m: Int) {
    adjusted = y
    guard m > 1, y.count > 2 * m, y.allSatisfy({ $0 > 0 }), SeasonalAdjustment.isSeasonal(y, m) else { return }
    let n = y.count
    // Centred moving average of order m (2×m when m is even).
    var ratio = [Double](repeating: .nan, count: n)
    let half = m / 2
    for t in half..<(n - half) {
      var sum = 0.0
      if m % 2 == 0 {
        sum = 0.5 * y[t - half] + 0.5 * y[t + half]
        for k in (t - half + 1)..<(t + half) { sum += y[k] }
      } else {
        for k in (t - half)...(t + half) { sum += y[k] }
      }
      ratio[t] = y[t] / (sum / Double(m))
    }
    var fig = [Double](repeating: 0, count: m)
    for i in 0..<m {
      var s = 0.0, c = 0
      var t = i
      while t < n {
        if !ratio[t].isNaN { s += ratio[t]; c += 1 }
        t += m
      }
      fig[i] = s / Double(c)
    }
    let mean = fig.reduce(0, +) / Double(m)
    figure = fig.map { $0 / mean }
    adjusted = (0..<n).map { y[$0] / figure[$0 % m] }
  }

  /// The 90 % autocorrelation test at lag m (forecast::thetaf, statsforecast).
  static func isSeasonal(_ y: [Double], _ m: Int) -> Bool {
    let n = y.count
    let mean = y.reduce(0, +) / Double(n)
    var denom = 0.0
    for v in y { denom += (v - mean) * (v - mean) }
    guard denom > 0 else { return false }
    func acf(_ k: Int) -> Double {
      var s = 0.0
      for t in 0..<(n - k) { s += (y[t] - mean) * (y[t + k] - mean) }
      return s / denom
    }
    var sum = 0.0
    for k in 1..<m { sum += acf(k) * acf(k) }
    let stat = ((1 + 2 * sum) / Double(n)).squareRoot()
    return Swift.abs(acf(m)) / stat > 1.6448536269514722
  }

  /// Multiplies the seasonal figure back into forecasts of a series of `count` values.
  func reseasonalise(mean: [Double], sigmah: [Double], count n: Int, levels: [Double]) -> SeriesForecast {
    guard !figure.isEmpty else {
      return SeriesForecast(mean: mean, intervals: normalIntervals(mean: mean, sigmah: sigmah, levels: levels))
    }
    let m = figure.count
    let s = mean.indices.map { figure[(n + $0) % m] }
    let intervals = normalIntervals(mean: mean, sigmah: sigmah, levels: levels).map { i in
      PredictionInterval(level: i.level, lo: i.lo.indices.map { i.lo[$0] * s[$0] },
                         hi: i.hi.indices.map { i.hi[$0] * s[$0] })
    }
    return SeriesForecast(mean: mean.indices.map { mean[$0] * s[$0] }, intervals: intervals)
  }
}

/// A fitted additive-error exponential smoothing model of one series.
struct SmoothingFit {
  var trend: SmoothingTrend
  var alpha = 0.5, beta = 0.0, phi = 1.0
  var level = 0.0, slope = 0.0
  var sse = 0.0
  var n = 0
  /// Free parameters (smoothing parameters and initial states).
  var k: Int { trend == .none ? 2 : trend == .additive ? 4 : 5 }
  var sigma2: Double { sse / Double(max(1, n - k)) }
  var aicc: Double {
    let nn = Double(n), kk = Double(k + 1)
    let corr = n - k - 2 > 0 ? 2 * kk * (kk + 1) / (nn - kk - 1) : .infinity
    return nn * mLog(max(sse, 1e-300) / nn) + 2 * kk + corr
  }

  /// The fit of `trend` (or, for `.auto`, the smallest AICc of none, additive and damped).
  static func best(_ y: [Double], trend: SmoothingTrend) -> SmoothingFit {
    guard trend == .auto else { return fit(y, trend: trend) }
    var best = fit(y, trend: .none)
    for t in [SmoothingTrend.additive, .damped] {
      let f = fit(y, trend: t)
      if f.aicc < best.aicc { best = f }
    }
    return best
  }

  static func sigmoid(_ u: Double) -> Double { 1 / (1 + mExp(-u)) }

  /// The model of `trend` with parameters decoded from the unconstrained vector `p`.
  static func model(_ p: [Double], trend: SmoothingTrend, y0: Double, scale: Double) -> SmoothingFit {
    var f = SmoothingFit(trend: trend)
    f.alpha = 1e-4 + (0.9999 - 1e-4) * sigmoid(p[0])
    f.level = y0 + scale * p[1]
    if trend != .none {
      f.slope = scale * p[2] * 0.1
      f.beta = f.alpha * (1e-4 + (1 - 2e-4) * sigmoid(p[3]))
      f.phi = trend == .damped ? 0.8 + 0.18 * sigmoid(p[4]) : 1
    }
    return f
  }

  /// Runs the recursions over `y` from the initial states, leaving the final states and the SSE.
  mutating func filter(_ y: [Double]) {
    var l = level, b = slope, sse = 0.0
    for v in y {
      let e = v - (l + phi * b)
      sse += e * e
      let lNew = l + phi * b + alpha * e
      b = phi * b + beta * e
      l = lNew
    }
    self.sse = sse
    n = y.count
    level = l
    slope = trend == .none ? 0 : b
  }

  static func fit(_ y: [Double], trend: SmoothingTrend) -> SmoothingFit {
    let n = y.count
    var mean = 0.0
    for v in y { mean += v }
    mean /= Double(n)
    var ss = 0.0
    for v in y { ss += (v - mean) * (v - mean) }
    let scale = max((ss / Double(n)).squareRoot(), 1e-8 * max(1, Swift.abs(mean)))
    let y0 = y[0]
    let dim = trend == .none ? 2 : trend == .additive ? 4 : 5
    var start = [Double](repeating: 0, count: dim)
    start[0] = -1   // α ≈ 0.27
    if trend != .none {
      start[2] = (y[min(n - 1, 3)] - y0) / Double(min(n - 1, 3)) / scale * 10
      start[3] = -2
      if trend == .damped { start[4] = 1 }
    }
    let objective = { (p: [Double]) -> Double in
      var f = model(p, trend: trend, y0: y0, scale: scale)
      f.filter(y)
      return f.sse.isFinite ? f.sse : .infinity
    }
    let p = nelderMead(objective, start: start, step: 0.5, evaluations: 400 * dim)
    var f = model(p, trend: trend, y0: y0, scale: scale)
    f.filter(y)
    return f
  }

  /// ŷ_{n+j} = ℓ_n + φ_j b_n, j = 1…h.
  func mean(_ h: Int) -> [Double] {
    var out: [Double] = [], phiSum = 0.0, p = 1.0
    for _ in 0..<h {
      p *= phi
      phiSum += p
      out.append(level + phiSum * slope)
    }
    return out
  }

  /// σ_j = σ √(1 + Σ_{i<j} c_i²), c_i = α + β φ_i.
  func sigmah(_ h: Int) -> [Double] {
    var out: [Double] = [], acc = 0.0, phiSum = 0.0, p = 1.0
    for _ in 0..<h {
      out.append((sigma2 * (1 + acc)).squareRoot())
      p *= phi
      phiSum += p
      let c = alpha + (trend == .none ? 0 : beta * phiSum)
      acc += c * c
    }
    return out
  }
}

/// Minimises `f` by the Nelder–Mead simplex method (reflection 1, expansion 2, contraction ½,
/// shrink ½), from `start` with initial steps `step`, for at most `evaluations` evaluations.
/// - Complexity: O(evaluations · cost of f).
func nelderMead(_ f: ([Double]) -> Double, start: [Double], step: Double, evaluations: Int) -> [Double] {
  let d = start.count
  var simplex: [[Double]] = [start]
  for i in 0..<d {
    var p = start
    p[i] += step
    simplex.append(p)
  }
  var values = simplex.map(f)
  var used = d + 1
  while used < evaluations {
    let order = values.indices.sorted { values[$0] < values[$1] }
    simplex = order.map { simplex[$0] }
    values = order.map { values[$0] }
    if Swift.abs(values[d] - values[0]) <= 1e-10 * (Swift.abs(values[0]) + 1e-12) { break }
    var centroid = [Double](repeating: 0, count: d)
    for p in simplex[0..<d] { for i in 0..<d { centroid[i] += p[i] / Double(d) } }
    func along(_ t: Double) -> [Double] { (0..<d).map { centroid[$0] + t * (simplex[d][$0] - centroid[$0]) } }
    let r = along(-1), fr = f(r)
    used += 1
    if fr < values[0] {
      let e = along(-2), fe = f(e)
      used += 1
      if fe < fr { simplex[d] = e; values[d] = fe } else { simplex[d] = r; values[d] = fr }
    } else if fr < values[d - 1] {
      simplex[d] = r
      values[d] = fr
    } else {
      let c = fr < values[d] ? along(-0.5) : along(0.5)
      let fc = f(c)
      used += 1
      if fc < min(fr, values[d]) {
        simplex[d] = c
        values[d] = fc
      } else {
        for j in 1...d {
          simplex[j] = (0..<d).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
          values[j] = f(simplex[j])
        }
        used += d
      }
    }
  }
  let best = values.indices.min { values[$0] < values[$1] }!
  return simplex[best]
}
