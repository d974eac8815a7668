// Per-series scalers with exact inverses.
//
// Definitions (x a series or window, n its length):
// - standard: z = (x − mean) / std, std the population standard deviation (NeuralForecast's
//   TemporalNorm); std = 0 → scale 1.
// - minMax:  z = (x − min) / (max − min); a constant series → scale 1.
// - robust:  z = (x − median) / MAD, MAD = median |x − median| (NeuralForecast's `robust`);
//   MAD = 0 → the standard deviation, and 1 if that is 0 too.
// - boxCox:  z = (x^λ − 1) / λ, or log x for λ = 0; x must be > 0. λ is given or estimated with
//   Guerrero's (1993) method as in R forecast's `BoxCox.lambda(method = "guerrero")`: the series is
//   cut into subseries of the seasonal period (at least 2, the last whole ones), and λ ∈ [−1, 2]
//   minimises the coefficient of variation of sd_i / mean_i^(1−λ); found by golden-section search
//   to 1e-10 (R uses `optimize`, to ~1e-4).
// - identity: z = x.
// The inverse of an affine scaler is x = z · scale + shift, exact up to one rounding. Box–Cox's
// inverse is (λz + 1)^(1/λ); a forecast with λz + 1 ≤ 0 (outside the transform's range) maps to
// the limit 0 (λ > 0) or +∞ (λ < 0) instead of NaN.

/// Which scaler to fit.
///
/// ```swift
/// let s = try Scaler.fit(.boxCox(lambda: nil, seasonLength: 12), to: air)
/// s.lambda   // Guerrero's estimate
/// ```
public enum ScalerKind: Equatable, Sendable {
  case identity
  case standard
  case minMax
  case robust
  /// Box–Cox with a fixed λ, or λ estimated by Guerrero's method when nil.
  case boxCox(lambda: Double?, seasonLength: Int)

  /// A short stable name (used by model archives).
  public var code: Int {
    switch self {
    case .identity: return 0
    case .standard: return 1
    case .minMax: return 2
    case .robust: return 3
    case .boxCox: return 4
    }
  }
}

/// A fitted scaler: z = (t(x) − shift) / scale with t the Box–Cox transform or the identity.
///
/// ```swift
/// let s = try Scaler.fit(.standard, to: [1, 2, 3])
/// s.transform([1, 2, 3])      // [-1.2247, 0, 1.2247]
/// s.inverse(s.transform(2))   // 2
/// ```
public struct Scaler: Equatable, Sendable {
  public var kind: ScalerKind
  public var shift: Double
  public var scale: Double
  /// Box–Cox λ; nil for the affine scalers.
  public var lambda: Double?

  /// A scaler from its parameters.
  public init(kind: ScalerKind, shift: Double = 0, scale: Double = 1, lambda: Double? = nil) {
    self.kind = kind
    self.shift = shift
    self.scale = scale
    self.lambda = lambda
  }

  /// Fits `kind` to `values` (NaN-free).
  ///
  /// - Throws: ``ForecastError/outOfDomain(_:)`` for Box–Cox on values ≤ 0,
  ///   ``ForecastError/invalidArgument(_:)`` for an empty input or NaN.
  /// - Complexity: O(n log n) (robust), O(n · 60) (Guerrero), O(n) otherwise.
  public static func fit(_ kind: ScalerKind, to values: [Double]) throws(ForecastError) -> Scaler {
    guard !values.isEmpty else { throw .invalidArgument("scaler fitted to no values") }
    guard !values.contains(where: { $0.isNaN }) else { throw .invalidArgument("scaler fitted to NaN") }
    switch kind {
    case .identity:
      return Scaler(kind: kind)
    case .standard:
      let (m, sd) = meanStd(values)
      return Scaler(kind: kind, shift: m, scale: sd == 0 ? 1 : sd)
    case .minMax:
      let lo = values.min()!, hi = values.max()!
      return Scaler(kind: kind, shift: lo, scale: hi > lo ? hi - lo : 1)
    case .robust:
      let med = median(values)
      var mad = median(values.map { abs($0 - med) })
      if mad == 0 { mad = meanStd(values).1 }
      return Scaler(kind: kind, shift: med, scale: mad == 0 ? 1 : mad)
    case .boxCox(let given, let m):
      guard values.allSatisfy({ $0 > 0 }) else { throw .outOfDomain("Box-Cox needs values > 0") }
      if let given {
        guard given.isFinite else { throw .invalidArgument("Box-Cox lambda must be finite") }
        return Scaler(kind: kind, lambda: given)
      }
      return Scaler(kind: kind, lambda: try guerreroLambda(values, seasonLength: m))
    }
  }

