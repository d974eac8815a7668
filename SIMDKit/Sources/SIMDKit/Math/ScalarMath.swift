// ScalarMath: the double-precision exp, expm1, tanh, sin and cos behind the reference activations.
//
// Why SIMDKit carries its own
// ---------------------------
// The Swift standard library has no `exp` or `sin`: on Linux they come from Glibc, on Apple platforms from
// Darwin, and Embedded Swift for `wasm32-unknown-none-wasm` has neither module. Rather than reach libm
// through a C shim (and make every wasm chunk depend on wasi-libc's libm), the reference kernels use
// these pure-Swift functions, which compile to the same code on every target. They run in Double and the
// callers round once to Float, which is also how FANN evaluates its activations (`exp` of a float
// argument promotes to double in C). So the reference result is within one float ulp of the exactly
// rounded value, on every platform, and the test suite checks these against Glibc's libm.
//
// Goals, in order: (1) results accurate to well under one float ulp after rounding; (2) identical on
// every target (no FMA contraction, no platform calls: the rounding to an integer uses the 1.5·2^52 trick,
// not `rint`); (3) simplicity over speed: these are oracles, not fast paths.
//
// Methods
// -------
// - exp(x): x = n·ln2 + r with n = round(x/ln2) and ln2 split Cody-Waite style into a 32-bit head (so
//   n·ln2_hi is exact for |n| < 2^21) and a tail; |r| <= ln2/2; e^r by its Taylor series to degree 13
//   (truncation < 1e-17 relative); scaled by 2^n with `Double(sign:exponent:significand:)`, which handles
//   overflow to +inf and gradual underflow.
// - expm1(x): for |x| < 1/2 the nested Taylor form x(1 + x/2(1 + x/3(...))) to degree 17, avoiding the
//   cancellation of exp(x) - 1; otherwise exp(x) - 1, which loses less than one bit there.
// - tanh(x) = sign(x)·e/(e + 2) with e = expm1(2|x|); exactly ±1 beyond |x| > 22 (where tanh rounds to
//   1 in Double). This is FANN's 2/(1 + e^(-2x)) - 1 without its cancellation near 0.
// - sin, cos: x = n·π/2 + r, |r| <= π/4, with π/2 split into a 25-bit head and a 53-bit tail (as in musl's
//   __rem_pio2f): n·head is exact for |n| < 2^28, so the reduction is accurate for every float argument
//   with |x| < 2^28·π/2 ≈ 4.2e8. Larger arguments are reduced exactly, Payne-Hanek style: with
//   |x| = m·2^e (m the 53-bit integer significand), x·2/π mod 4 only needs the 192 bits of 2/π that
//   start near bit e, so m times that window (a 53 x 192-bit integer product) gives the quadrant and 64
//   fraction bits, which is r to at least 30 significant bits for every Float argument (no float lies
//   closer than 2^-30 to a multiple of π/2). Then Taylor series on
//   [-π/4, π/4] to degree 17 (sin) and 18 (cos), and the quadrant n mod 4 picks ±sin or ±cos.
//
// References: W. J. Cody and W. Waite, "Software Manual for the Elementary Functions" (1980);
// J.-M. Muller, "Elementary Functions: Algorithms and Implementation" (3rd ed., 2016), ch. 11;
// musl libc src/math/__rem_pio2f.c.

enum ScalarMath {
  /// 1.5 · 2^52: adding and subtracting it rounds a Double with |x| < 2^51 to the nearest integer.
  static let roundingMagic: Double = 6_755_399_441_055_744

  /// `x` rounded to the nearest integer (ties to even), for |x| < 2^51.
  @inline(__always)
  static func roundToIntegral(_ x: Double) -> Double { (x + roundingMagic) - roundingMagic }

