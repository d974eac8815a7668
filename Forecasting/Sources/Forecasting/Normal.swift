// The standard normal distribution: density, CDF and quantile.
//
// Φ(x) = erfc(−x/√2)/2 with libm's erfc (accurate to ~1 ulp in the tails). The quantile starts
// from Acklam's rational approximation (relative error < 1.2e-9) and takes Halley steps on Φ,
// u = (Φ(x) − p)·√(2π)·e^(x²/2), x ← x − u/(1 + x·u/2), until the step is below 1e-15·max(1,|x|)
// (at most 4), which gives the quantile to a few ulps.

/// The standard normal distribution N(0, 1).
///
/// ```swift
/// StandardNormal.quantile(0.975)   // 1.959963984540054
/// StandardNormal.cdf(1.96)         // 0.9750021048517795
/// ```
public enum StandardNormal {
  /// φ(x) = e^(−x²/2) / √(2π).
  public static func pdf(_ x: Double) -> Double { 0.3989422804014327 * mExp(-0.5 * x * x) }

  /// Φ(x).
  public static func cdf(_ x: Double) -> Double { 0.5 * mErfc(-x * 0.7071067811865476) }

  /// Φ⁻¹(p) for p in (0, 1); −∞ at 0 and +∞ at 1; NaN outside [0, 1].
  ///
  /// - Complexity: O(1).
  public static func quantile(_ p: Double) -> Double {
    if p.isNaN || p < 0 || p > 1 { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
             3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low || p > 1 - low {
      let q = (-2 * mLog(p < low ? p : 1 - p)).squareRoot()
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
      if p > 1 - low { x = -x }
    } else {
      let q = p - 0.5
      let r = q * q
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
    for _ in 0..<4 {
      // Work with the smaller tail for accuracy.
      let e = p < 0.5 ? cdf(x) - p : (1 - p) - cdf(-x)
      let u = e * 2.5066282746310002 * mExp(0.5 * x * x)
      let step = u / (1 + 0.5 * x * u)
      x -= step
      if abs(step) <= 1e-15 * max(1, abs(x)) { break }
    }
    return x
  }
}
