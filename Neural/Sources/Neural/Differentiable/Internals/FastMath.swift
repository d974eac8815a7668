// Float transcendental functions for the differentiable kernels.
//
// Purpose: the activations of recurrent models (sigmoid, tanh) call exp hundreds of thousands of
// times per training step, so a round trip through libm's double `exp` costs more than the matmuls
// at small sizes. `FastMath.exp` is a pure-Swift Float exp (Cody–Waite range reduction plus a
// degree-6 minimax-style Taylor polynomial) that compiles the same natively and on wasm32.
//
// Invariants: relative error below 3e-7 on [-87, 88] (checked against libm's double exp in the
// tests); exp(x) = 0 below -103, +inf above 88.7; NaN propagates. `expClamped` (used by sigmoid
// and tanh in the hot loops) has no branches, so LLVM vectorises the loops that call it.
// The log-gamma and digamma functions (for the Student-t and negative-binomial likelihoods) are in
// Double: Lanczos (g = 7, n = 9) for lgamma, recurrence plus asymptotic series for digamma.

enum FastMath {
  /// e^x in Float.
  /// - Complexity: O(1).
  @inline(__always)
  static func exp(_ x: Float) -> Float {
    if !(x > -103) { return x.isNaN ? x : 0 }
    if x > 88.72 { return .infinity }
    // The subnormal tail, as a product of two normal results.
    if x < -87.3 { return expKernel(-87.3) * expKernel(x + 87.3) }
    return expKernel(x)
  }

  /// e^x for x in [-87.3, 88.72] (clamped there): branch-free, so loops over it vectorise.
  @inline(__always)
  static func expClamped(_ x: Float) -> Float {
    expKernel(Swift.min(Swift.max(x, -87.3), 88.72))
  }

  @inline(__always)
  static func expKernel(_ x: Float) -> Float {
    // n = round(x / ln 2) with the 1.5·2²³ trick: the low mantissa bits of t hold n, and no
    // trapping Float → Int conversion stands in the way of vectorisation.
    let t = x * 1.442_695_04 + 12_582_912
    let n = t - 12_582_912
    let ni = Int32(bitPattern: t.bitPattern &- 0x4B40_0000)
    // Cody–Waite: ln 2 split into a high part exact in Float and a low correction.
    let r = (x - n * 0.693_145_75) - n * 1.428_606_8e-6
    var p: Float = 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2^n by building the exponent bits; split in two so n = 128 stays representable.
    let h = ni &>> 1
    let s1 = Float(bitPattern: UInt32(bitPattern: (h &+ 127) &<< 23))
    let s2 = Float(bitPattern: UInt32(bitPattern: (ni &- h &+ 127) &<< 23))
    return p * s1 * s2
  }

  /// The logistic function 1 / (1 + e^−x) (branch-free; exact limits 0 and 1 at the tails).
  @inline(__always)
  static func sigmoid(_ x: Float) -> Float {
    1 / (1 + expClamped(-x))
  }

  /// tanh(x) = 1 − 2 / (e^{2x} + 1) on |x|, sign restored; the odd series near 0.
  @inline(__always)
  static func tanh(_ x: Float) -> Float {
    let ax = Swift.abs(x)
    let big = 1 - 2 / (expClamped(2 * ax) + 1)
    let t = ax < 0.0004 ? ax * (1 - ax * ax / 3) : big
    return x < 0 ? -t : t
  }

  /// log(1 + e^x), stable for large |x|.
  @inline(__always)
  static func softplus(_ x: Float) -> Float {
    if x > 20 { return x }
    if x < -20 { return exp(x) }
    return Float(cLog(1 + Double(exp(x))))
  }

  /// Natural log in Float (through libm's double log).
  @inline(__always)
  static func log(_ x: Float) -> Float { Float(cLog(Double(x))) }

  /// ln Γ(x) for x > 0 (Lanczos approximation, relative error ~1e-15).
  static func lgamma(_ x: Double) -> Double {
    if x < 0.5 {
      // Reflection: Γ(x)Γ(1−x) = π / sin(πx); for 0 < x < 0.5 sin(πx) > 0.
      return cLog(Double.pi / cSin(Double.pi * x)) - lgamma(1 - x)
    }
    let g: [Double] = [
      0.999_999_999_999_809_93, 676.520_368_121_885_1, -1259.139_216_722_402_8,
      771.323_428_777_653_13, -176.615_029_162_140_59, 12.507_343_278_686_905,
      -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7,
    ]
    let z = x - 1
    var a = g[0]
    let t = z + 7.5
    for i in 1..<9 { a += g[i] / (z + Double(i)) }
    return 0.918_938_533_204_672_74 + (z + 0.5) * cLog(t) - t + cLog(a)
  }

  /// ψ(x) = d/dx ln Γ(x) for x > 0 (recurrence up to x >= 6, then the asymptotic series).
  static func digamma(_ x: Double) -> Double {
    var x = x
    var result = 0.0
    while x < 6 {
      result -= 1 / x
      x += 1
    }
    let f = 1 / (x * x)
    let series = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 - f / 132))))
    return result + cLog(x) - 0.5 / x + series
  }
}