  /// e^x, within about one Double ulp.
  ///
  /// - Complexity: O(1).
  static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.782712893384 { return .infinity }
    if x < -745.2 { return 0 }
    let n = roundToIntegral(x * 1.4426950408889634)
    let ln2Head = 6.93147180369123816490e-01  // 0x3FE62E42FEE00000: 32 significant bits
    let ln2Tail = 1.90821492927058770002e-10
    let r = (x - n * ln2Head) - n * ln2Tail
    var p = 1.0 / 6_227_020_800  // 1/13!
    p = p * r + 1.0 / 479_001_600
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    return Double(sign: .plus, exponent: Int(n), significand: p)
  }

  /// e^x - 1 without cancellation near 0.
  ///
  /// - Complexity: O(1).
  static func expm1(_ x: Double) -> Double {
    guard x.magnitude < 0.5 else { return exp(x) - 1 }
    var p = 1.0
    var k = 17.0
    while k >= 2 {
      p = 1 + x / k * p
      k -= 1
    }
    return x * p
  }

  /// tanh(x), exactly ±1 for |x| > 22.
  ///
  /// - Complexity: O(1).
  static func tanh(_ x: Double) -> Double {
    if x.isNaN { return x }
    let a = x.magnitude
    let t = a > 22 ? 1 : { let e = expm1(2 * a); return e / (e + 2) }()
    return Double(signOf: x, magnitudeOf: t)
  }

  /// sin(x) for every finite x; NaN for ±inf and NaN.
  ///
  /// - Complexity: O(1).
  static func sin(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let (r, quadrant) = reduce(x)
    switch quadrant {
    case 0: return sinKernel(r)
    case 1: return cosKernel(r)
    case 2: return -sinKernel(r)
    default: return -cosKernel(r)
    }
  }

  /// cos(x) for every finite x; NaN for ±inf and NaN.
  ///
  /// - Complexity: O(1).
  static func cos(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let (r, quadrant) = reduce(x)
    switch quadrant {
    case 0: return cosKernel(r)
    case 1: return -sinKernel(r)
    case 2: return -cosKernel(r)
    default: return sinKernel(r)
    }
  }

  /// x = n·π/2 + r with |r| <= π/4 (slightly more when rounding ties); returns r and n mod 4.
  static func reduce(_ x: Double) -> (Double, Int) {
    guard x.magnitude < 421_657_428 else { return reduceLarge(x) }  // 2^28·π/2
    let pio2Head = 1.57079631090164184570e+00  // 0x3FF921FB50000000: 25 significant bits
    let pio2Tail = 1.58932547735281966916e-08
    let n = roundToIntegral(x * 0.63661977236758134308)  // 2/π
    let r = (x - n * pio2Head) - n * pio2Tail
    return (r, Int(n) & 3)
  }

  /// The exact reduction for |x| >= 2^28·π/2 (Payne and Hanek, SIGNUM Newsletter 18(1), 1983).
  static func reduceLarge(_ x: Double) -> (Double, Int) {
    let m = x.significandBitPattern | (1 << 52)  // |x| = m·2^e
    let e = Int(x.exponent) - 52
    // Bits of 2/π at 0-based positions e - 2 ..< e + 190: those before contribute multiples of 4.
    let p = e - 2
    let c0 = twoOverPiWindow(p), c1 = twoOverPiWindow(p + 64), c2 = twoOverPiWindow(p + 128)
    // m·(c0:c1:c2) as 256 bits, then the 2 integer bits and 64 fraction bits sit at bit 190 of it.
    let lo = m.multipliedFullWidth(by: c2)
    let mid = m.multipliedFullWidth(by: c1)
    let hi = m.multipliedFullWidth(by: c0)
    let (w1, carry1) = mid.low.addingReportingOverflow(lo.high)
    let (w2a, carry2a) = hi.low.addingReportingOverflow(mid.high)
    let (w2, carry2b) = w2a.addingReportingOverflow(carry1 ? 1 : 0)
    _ = (carry2a, carry2b)  // the carry into bit 192 only changes multiples of 4
    var quadrant = Int(w2 >> 62)
    let fraction = (w2 << 2) | (w1 >> 62)
    // A fraction >= 1/2 is read as negative: r in [-π/4, π/4) and the quadrant moves up by one.
    if fraction >> 63 == 1 { quadrant += 1 }
    var r = Double(Int64(bitPattern: fraction)) * 0x1p-64 * 1.57079632679489661923
    if x < 0 {
      r = -r
      quadrant = -quadrant
    }
    return (r, quadrant & 3)
  }

  /// 64 bits of 2/π starting at 0-based bit position `p` after the binary point (zeros before it).
  static func twoOverPiWindow(_ p: Int) -> UInt64 {
    if p <= -64 { return 0 }
    if p < 0 { return twoOverPi[0] >> UInt64(-p) }
    let w = p / 64, b = p % 64
    if b == 0 { return twoOverPi[w] }
    return (twoOverPi[w] << UInt64(b)) | (twoOverPi[w + 1] >> UInt64(64 - b))
  }

  /// 2/π to 1216 bits, most significant first (enough for every finite Double).
  static let twoOverPi: [UInt64] = [
    0xA2F9_836E_4E44_1529, 0xFC27_57D1_F534_DDC0, 0xDB62_9599_3C43_9041, 0xFE51_63AB_DEBB_C561,
    0xB724_6E3A_424D_D2E0, 0x0649_2EEA_09D1_921C, 0xFE1D_EB1C_B129_A73E, 0xE882_35F5_2EBB_4484,
    0xE99C_7026_B45F_7E41, 0x3991_D639_8353_39F4, 0x9C84_5F8B_BDF9_283B, 0x1FF8_97FF_DE05_980F,
    0xEF2F_118B_5A0A_6D1F, 0x6D36_7ECF_27CB_09B7, 0x4F46_3F66_9E5F_EA2D, 0x7527_BAC7_EBE5_F17B,
    0x3D07_39F7_8A52_92EA, 0x6BFB_5FB1_1F8D_5D08, 0x5603_3046_FC7B_6BAB,
  ]

  /// sin on [-π/4, π/4]: Taylor series to degree 17.
  static func sinKernel(_ r: Double) -> Double {
    if r == 0 { return r }  // keeps the sign of zero
    let r2 = r * r
    var p = -1.0 / 355_687_428_096_000  // -1/17!
    p = p * r2 + 1.0 / 1_307_674_368_000
    p = p * r2 - 1.0 / 6_227_020_800
    p = p * r2 + 1.0 / 39_916_800
    p = p * r2 - 1.0 / 362_880
    p = p * r2 + 1.0 / 5_040
    p = p * r2 - 1.0 / 120
    p = p * r2 + 1.0 / 6
    return r - r * r2 * p
  }

  /// cos on [-π/4, π/4]: Taylor series to degree 18.
  static func cosKernel(_ r: Double) -> Double {
    let r2 = r * r
    var p = 1.0 / 6_402_373_705_728_000  // 1/18!
    p = p * r2 - 1.0 / 20_922_789_888_000
    p = p * r2 + 1.0 / 87_178_291_200
    p = p * r2 - 1.0 / 479_001_600
    p = p * r2 + 1.0 / 3_628_800
    p = p * r2 - 1.0 / 40_320
    p = p * r2 + 1.0 / 720
    p = p * r2 - 1.0 / 24
    p = p * r2 + 0.5
    return 1 - r2 * p
  }
}
