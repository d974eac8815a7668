// PortableMath.sin and PortableMath.cos: fdlibm's kernels with an exact argument reduction.
//
// Reduction: x = n·π/2 + (y0 + y1), |y0 + y1| <= π/4 (about), y1 a correction below half an ulp of y0.
// - |x| <= π/4: no reduction.
// - |x| < 2^20·π/2 (fdlibm/musl `__rem_pio2`, "medium"): n = round(x·2/π); π/2 is split into three
//   33-bit pieces plus tails (pio2_1 + pio2_1t, ...), so n·pio2_k is exact for |n| < 2^20. The first
//   round is good to 85 bits; when cancellation has eaten more than 16 bits (the exponent of y0 is 16
//   below x's), a second round gives 118 bits, and a third 151, which covers every double.
// - larger |x| (Payne-Hanek, written here instead of fdlibm's `__kernel_rem_pio2`): |x| = m·2^e with m
//   the 53-bit integer significand, so x·2/π mod 4 needs only the bits of 2/π from position e - 2 on
//   (earlier bits contribute multiples of 4). m times the 192-bit window of 2/π starting there gives,
//   at bit 190 of the 256-bit product, the quadrant (2 bits) and 128 fraction bits; the bits of 2/π past
//   the window change the fraction by less than 2^-137. The closest a double comes to a multiple of π/2
//   is about 2^-61 (Muller, ch. 11), so the fraction keeps at least 66 significant bits. It becomes a
//   double-double (53 + ~53 bits) and is multiplied by π/2 (a double-double) with Dekker's exact product.
// Kernels (fdlibm k_sin.c, k_cos.c), on |x| <= π/4 with the tail y:
// - sin(x + y) ≈ x + (S1·x³ + (x²·(r·x³ - y/2) + y)), r = S2 + x²·(S3 + ...), |error| < 2^-58;
// - cos(x + y) ≈ w + ((1 - w - x²/2) + (x²·r - x·y)) with w = 1 - x²/2, |error| < 2^-58.
// The quadrant n mod 4 picks ±sin or ±cos. fdlibm's bound: < 1 ulp.

extension PortableMath {
  /// sin(x), within one ulp, for every finite x (huge arguments are reduced exactly); NaN for ±inf, NaN.
  ///
  /// ```swift
  /// PortableMath.sin(0.5)      // 0.479425538604203
  /// PortableMath.sin(1e300)    // -0.8178819121159085
  /// ```
  ///
  /// - Complexity: O(1).
  public static func sin(_ x: Double) -> Double {
    let ix = highWord(x) & 0x7FFF_FFFF
    if ix <= 0x3FE9_21FB {  // |x| ~<= π/4
      if ix < 0x3E50_0000 { return x }  // |x| < 2^-26: sin x = x to within half an ulp
      return sinKernel(x, 0, hasTail: false)
    }
    if ix >= 0x7FF0_0000 { return .nan }
    let (n, y0, y1) = reduceQuarterTurns(x)
    switch n & 3 {
    case 0: return sinKernel(y0, y1, hasTail: true)
    case 1: return cosKernel(y0, y1)
    case 2: return -sinKernel(y0, y1, hasTail: true)
    default: return -cosKernel(y0, y1)
    }
  }

  /// cos(x), within one ulp, for every finite x; NaN for ±inf, NaN.
  ///
  /// ```swift
  /// PortableMath.cos(0)     // 1
  /// PortableMath.cos(3)     // -0.9899924966004454
  /// ```
  ///
  /// - Complexity: O(1).
  public static func cos(_ x: Double) -> Double {
    let ix = highWord(x) & 0x7FFF_FFFF
    if ix <= 0x3FE9_21FB {  // |x| ~<= π/4
      if ix < 0x3E46_A09E { return 1 }  // |x| < 2^-27·sqrt(2): cos x rounds to 1
      return cosKernel(x, 0)
    }
    if ix >= 0x7FF0_0000 { return .nan }
    let (n, y0, y1) = reduceQuarterTurns(x)
    switch n & 3 {
    case 0: return cosKernel(y0, y1)
    case 1: return -sinKernel(y0, y1, hasTail: true)
    case 2: return -cosKernel(y0, y1)
    default: return sinKernel(y0, y1, hasTail: true)
    }
  }

