// PortableMath.erfc: fdlibm's s_erf.c (Sun, 1993) in Swift, over PortableMath.exp.
//
// erfc(x) = 1 - erf(x) = (2/sqrt(π))·∫_x^∞ e^(-t²) dt, by intervals of |x| (fdlibm's error bounds for
// the approximations in brackets):
// - |x| < 2^-56: 1 - x.
// - |x| < 0.84375: erf(x) = x + x·P(x²)/Q(x²) [2^-57.90]; erfc = 1 - erf(x) for x < 1/4, and
//   0.5 + ((0.5 - x) - x·P/Q) above, which keeps the subtraction exact.
// - |x| < 1.25: s = |x| - 1, erf(1 + s) = c + P1(s)/Q1(s) with c = 0.84506291151 rounded to float
//   [2^-59.06]; erfc = (1 - c) - P1/Q1 for x > 0, 1 + (c + P1/Q1) for x < 0.
// - |x| < 28: erfc(x) = exp(-z² - 0.5625)·exp((z - x)(z + x) + R/S)/x, where z is x with its low word
//   cleared (so z² is exact) and R/S approximates log(x·erfc(x)) + x² - 0.5625 in 1/x² (two rational
//   fits, below and above 1/0.35: [2^-62.57], [2^-61.52]); erfc(-x) = 2 - erfc(x), which is 2 - tiny
//   below -6.
// - x >= 28: erfc underflows to +0; x <= -28: 2.
// The two exponentials each add up to one ulp, so erfc is within a few ulp: at most 4 ulp from Glibc
// (PortableMath+ErfcTests.swift).

