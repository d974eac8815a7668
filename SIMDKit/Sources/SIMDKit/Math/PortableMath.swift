// PortableMath: libm's double-precision exp, log, sin, cos, pow and erfc, written in Swift.
//
// Why this exists
// ---------------
// Embedded Swift for `wasm32-unknown-none-wasm` has no libm. Neural and Forecasting used to declare
// `exp`, `log`, `sin`, `cos`, `pow` and `erfc` with `@_extern(c)` on wasm32, and the Bundler's runtime
// chunk then had to carry musl's table-driven libm (about 13 KB of the runtime chunk's 19 KB brotli).
// These functions compile into the chunk that calls them, need no tables beyond 2/π for huge trigonometric
// arguments, and give the same bits on every target (no fused multiply-add, no platform calls). Natively
// the domains keep calling Glibc (FANN bit-parity relies on it); these are what wasm32 uses.
//
// Method
// ------
// The algorithms are Sun's fdlibm 5.3 (as maintained in FreeBSD msun and, before 2018, musl), whose
// error analyses bound each function below one ulp: the argument reductions, the minimax polynomial and
// rational coefficients (given below with their bit patterns), and the special-case logic of the C99
// Annex F conventions. The one part written afresh is the reduction of huge arguments of sin and cos
// (|x| >= 2^20·π/2): fdlibm's `__kernel_rem_pio2` is replaced by an exact Payne-Hanek product of the
// 53-bit significand with a 192-bit window of 2/π (see PortableMath+Trigonometry.swift).
//
// Invariants
// ----------
// - Never traps, for any bit pattern: integer conversions are bounded before they happen, and the
//   bit-level arithmetic uses wrapping operators where fdlibm relies on C's modular arithmetic.
// - C99 Annex F special values: exp(-inf) = +0, log(±0) = -inf, log(x < 0) = NaN, sin(±0) = ±0,
//   sin/cos(±inf) = NaN, pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN, erfc(-inf) = 2, and so on.
// - Accuracy against Glibc 2.36 on millions of arguments per function (PortableMath*Tests.swift, which
//   enforce these bounds; glibc's exp/log/pow are within 0.52 ulp, its sin/cos nearly always correctly
//   rounded): exp, log, sin, cos and pow are at most 1 ulp from Glibc everywhere, subnormal arguments and
//   results included; erfc at most 4 ulp (2 for |x| < 0.84375): fdlibm evaluates it through two
//   exponentials, and glibc regroups fdlibm's polynomials, so neither is correctly rounded (at
//   x = 1.2467064062385704 ours is 1.02 ulp from the true value and glibc's 2.98, by mpmath). At the
//   double closest to a multiple of π/2 (6381956970095103·2^797) cos here is correctly rounded and
//   glibc's is 8 ulp off; the tests check that point against mpmath instead.
//
// Goals, in order: (1) correctness and ≤ 1 ulp over the whole domain, subnormals included; (2) the same
// bits on every target; (3) small code (no tables); (4) speed.
//
// References: Sun Microsystems, fdlibm 5.3 (1993-2004), e_exp.c, e_log.c, e_pow.c, k_sin.c, k_cos.c,
// e_rem_pio2.c, s_erf.c; M. Payne and R. Hanek, "Radian reduction for trigonometric functions",
// SIGNUM Newsletter 18(1), 1983; J.-M. Muller, "Elementary Functions" (3rd ed., 2016), ch. 11.

/// Double-precision elementary functions in portable Swift: libm's `exp`, `log`, `sin`, `cos`, `pow`
/// and `erfc` for targets that have no libm (Embedded Swift on wasm32), within one ulp.
///
/// ```swift
/// PortableMath.exp(1)        // 2.718281828459045
/// PortableMath.pow(2, 0.5)   // 1.4142135623730951
/// ```
public enum PortableMath {
  // MARK: Bit access (fdlibm's GET_HIGH_WORD, SET_LOW_WORD, ...)

  /// The upper 32 bits of `x` (sign, exponent and the top 20 significand bits).
  @inline(__always)
  static func highWord(_ x: Double) -> UInt32 { UInt32(truncatingIfNeeded: x.bitPattern >> 32) }

  /// The lower 32 bits of `x`'s significand.
  @inline(__always)
  static func lowWord(_ x: Double) -> UInt32 { UInt32(truncatingIfNeeded: x.bitPattern) }

  /// The Double whose upper and lower 32-bit words are `high` and `low`.
  @inline(__always)
  static func double(high: UInt32, low: UInt32) -> Double {
    Double(bitPattern: UInt64(high) << 32 | UInt64(low))
  }

  /// `x` with its upper word replaced by `high`.
  @inline(__always)
  static func settingHighWord(_ x: Double, _ high: UInt32) -> Double { double(high: high, low: lowWord(x)) }

  /// `x` with its lower 32 bits cleared: a value with at most 21 significant bits, whose products with
  /// other such values are exact.
  @inline(__always)
  static func clearingLowWord(_ x: Double) -> Double { Double(bitPattern: x.bitPattern & 0xFFFF_FFFF_0000_0000) }

  /// x·2^n, rounded once (musl's `scalbn`): large scalings are split so that no intermediate overflows
  /// and a subnormal result is produced by a single rounding.
  ///
  /// ```swift
  /// PortableMath.scaleByPowerOfTwo(1.5, -1074)   // 5e-324 (ties to even)
  /// ```
  ///
  /// - Complexity: O(1).
  static func scaleByPowerOfTwo(_ x: Double, _ n: Int) -> Double {
    var y = x
    var n = n
    if n > 1023 {
      y *= 0x1p1023
      n -= 1023
      if n > 1023 {
        y *= 0x1p1023
        n -= 1023
        if n > 1023 { n = 1023 }
      }
    } else if n < -1022 {
      // Keep the final factor below 2^-53 so that a subnormal result is rounded only once.
      y *= 0x1p-1022 * 0x1p53
      n += 1022 - 53
      if n < -1022 {
        y *= 0x1p-1022 * 0x1p53
        n += 1022 - 53
        if n < -1022 { n = -1022 }
      }
    }
    return y * Double(bitPattern: UInt64(0x3FF + n) << 52)
  }
}
