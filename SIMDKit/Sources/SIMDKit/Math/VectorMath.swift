// VectorMath: exp, tanh, sin and cos on whole `FloatVector`s, for the SIMD activations.
//
// Why these exist
// ---------------
// A SIMD activation is only as fast as its slowest lane operation. Natively, Swift has no vector `exp`
// (Glibc's `expf` is scalar), and Embedded Swift on wasm32 has no libm at all; calling a scalar function
// per lane would turn every `f32x4` loop back into scalar code. So these are written with lane-wise
// arithmetic, selects and integer bit tricks only (see Internals/Lanes.swift), and lower to `f32x4`
// instructions on wasm32 and SSE/AVX natively. The coefficients are Cephes' single-precision minimax
// polynomials (S. L. Moshier, "Methods and Programs for Mathematical Functions", 1989; Cephes `expf.c`,
// `tanhf.c`, `sinf.c`), the same family SLEEF and most SIMD libraries start from.
//
// Invariants: no lane ever traps; NaN in, NaN out; the special values below are exact.
//
// | function | method                                                         | special values                                 |
// |----------|----------------------------------------------------------------|------------------------------------------------|
// | exp      | x = n ln2 + r (Cody-Waite, 2 parts), degree-7 polynomial on r,  | exp(+inf) = +inf, exp(-inf) = 0;               |
// |          | scaled by 2^n in two steps so results down to 2^-149 are right  | x > 88.7228 -> +inf; x < -103.972 -> 0         |
// | tanh     | |x| < 0.625: x + x^3 P(x^2); else 1 - 2/(e^(2|x|) + 1), sign of x | tanh(±inf) = ±1, tanh(±0) = ±0                 |
// | sin, cos | x = n π/2 + r (Cody-Waite, 3 parts), |r| <= π/4, sin and cos    | sin/cos(±inf) = NaN; lanes with |x| > 8192     |
// |          | polynomials on r, swapped and negated by the quadrant n mod 4   | are recomputed with the scalar reference       |
//
// Accuracy against glibc's double-precision libm rounded to Float, measured natively on 200,000 random
// arguments per function (400,000 for sin/cos; the sweeps of VectorMathTests.swift, enlarged):
// - exp on [-87, 88.7]: max 1 ulp. Subnormal results: within one subnormal step.
// - tanh on [-10, 10] and tiny arguments: max 1 ulp.
// - sin, cos on [-8192, 8192]: max 2 ulp, max absolute error 7.8e-8. Near a zero of sin or cos the bound
//   that holds by construction is absolute (the reduction carries about 2^-36·|x| absolute error), so the
//   tests enforce 3 ulp where |result| >= 2^-7 and 1.2e-7 absolute everywhere. Past |x| = 8192 the
//   three-part π/2 no longer reduces exactly, so those lanes take the scalar double-precision path
//   instead: slower, never wrong.
// The tests enforce 2 ulp (exp) and 3 ulp (tanh), leaving headroom for other targets' rounding of the
// same operations (there is none on IEEE hardware without fused multiply-add, which these never use).

enum VectorMath {
  /// The largest |x| whose sin/cos the vector reduction handles; larger lanes fall back to ScalarMath.
  static let trigonometricLimit: Float = 8192

  /// e^x lane-wise.
  ///
  /// - Complexity: O(1) per vector: about 20 vector operations.
  @inline(__always)
  static func exp(_ x: FloatVector) -> FloatVector {
    let hi = FloatVector(repeating: 88.72283905206835)
    let lo = FloatVector(repeating: -103.97207708)
    let xc = Lanes.min(Lanes.max(x, lo), hi)
    let (n, ni) = Lanes.roundedToIntegral(xc * 1.44269504088896341)
    var r = xc - n * 0.693359375
    r = r - n * -2.12194440e-4
    let r2 = r * r
    var p = FloatVector(repeating: 1.9875691500e-4)
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    var y = p * r2 + r + 1
    let half = ni &>> 1
    y = y * Lanes.powerOfTwo(half) * Lanes.powerOfTwo(ni &- half)
    y = y.replacing(with: .infinity, where: x .> hi)
    return y.replacing(with: 0, where: x .< lo)
  }

  /// tanh(x) lane-wise.
  ///
  /// - Complexity: O(1) per vector: one `exp`, one division and a polynomial.
  @inline(__always)
  static func tanh(_ x: FloatVector) -> FloatVector {
    let a = Lanes.abs(x)
    let x2 = x * x
    var p = FloatVector(repeating: -5.70498872745e-3)
    p = p * x2 + 2.06390887954e-2
    p = p * x2 - 5.37397155531e-2
    p = p * x2 + 1.33314422036e-1
    p = p * x2 - 3.33332819422e-1
    let small = x + x * x2 * p
    let e = exp(a + a)
    let large = 1 - 2 / (e + 1)
    let signed = Lanes.float(Lanes.bits(large) | (Lanes.bits(x) & IntVector(repeating: Int32.min)))
    // x = ±0 (and tiny x) returns x itself, which keeps the sign of zero.
    return signed.replacing(with: small, where: a .< 0.625).replacing(with: x, where: a .< 0x1p-12)
  }

  /// sin(x) and cos(x) lane-wise, sharing one range reduction.
  ///
  /// - Complexity: O(1) per vector; lanes with |x| > ``trigonometricLimit`` cost a scalar call each.
  @inline(__always)
  static func sinCos(_ x: FloatVector) -> (sin: FloatVector, cos: FloatVector) {
    let (n, q) = Lanes.roundedToIntegral(x * 0.636619772367581343)
    var r = x - n * 1.5703125
    r = r - n * 4.837512969970703125e-4
    r = r - n * 7.54978995489188216e-8
    let r2 = r * r
    var ps = FloatVector(repeating: -1.9515295891e-4)
    ps = ps * r2 + 8.3321608736e-3
    ps = ps * r2 - 1.6666654611e-1
    let s = ps * r2 * r + r
    var pc = FloatVector(repeating: 2.443315711809948e-5)
    pc = pc * r2 - 1.388731625493765e-3
    pc = pc * r2 + 4.166664568298827e-2
    let c = pc * r2 * r2 - 0.5 * r2 + 1
    // Quadrant logic in integer lanes only: an integer-vector comparison (`q & 1 .!= 0`) is lowered lane
    // by lane natively, so the swap mask is made by shifting bit 0 up to the sign and back (all ones or 0).
    let swap = (q &<< 31) &>> 31
    let sinFlip = (q & 2) &<< 30
    let cosFlip = ((q &+ 1) & 2) &<< 30
    let sBits = Lanes.bits(s), cBits = Lanes.bits(c)
    var sinV = Lanes.float(((sBits & ~swap) | (cBits & swap)) ^ sinFlip)
    var cosV = Lanes.float(((cBits & ~swap) | (sBits & swap)) ^ cosFlip)
    sinV = sinV.replacing(with: x, where: Lanes.abs(x) .< 0x1p-12)  // sin x = x there; keeps -0
    let big = Lanes.abs(x) .> FloatVector(repeating: trigonometricLimit)
    if Lanes.any(big) {
      for lane in 0..<FloatVector.scalarCount where big[lane] {
        sinV[lane] = Float(ScalarMath.sin(Double(x[lane])))
        cosV[lane] = Float(ScalarMath.cos(Double(x[lane])))
      }
    }
    return (sinV, cosV)
  }
}
