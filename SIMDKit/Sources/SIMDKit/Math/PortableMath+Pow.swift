// PortableMath.pow: fdlibm's e_pow.c (Sun, 2004) in Swift.
//
// Method, for x = 2^n·(1 + f):
// 1. log2(x) = t1 + t2 in extra precision, t1 with 29 trailing zero bits: with ss = (x - b)/(x + b)
//    (b = 1 or 1.5, whichever interval [1, sqrt(3/2)), [sqrt(3/2), sqrt(3)) x falls in), log(x) =
//    log(b) + 2ss + (2/3)ss³ + ss^5·R(ss²), R a Remez polynomial (L1...L6); every product whose
//    rounding matters is split into a head with a cleared low word and an exact tail.
// 2. y·log2(x) = (y1 + y2)(t1 + t2) = n + y' with y1 = y's head (cleared low word), |y'| <= 1/2;
//    overflow and underflow are decided here, with the 0.5-ulp margin `ovt`.
// 3. x^y = 2^n·e^(y'·ln2), e^z as in exp (P1...P5), and the exponent added in the bits (scalbn for a
//    subnormal result).
// |y| > 2^31 with x not within 2^-20 of 1 overflows or underflows at once; near 1, log2(x) comes from
// its Taylor series (with one correction to fdlibm, explained there). Special cases follow C99 Annex F (the list in pow's documentation comment).
// fdlibm: "pow(x,y) returns x**y nearly rounded. In particular pow(integer,integer) always returns the
// correct integer provided it is representable."