  /// fdlibm `__kernel_sin`: sin(x + y) for |x| <= π/4, |y| below half an ulp of x.
  static func sinKernel(_ x: Double, _ y: Double, hasTail: Bool) -> Double {
    let s1 = -1.66666666666666324348e-01  // 0xBFC55555 55555549
    let s2 = 8.33333333332248946124e-03  // 0x3F811111 1110F8A6
    let s3 = -1.98412698298579493134e-04  // 0xBF2A01A0 19C161D5
    let s4 = 2.75573137070700676789e-06  // 0x3EC71DE3 57B1FE7D
    let s5 = -2.50507602534068634195e-08  // 0xBE5AE5E6 8A2B9CEB
    let s6 = 1.58969099521155010221e-10  // 0x3DE5D93A 5ACFD57C
    let z = x * x
    let w = z * z
    let r = s2 + z * (s3 + z * s4) + z * w * (s5 + z * s6)
    let v = z * x
    if !hasTail { return x + v * (s1 + z * r) }
    return x - ((z * (0.5 * y - v * r) - y) - v * s1)
  }

  /// fdlibm `__kernel_cos`: cos(x + y) for |x| <= π/4, |y| below half an ulp of x.
  static func cosKernel(_ x: Double, _ y: Double) -> Double {
    let c1 = 4.16666666666666019037e-02  // 0x3FA55555 5555554C
    let c2 = -1.38888888888741095749e-03  // 0xBF56C16C 16C15177
    let c3 = 2.48015872894767294178e-05  // 0x3EFA01A0 19CB1590
    let c4 = -2.75573143513906633035e-07  // 0xBE927E4F 809C52AD
    let c5 = 2.08757232129817482790e-09  // 0x3E21EE9E BDB4B1C4
    let c6 = -1.13596475577881948265e-11  // 0xBDA8FAE9 BE8838D4
    let z = x * x
    let w = z * z
    let r = z * (c1 + z * (c2 + z * c3)) + w * w * (c4 + z * (c5 + z * c6))
    let hz = 0.5 * z
    let v = 1 - hz
    return v + (((1 - v) - hz) + (z * r - x * y))
  }

  /// x = n·π/2 + y0 + y1 for finite |x| > π/4: returns (n, y0, y1); only n mod 4 is meaningful for huge x.
  ///
  /// - Complexity: O(1).
  static func reduceQuarterTurns(_ x: Double) -> (Int, Double, Double) {
    let invPio2 = 6.36619772367581382433e-01  // 0x3FE45F30 6DC9C883
    let pio2_1 = 1.57079632673412561417e+00  // 0x3FF921FB 54400000: first 33 bits of π/2
    let pio2_1t = 6.07710050650619224932e-11  // 0x3DD0B461 1A626331: π/2 - pio2_1
    let pio2_2 = 6.07710050630396597660e-11  // 0x3DD0B461 1A600000: second 33 bits
    let pio2_2t = 2.02226624879595063154e-21  // 0x3BA3198A 2E037073
    let pio2_3 = 2.02226624871116645580e-21  // 0x3BA3198A 2E000000: third 33 bits
    let pio2_3t = 8.47842766036889956997e-32  // 0x397B839A 252049C1
    let ix = highWord(x) & 0x7FFF_FFFF
    guard ix < 0x4139_21FB else { return reduceHuge(x) }  // |x| >= 2^20·π/2
    let fn = (x * invPio2 + 0x1.8p52) - 0x1.8p52  // round to nearest; |fn| < 2^20
    let n = Int(fn)
    var r = x - fn * pio2_1
    var w = fn * pio2_1t  // first round: 85 bits
    let exponent = Int(ix >> 20)
    var y0 = r - w
    if exponent - Int(highWord(y0) >> 20 & 0x7FF) > 16 {  // second round: 118 bits
      var t = r
      w = fn * pio2_2
      r = t - w
      w = fn * pio2_2t - ((t - r) - w)
      y0 = r - w
      if exponent - Int(highWord(y0) >> 20 & 0x7FF) > 49 {  // third round: 151 bits, every double
        t = r
        w = fn * pio2_3
        r = t - w
        w = fn * pio2_3t - ((t - r) - w)
        y0 = r - w
      }
    }
    return (n, y0, (r - y0) - w)
  }