extension PortableMath {
  /// The complementary error function 1 - erf(x), within a few ulp; erfc(-inf) = 2, erfc(+inf) = +0.
  ///
  /// ```swift
  /// PortableMath.erfc(0)     // 1
  /// PortableMath.erfc(1)     // 0.15729920705028513
  /// PortableMath.erfc(26)    // 5.663192408856143e-296
  /// ```
  ///
  /// - Complexity: O(1).
  public static func erfc(_ x: Double) -> Double {
    let erx = 8.45062911510467529297e-01  // 0x3FEB0AC1 60000000
    // erf on [0, 0.84375]
    let pp0 = 1.28379167095512558561e-01  // 0x3FC06EBA 8214DB68
    let pp1 = -3.25042107247001499370e-01  // 0xBFD4CD7D 691CB913
    let pp2 = -2.84817495755985104766e-02  // 0xBF9D2A51 DBD7194F
    let pp3 = -5.77027029648944159157e-03  // 0xBF77A291 236668E4
    let pp4 = -2.37630166566501626084e-05  // 0xBEF8EAD6 120016AC
    let qq1 = 3.97917223959155352819e-01  // 0x3FD97779 CDDADC09
    let qq2 = 6.50222499887672944485e-02  // 0x3FB0A54C 5536CEBA
    let qq3 = 5.08130628187576562776e-03  // 0x3F74D022 C4D36B0F
    let qq4 = 1.32494738004321644526e-04  // 0x3F215DC9 221C1A10
    let qq5 = -3.96022827877536812320e-06  // 0xBED09C43 42A26120
    // erf on [0.84375, 1.25]
    let pa0 = -2.36211856075265944077e-03  // 0xBF6359B8 BEF77538
    let pa1 = 4.14856118683748331666e-01  // 0x3FDA8D00 AD92B34D
    let pa2 = -3.72207876035701323847e-01  // 0xBFD7D240 FBB8C3F1
    let pa3 = 3.18346619901161753674e-01  // 0x3FD45FCA 805120E4
    let pa4 = -1.10894694282396677476e-01  // 0xBFBC6398 3D3E28EC
    let pa5 = 3.54783043256182359371e-02  // 0x3FA22A36 599795EB
    let pa6 = -2.16637559486879084300e-03  // 0xBF61BF38 0A96073F
    let qa1 = 1.06420880400844228286e-01  // 0x3FBB3E66 18EEE323
    let qa2 = 5.40397917702171048937e-01  // 0x3FE14AF0 92EB6F33
    let qa3 = 7.18286544141962662868e-02  // 0x3FB2635C D99FE9A7
    let qa4 = 1.26171219808761642112e-01  // 0x3FC02660 E763351F
    let qa5 = 1.36370839120290507362e-02  // 0x3F8BEDC2 6B51DD1C
    let qa6 = 1.19844998467991074170e-02  // 0x3F888B54 5735151D

    let hx = Int32(bitPattern: highWord(x))
    let ix = hx & 0x7FFF_FFFF
    if ix >= 0x7FF0_0000 {  // NaN, ±inf
      if x.isNaN { return x }
      return hx < 0 ? 2 : 0
    }
    if ix < 0x3FEB_0000 {  // |x| < 0.84375
      if ix < 0x3C70_0000 { return 1 - x }  // |x| < 2^-56
      let z = x * x
      let r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)))
      let s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))))
      let y = r / s
      if hx < 0x3FD0_0000 { return 1 - (x + x * y) }  // x < 1/4
      return 0.5 - (x * y + (x - 0.5))
    }
    if ix < 0x3FF4_0000 {  // 0.84375 <= |x| < 1.25
      let s = x.magnitude - 1
      let p = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))))
      let q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))))
      if hx >= 0 { return (1 - erx) - p / q }
      return 1 + (erx + p / q)
    }
    if ix >= 0x403C_0000 { return hx > 0 ? 0 : 2 }  // |x| >= 28
    if hx < 0 && ix >= 0x4018_0000 { return 2 }  // x <= -6: 2 - tiny rounds to 2
    let a = x.magnitude
    let s = 1 / (a * a)
    let (r, q) = ix < 0x4006_DB6D ? erfcRationalBelow(s) : erfcRationalAbove(s)  // |x| < 1/0.35
    let z = clearingLowWord(a)
    let e = exp(-z * z - 0.5625) * exp((z - a) * (z + a) + r / q)
    return hx > 0 ? e / a : 2 - e / a
  }

  /// R1(s) and S1(s) of s_erf.c, for 1.25 <= |x| < 1/0.35 (s = 1/x²).
  static func erfcRationalBelow(_ s: Double) -> (Double, Double) {
    let ra0 = -9.86494403484714822705e-03  // 0xBF843412 600D6435
    let ra1 = -6.93858572707181764372e-01  // 0xBFE63416 E4BA7360
    let ra2 = -1.05586262253232909814e+01  // 0xC0251E04 41B0E726
    let ra3 = -6.23753324503260060396e+01  // 0xC04F300A E4CBA38D
    let ra4 = -1.62396669462573470355e+02  // 0xC0644CB1 84282266
    let ra5 = -1.84605092906711035994e+02  // 0xC067135C EBCCABB2
    let ra6 = -8.12874355063065934246e+01  // 0xC0545265 57E4D2F2
    let ra7 = -9.81432934416914548592e+00  // 0xC023A0EF C69AC25C
    let sa1 = 1.96512716674392571292e+01  // 0x4033A6B9 BD707687
    let sa2 = 1.37657754143519042600e+02  // 0x4061350C 526AE721
    let sa3 = 4.34565877475229228821e+02  // 0x407B290D D58A1A71
    let sa4 = 6.45387271733267880336e+02  // 0x40842B19 21EC2868
    let sa5 = 4.29008140027567833386e+02  // 0x407AD021 57700314
    let sa6 = 1.08635005541779435134e+02  // 0x405B28A3 EE48AE2C
    let sa7 = 6.57024977031928170135e+00  // 0x401A47EF 8E484A93
    let sa8 = -6.04244152148580987438e-02  // 0xBFAEEFF2 EE749A62
    let r = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))))
    let q = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))))
    return (r, q)
  }

  /// R2(s) and S2(s) of s_erf.c, for 1/0.35 <= |x| < 28 (s = 1/x²).
  static func erfcRationalAbove(_ s: Double) -> (Double, Double) {
    let rb0 = -9.86494292470009928597e-03  // 0xBF843412 39E86F4A
    let rb1 = -7.99283237680523006574e-01  // 0xBFE993BA 70C285DE
    let rb2 = -1.77579549177547519889e+01  // 0xC031C209 555F995A
    let rb3 = -1.60636384855821916062e+02  // 0xC064145D 43C5ED98
    let rb4 = -6.37566443368389627722e+02  // 0xC083EC88 1375F228
    let rb5 = -1.02509513161107724954e+03  // 0xC0900461 6A2E5992
    let rb6 = -4.83519191608651397019e+02  // 0xC07E384E 9BDC383F
    let sb1 = 3.03380607434824582924e+01  // 0x403E568B 261D5190
    let sb2 = 3.25792512996573918826e+02  // 0x40745CAE 221B9F0A
    let sb3 = 1.53672958608443695994e+03  // 0x409802EB 189D5118
    let sb4 = 3.19985821950859553908e+03  // 0x40A8FFB7 688C246A
    let sb5 = 2.55305040643316442583e+03  // 0x40A3F219 CEDF3BE6
    let sb6 = 4.74528541206955367215e+02  // 0x407DA874 E79FE763
    let sb7 = -2.24409524465858183362e+01  // 0xC03670E2 42712D62
    let r = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))))
    let q = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))))
    return (r, q)
  }
}