  /// z for one value.
  public func transform(_ x: Double) -> Double {
    guard let lambda else { return (x - shift) / scale }
    return lambda == 0 ? mLog(x) : (mPow(x, lambda) - 1) / lambda
  }

  /// x for one scaled value (see the header for Box–Cox outside its range).
  public func inverse(_ z: Double) -> Double {
    guard let lambda else { return z * scale + shift }
    if lambda == 0 { return mExp(z) }
    return mPow(max(lambda * z + 1, 0), 1 / lambda)
  }

  /// z for every value.
  public func transform(_ xs: [Double]) -> [Double] { xs.map { transform($0) } }

  /// x for every scaled value.
  public func inverse(_ zs: [Double]) -> [Double] { zs.map { inverse($0) } }
}

/// Guerrero's λ in [−1, 2] for `values` (all > 0); see the file header.
///
/// ```swift
/// let lambda = try guerreroLambda(air, seasonLength: 12)
/// ```
/// - Throws: ``ForecastError/seriesTooShort(id:needed:actual:)`` for fewer than two whole periods.
public func guerreroLambda(_ values: [Double], seasonLength: Int) throws(ForecastError) -> Double {
  let period = max(2, seasonLength)
  let years = values.count / period
  guard years >= 2 else { throw .seriesTooShort(id: "", needed: 2 * period, actual: values.count) }
  let start = values.count - years * period
  var means: [Double] = [], sds: [Double] = []
  for k in 0..<years {
    let chunk = Array(values[(start + k * period)..<(start + (k + 1) * period)])
    let m = chunk.reduce(0, +) / Double(period)
    var ss = 0.0
    for v in chunk { ss += (v - m) * (v - m) }
    means.append(m)
    sds.append((ss / Double(period - 1)).squareRoot())
  }
  func cv(_ lam: Double) -> Double {
    var ratios: [Double] = []
    for k in 0..<years { ratios.append(sds[k] / mPow(means[k], 1 - lam)) }
    let m = ratios.reduce(0, +) / Double(years)
    var ss = 0.0
    for r in ratios { ss += (r - m) * (r - m) }
    return (ss / Double(years - 1)).squareRoot() / m
  }
  return goldenSection(lower: -1, upper: 2, tolerance: 1e-10, cv)
}

/// The minimiser of a unimodal `f` on [lower, upper] by golden-section search.
func goldenSection(lower: Double, upper: Double, tolerance: Double, _ f: (Double) -> Double) -> Double {
  let g = 0.6180339887498949
  var a = lower, b = upper
  var c = b - g * (b - a), d = a + g * (b - a)
  var fc = f(c), fd = f(d)
  while b - a > tolerance {
    if fc < fd {
      b = d; d = c; fd = fc
      c = b - g * (b - a); fc = f(c)
    } else {
      a = c; c = d; fc = fd
      d = a + g * (b - a); fd = f(d)
    }
  }
  return (a + b) / 2
}

/// Mean and population standard deviation.
func meanStd(_ v: [Double]) -> (Double, Double) {
  let m = v.reduce(0, +) / Double(v.count)
  var ss = 0.0
  for x in v { ss += (x - m) * (x - m) }
  return (m, (ss / Double(v.count)).squareRoot())
}

/// The median (mean of the two middle values for even counts); 0 for an empty input.
func median(_ v: [Double]) -> Double {
  if v.isEmpty { return 0 }
  let s = v.sorted()
  let n = s.count
  return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

/// One fitted scaler per series of a frame.
///
/// ```swift
/// let fs = try FrameScaler.fit(.standard, to: frame)
/// let z = fs.transform(frame)         // every series scaled by its own statistics
/// let back = fs.inverse(z)            // == frame up to rounding
/// ```
public struct FrameScaler: Equatable, Sendable {
  public var scalers: [Scaler]

  /// Fits `kind` to each series' `y`.
  ///
  /// - Throws: what ``Scaler/fit(_:to:)`` throws, for the first series that fails.
  public static func fit(_ kind: ScalerKind, to frame: SeriesFrame) throws(ForecastError) -> FrameScaler {
    var out: [Scaler] = []
    for s in frame.series { out.append(try Scaler.fit(kind, to: s.y)) }
    return FrameScaler(scalers: out)
  }

  /// The frame with every series' `y` scaled.
  public func transform(_ frame: SeriesFrame) -> SeriesFrame {
    var f = frame
    for k in f.series.indices { f.series[k].y = scalers[k].transform(f.series[k].y) }
    return f
  }

  /// The frame with every series' `y` mapped back.
  public func inverse(_ frame: SeriesFrame) -> SeriesFrame {
    var f = frame
    for k in f.series.indices { f.series[k].y = scalers[k].inverse(f.series[k].y) }
    return f
  }
}