  /// The exact Payne-Hanek reduction for finite |x| >= 2^20·π/2: (n mod 4, y0, y1).
  static func reduceHuge(_ x: Double) -> (Int, Double, Double) {
    let m = x.significandBitPattern | 1 << 52  // |x| = m·2^e (x is normal here)
    let e = Int(x.exponentBitPattern) - 1075
    let p = e - 2  // first bit of 2/π that matters
    let c0 = ScalarMath.twoOverPiWindow(p)
    let c1 = ScalarMath.twoOverPiWindow(p + 64)
    let c2 = ScalarMath.twoOverPiWindow(p + 128)
    // The low 192 bits of m·(c0:c1:c2); bit 190 has weight 1 (x·2/π = m·window·2^-190).
    let lo = m.multipliedFullWidth(by: c2)
    let mid = m.multipliedFullWidth(by: c1)
    let hi = m.multipliedFullWidth(by: c0)
    let w0 = lo.low
    let (w1, carry) = mid.low.addingReportingOverflow(lo.high)
    let w2 = hi.low &+ mid.high &+ (carry ? 1 : 0)
    var quadrant = Int(w2 >> 62)
    // The fraction as a 128-bit fixed-point number (bits 189...62 of the product).
    var fHigh = w2 << 2 | w1 >> 62
    var fLow = w1 << 2 | w0 >> 62
    var negative = false
    if fHigh >> 63 == 1 {  // fraction >= 1/2: take fraction - 1, one quadrant up
      quadrant += 1
      negative = true
      fLow = ~fLow &+ 1
      fHigh = ~fHigh &+ (fLow == 0 ? 1 : 0)
    }
    // Normalise, and split into a 53-bit head and the next bits. No double lies within 2^-62 quarter
    // turns of a multiple of π/2, so 0 < fHigh < 2^63 and the shift is at most 61 (Swift's shifts
    // saturate, so even the impossible cases could not trap).
    let shift = fHigh.leadingZeroBitCount
    fHigh = fHigh << UInt64(shift) | fLow >> UInt64(64 - shift)
    fLow <<= UInt64(shift)
    let scale = -64 - shift  // value = (fHigh·2^64 + fLow)·2^(scale - 64)
    let unit = Double(bitPattern: UInt64(1023 + scale) << 52)  // 2^scale >= 2^-125: normal
    let head = Double(fHigh & ~0x7FF) * unit  // exact: 53 bits
    let rest = Double(fHigh & 0x7FF) * unit + Double(fLow) * unit * 0x1p-64
    let fHead = head + rest
    let fTail = rest - (fHead - head)
    // (fHead + fTail)·π/2 with π/2 = pio2Hi + pio2Lo, the head product exact (Dekker).
    let pio2Hi = 1.57079632679489655800e+00  // 0x3FF921FB 54442D18
    let pio2Lo = 6.12323399573676603587e-17  // 0x3C91A626 33145C07
    let (product, error) = exactProduct(fHead, pio2Hi)
    let tail = error + (fHead * pio2Lo + fTail * pio2Hi)
    var y0 = product + tail
    var y1 = tail - (y0 - product)
    if negative {
      y0 = -y0
      y1 = -y1
    }
    if x < 0 {
      y0 = -y0
      y1 = -y1
      quadrant = -quadrant
    }
    return (quadrant & 3, y0, y1)
  }

  /// a·b = product + error exactly (Dekker 1971, Veltkamp's splitting; no fused multiply-add, which
  /// wasm32 lacks), for |a|, |b| < 2^995.
  static func exactProduct(_ a: Double, _ b: Double) -> (Double, Double) {
    let splitter = 134_217_729.0  // 2^27 + 1
    let ca = splitter * a, cb = splitter * b
    let aHigh = ca - (ca - a), bHigh = cb - (cb - b)
    let aLow = a - aHigh, bLow = b - bHigh
    let product = a * b
    let error = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow
    return (product, error)
  }
}
