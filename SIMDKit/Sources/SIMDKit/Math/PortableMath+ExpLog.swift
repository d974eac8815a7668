// PortableMath.exp and PortableMath.log: fdlibm's e_exp.c and e_log.c in Swift.
//
// exp(x)
// ------
// 1. Reduce: x = k·ln2 + r, |r| <= ln2/2, with k = round(x/ln2) and ln2 = ln2Hi + ln2Lo, where ln2Hi
//    has 32 significant bits so that k·ln2Hi is exact for every |k| <= 1075; r is carried as hi - lo.
// 2. Approximate e^r on [0, ln2/2] with the Remez polynomial R(r²) ≈ r·(e^r + 1)/(e^r - 1), |error| <
//    2^-59: with c = r - r²·R1(r²) (R1 = P1 + P2·r² + ... + P5·r^8), e^r = 1 + r + r·c/(2 - c).
// 3. Scale by 2^k (`scaleByPowerOfTwo`, one rounding even for subnormal results).
// exp(x) overflows for x > 709.782712893383973096 and underflows to +0 for x < -745.13321910194110842.
// fdlibm's error bound: < 1 ulp.
//
// log(x)
// ------
// 1. Reduce: x = 2^k·(1 + f) with sqrt(2)/2 < 1 + f < sqrt(2) (subnormal x are first scaled by 2^54).
// 2. s = f/(2 + f); log(1 + f) = f - f²/2 + s·(f²/2 + R(s²)), R a degree-14 Remez polynomial in s
//    (|error| < 2^-58.45), evaluated in two interleaved halves.
// 3. log(x) = k·ln2Hi + (f - (hfsq - (s·(hfsq + R) + k·ln2Lo))), with k·ln2Hi exact.
// fdlibm's error bound: < 1 ulp.

extension PortableMath {
  /// e^x, within one ulp; +inf above 709.78, +0 below -745.13, NaN for NaN.
  ///
  /// ```swift
  /// PortableMath.exp(0)      // 1
  /// PortableMath.exp(-745)   // 5e-324
  /// ```
  ///
  /// - Complexity: O(1).
  public static func exp(_ x: Double) -> Double {
    let ln2Hi = 6.93147180369123816490e-01  // 0x3FE62E42 FEE00000
    let ln2Lo = 1.90821492927058770002e-10  // 0x3DEA39EF 35793C76
    let invLn2 = 1.44269504088896338700e+00  // 0x3FF71547 652B82FE
    let p1 = 1.66666666666666019037e-01  // 0x3FC55555 5555553E
    let p2 = -2.77777777770155933842e-03  // 0xBF66C16C 16BEBD93
    let p3 = 6.61375632143793436117e-05  // 0x3F11566A AF25DE2C
    let p4 = -1.65339022054652515390e-06  // 0xBEBBBD41 C5D26BF1
    let p5 = 4.13813679705723846039e-08  // 0x3E663769 72BEA4D0

    let word = highWord(x)
    let negative = word >> 31 == 1
    let hx = word & 0x7FFF_FFFF
    if hx >= 0x4086_232B {  // |x| >= 708.39, or NaN
      if x.isNaN { return x }
      if x > 709.782712893383973096 { return .infinity }
      if x < -745.13321910194110842 { return 0 }
    }
    var hi = 0.0, lo = 0.0, r = x
    var k = 0
    if hx > 0x3FD6_2E42 {  // |x| > ln2/2
      if hx >= 0x3FF0_A2B2 {  // |x| >= 1.5·ln2
        k = Int(invLn2 * x + (negative ? -0.5 : 0.5))  // |k| <= 1075: the conversion cannot trap
      } else {
        k = negative ? -1 : 1
      }
      hi = x - Double(k) * ln2Hi
      lo = Double(k) * ln2Lo
      r = hi - lo
    } else if hx > 0x3E30_0000 {  // |x| > 2^-28
      hi = x
    } else {
      return 1 + x
    }
    let rr = r * r
    let c = r - rr * (p1 + rr * (p2 + rr * (p3 + rr * (p4 + rr * p5))))
    let y = 1 + (r * c / (2 - c) - lo + hi)
    return k == 0 ? y : scaleByPowerOfTwo(y, k)
  }

  /// The natural logarithm, within one ulp; -inf at ±0, NaN below 0, +inf at +inf.
  ///
  /// ```swift
  /// PortableMath.log(1)                          // 0
  /// PortableMath.log(.leastNonzeroMagnitude)     // -744.4400719213812
  /// ```
  ///
  /// - Complexity: O(1).
  public static func log(_ x: Double) -> Double {
    let ln2Hi = 6.93147180369123816490e-01  // 0x3FE62E42 FEE00000
    let ln2Lo = 1.90821492927058770002e-10  // 0x3DEA39EF 35793C76
    let lg1 = 6.666666666666735130e-01  // 0x3FE55555 55555593
    let lg2 = 3.999999999940941908e-01  // 0x3FD99999 9997FA04
    let lg3 = 2.857142874366239149e-01  // 0x3FD24924 94229359
    let lg4 = 2.222219843214978396e-01  // 0x3FCC71C5 1D8E78AF
    let lg5 = 1.818357216161805012e-01  // 0x3FC74664 96CB03DE
    let lg6 = 1.531383769920937332e-01  // 0x3FC39A09 D078C69F
    let lg7 = 1.479819860511658591e-01  // 0x3FC2F112 DF3E5244

    var x = x
    var hx = highWord(x)
    var k = 0
    if hx < 0x0010_0000 || hx >> 31 == 1 {
      if x == 0 { return -.infinity }  // log(±0)
      if hx >> 31 == 1 { return .nan }  // log(x < 0), log(-NaN)
      // Subnormal: scale up.
      k -= 54
      x *= 0x1p54
      hx = highWord(x)
    } else if hx >= 0x7FF0_0000 {
      return x  // +inf, NaN
    } else if x == 1 {
      return 0
    }
    // Reduce x into [sqrt(2)/2, sqrt(2)].
    hx &+= 0x3FF0_0000 - 0x3FE6_A09E
    k += Int(hx >> 20) - 0x3FF
    hx = (hx & 0x000F_FFFF) + 0x3FE6_A09E
    x = settingHighWord(x, hx)

    let f = x - 1
    let hfsq = 0.5 * f * f
    let s = f / (2 + f)
    let z = s * s
    let w = z * z
    let t1 = w * (lg2 + w * (lg4 + w * lg6))
    let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
    let r = t2 + t1
    let dk = Double(k)
    return s * (hfsq + r) + dk * ln2Lo - hfsq + f + dk * ln2Hi
  }
}