extension PortableMath {
  /// x^y, within one ulp, with C99's special cases:
  /// x^±0 = 1 and 1^y = 1 (even for NaN); NaN if either is NaN otherwise; (-1)^±inf = 1;
  /// |x| > 1: x^+inf = +inf, x^-inf = +0 (the reverse for |x| < 1); ±0^y = +inf for y < 0, +0 for y > 0
  /// (signed for odd integer y); (-x)^y = NaN for finite non-integer y, ±|x|^y for integer y.
  ///
  /// ```swift
  /// PortableMath.pow(2, 10)    // 1024
  /// PortableMath.pow(-8, 1.0 / 3)   // nan
  /// ```
  ///
  /// - Complexity: O(1).
  public static func pow(_ x: Double, _ y: Double) -> Double {
    let dpH1 = 5.84962487220764160156e-01  // 0x3FE2B803 40000000: log2(1.5) head
    let dpL1 = 1.35003920212974897128e-08  // 0x3E4CFDEB 43CFD006: log2(1.5) tail
    let two53 = 9_007_199_254_740_992.0
    let l1 = 5.99999999999994648725e-01  // 0x3FE33333 33333303
    let l2 = 4.28571428578550184252e-01  // 0x3FDB6DB6 DB6FABFF
    let l3 = 3.33333329818377432918e-01  // 0x3FD55555 518F264D
    let l4 = 2.72728123808534006489e-01  // 0x3FD17460 A91D4101
    let l5 = 2.30660745775561754067e-01  // 0x3FCD864A 93C9DB65
    let l6 = 2.06975017800338417784e-01  // 0x3FCA7E28 4A454EEF
    let p1 = 1.66666666666666019037e-01  // 0x3FC55555 5555553E
    let p2 = -2.77777777770155933842e-03  // 0xBF66C16C 16BEBD93
    let p3 = 6.61375632143793436117e-05  // 0x3F11566A AF25DE2C
    let p4 = -1.65339022054652515390e-06  // 0xBEBBBD41 C5D26BF1
    let p5 = 4.13813679705723846039e-08  // 0x3E663769 72BEA4D0
    let lg2 = 6.93147180559945286227e-01  // 0x3FE62E42 FEFA39EF
    let lg2H = 6.93147182464599609375e-01  // 0x3FE62E43 00000000
    let lg2L = -1.90465429995776804525e-09  // 0xBE205C61 0CA86C39
    let ovt = 8.0085662595372944372e-17  // -(1024 - log2(overflow threshold + 0.5 ulp))
    let cp = 9.61796693925975554329e-01  // 0x3FEEC709 DC3A03FD: 2/(3 ln2)
    let cpH = 9.61796700954437255859e-01  // 0x3FEEC709 E0000000: (float)cp
    let cpL = -7.02846165095275826516e-09  // 0xBE3E2FE0 145B01F5: tail of cpH
    let ivln2 = 1.44269504088896338700e+00  // 0x3FF71547 652B82FE: 1/ln2
    let ivln2H = 1.44269502162933349609e+00  // 0x3FF71547 60000000: 24-bit head
    let ivln2L = 1.92596299112661746887e-08  // 0x3E54AE0B F85DDF44: tail

    let hx = Int32(bitPattern: highWord(x)), lx = lowWord(x)
    let hy = Int32(bitPattern: highWord(y)), ly = lowWord(y)
    var ix = hx & 0x7FFF_FFFF
    let iy = hy & 0x7FFF_FFFF

    if iy == 0 && ly == 0 { return 1 }  // x^±0 = 1, even for NaN x
    if x == 1 { return 1 }  // 1^y = 1, even for NaN y
    if x.isNaN || y.isNaN { return x + y }

    // yIsInteger: 0 = not an integer, 1 = odd integer, 2 = even integer (only needed for x < 0).
    var yIsInteger: Int32 = 0
    if hx < 0 {
      if iy >= 0x4340_0000 {
        yIsInteger = 2  // |y| >= 2^53: even
      } else if iy >= 0x3FF0_0000 {
        let k = (iy >> 20) - 0x3FF  // unbiased exponent, 0...52
        if k > 20 {
          let j = ly >> UInt32(52 - k)
          if j << UInt32(52 - k) == ly { yIsInteger = 2 - Int32(j & 1) }
        } else if ly == 0 {
          let j = iy >> (20 - k)
          if j << (20 - k) == iy { yIsInteger = 2 - (j & 1) }
        }
      }
    }

    // Special values of y.
    if ly == 0 {
      if iy == 0x7FF0_0000 {  // y = ±inf
        if ix == 0x3FF0_0000 && lx == 0 { return 1 }  // (-1)^±inf
        if ix >= 0x3FF0_0000 { return hy >= 0 ? y : 0 }  // |x| > 1
        return hy < 0 ? -y : 0  // |x| < 1
      }
      if iy == 0x3FF0_0000 { return hy < 0 ? 1 / x : x }  // y = ±1
      if hy == 0x4000_0000 { return x * x }  // y = 2
      if hy == 0x3FE0_0000 && hx >= 0 { return x.squareRoot() }  // y = 0.5, x >= +0
    }

    let ax = x.magnitude
    // Special values of x: ±0, ±inf, ±1.
    if lx == 0 && (ix == 0x7FF0_0000 || ix == 0 || ix == 0x3FF0_0000) {
      var z = ax
      if hy < 0 { z = 1 / z }
      if hx < 0 {
        if ix == 0x3FF0_0000 && yIsInteger == 0 {
          z = .nan  // (-1)^non-integer
        } else if yIsInteger == 1 {
          z = -z  // (x < 0)^odd = -(|x|^odd)
        }
      }
      return z
    }

    if hx < 0 && yIsInteger == 0 { return .nan }  // (x < 0)^non-integer
    let sign: Double = hx < 0 && yIsInteger == 1 ? -1 : 1

    var t1: Double, t2: Double
    if iy > 0x41E0_0000 {  // |y| > 2^31
      if iy > 0x43F0_0000 {  // |y| > 2^64: overflows or underflows
        if ix <= 0x3FEF_FFFF { return hy < 0 ? .infinity : 0 }
        if ix >= 0x3FF0_0000 { return hy > 0 ? .infinity : 0 }
      }
      // Overflow or underflow unless x is within 2^-20 of 1.
      if ix < 0x3FEF_FFFF { return hy < 0 ? sign * .infinity : sign * 0 }
      if ix > 0x3FF0_0000 { return hy > 0 ? sign * .infinity : sign * 0 }
      // |1 - x| <= 2^-20: log(x) = t - t²/2 + t³/3 - t⁴/4.
      // fdlibm multiplies t by ivln2H directly, assuming t has 20 trailing zero bits; but t = x - 1
      // has up to 33 significant bits and ivln2H 24, so that product rounds, and pow(1 - 2^-21, 2^32)
      // came out hundreds of ulp wrong. Here t = tH + tL with tH's low word cleared (21 bits), so
      // u = ivln2H·tH is exact and the rounding moves into v, 2^-21 times smaller.
      let t = ax - 1  // exact
      let w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25))
      let tH = clearingLowWord(t)
      let u = ivln2H * tH
      let v = (t - tH) * ivln2H + t * ivln2L - w * ivln2
      t1 = clearingLowWord(u + v)
      t2 = v - (t1 - u)
    } else {
      var n: Int32 = 0
      var ax = ax
      if ix < 0x0010_0000 {  // subnormal x
        ax *= two53
        n -= 53
        ix = Int32(bitPattern: highWord(ax))
      }
      n += (ix >> 20) - 0x3FF
      let j = ix & 0x000F_FFFF
      ix = j | 0x3FF0_0000  // normalise ix
      var k: Int32 = 0
      if j <= 0x3988E {
        k = 0  // |x| < sqrt(3/2)
      } else if j < 0xBB67A {
        k = 1  // |x| < sqrt(3)
      } else {
        n += 1
        ix -= 0x0010_0000
      }
      ax = settingHighWord(ax, UInt32(bitPattern: ix))
      let b = k == 0 ? 1.0 : 1.5
      let dpH = k == 0 ? 0 : dpH1
      let dpL = k == 0 ? 0 : dpL1

      // ss = sH + sL = (x - b)/(x + b)
      var u = ax - b
      var v = 1 / (ax + b)
      let ss = u * v
      let sH = clearingLowWord(ss)
      // tH = x + b, head
      var tH = double(high: UInt32(bitPattern: ((ix >> 1) | 0x2000_0000) + 0x0008_0000 + (k << 18)), low: 0)
      var tL = ax - (tH - b)
      let sL = v * ((u - sH * tH) - sH * tL)
      // log(ax)
      var s2 = ss * ss
      var r = s2 * s2 * (l1 + s2 * (l2 + s2 * (l3 + s2 * (l4 + s2 * (l5 + s2 * l6)))))
      r += sL * (sH + ss)
      s2 = sH * sH
      tH = clearingLowWord(3 + s2 + r)
      tL = r - ((tH - 3) - s2)
      // u + v = ss·(1 + ...)
      u = sH * tH
      v = sL * tH + tL * ss
      // 2/(3 log2)·(ss + ...)
      let pH = clearingLowWord(u + v)
      let pL = v - (pH - u)
      let zH = cpH * pH  // cpH + cpL = 2/(3 log2)
      let zL = cpL * pH + pL * cp + dpL
      // log2(ax) = (ss + ...)·2/(3 log2) = n + dpH + zH + zL
      let t = Double(n)
      t1 = clearingLowWord(((zH + zL) + dpH) + t)
      t2 = zL - (((t1 - t) - dpH) - zH)
    }

    // (y1 + y2)·(t1 + t2), y1 = y's head.
    let y1 = clearingLowWord(y)
    let pL = (y - y1) * t1 + y * t2
    var pH = y1 * t1
    var z = pL + pH
    var j = Int32(bitPattern: highWord(z))
    let i = lowWord(z)
    if j >= 0x4090_0000 {  // z >= 1024
      if j != 0x4090_0000 || i != 0 { return sign * .infinity }  // z > 1024
      if pL + ovt > z - pH { return sign * .infinity }
    } else if j & 0x7FFF_FFFF >= 0x4090_CC00 {  // z <= -1075
      if UInt32(bitPattern: j) != 0xC090_CC00 || i != 0 { return sign * 0 }  // z < -1075
      if pL <= z - pH { return sign * 0 }
    }

    // 2^(pH + pL)
    let magnitudeWord = j & 0x7FFF_FFFF
    var k = (magnitudeWord >> 20) - 0x3FF
    var n: Int32 = 0
    if magnitudeWord > 0x3FE0_0000 {  // |z| > 0.5: n = [z + 0.5]
      n = j &+ (0x0010_0000 >> (k + 1))
      k = ((n & 0x7FFF_FFFF) >> 20) - 0x3FF  // new k for n
      let t = double(high: UInt32(bitPattern: n & ~(0x000F_FFFF >> k)), low: 0)
      n = ((n & 0x000F_FFFF) | 0x0010_0000) >> (20 - k)
      if j < 0 { n = -n }
      pH -= t
    }
    var t = clearingLowWord(pL + pH)
    let u = t * lg2H
    let v = (pL - (t - pH)) * lg2 + t * lg2L
    z = u + v
    let w = v - (z - u)
    t = z * z
    let t3 = z - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))))
    let r = (z * t3) / (t3 - 2) - (w + z * w)
    z = 1 - (r - z)
    j = Int32(bitPattern: highWord(z)) &+ (n << 20)
    if j >> 20 <= 0 {
      z = scaleByPowerOfTwo(z, Int(n))  // subnormal result
    } else {
      z = settingHighWord(z, UInt32(bitPattern: j))
    }
    return sign * z
  }
}
