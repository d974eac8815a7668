#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

/// Distance in Double ulps (of the larger magnitude), for accuracy statements about ScalarMath.
func doubleUlps(_ a: Double, _ b: Double) -> Double {
  if a == b || (a.isNaN && b.isNaN) { return 0 }
  return (a - b).magnitude / Swift.max(a.magnitude, b.magnitude).ulp
}

@Suite("ScalarMath against libm")
struct ScalarMathTests {
  @Test("exp within 2 Double ulps over the whole finite range")
  func exp() {
    var g = SplitMix64(seed: 71)
    var worst = 0.0
    for _ in 0..<50_000 {
      let x = Double.random(in: -708...709, using: &g)
      worst = Swift.max(worst, doubleUlps(ScalarMath.exp(x), Glibc.exp(x)))
    }
    #expect(worst <= 2, "max ulp \(worst)")
    #expect(ScalarMath.exp(0) == 1 && ScalarMath.exp(.infinity) == .infinity && ScalarMath.exp(-.infinity) == 0)
    #expect(ScalarMath.exp(.nan).isNaN && ScalarMath.exp(710) == .infinity && ScalarMath.exp(-746) == 0)
    // Subnormal results are within one subnormal step.
    #expect((ScalarMath.exp(-740) - Glibc.exp(-740)).magnitude <= Double.leastNonzeroMagnitude)
  }

  @Test("expm1 and tanh within 2 and 4 Double ulps; tanh odd and saturating")
  func expm1Tanh() {
    var g = SplitMix64(seed: 72)
    var worstE = 0.0, worstT = 0.0
    for _ in 0..<50_000 {
      let x = Double.random(in: -30...30, using: &g) * (Bool.random(using: &g) ? 1 : 1e-9)
      worstE = Swift.max(worstE, doubleUlps(ScalarMath.expm1(x), Glibc.expm1(x)))
      worstT = Swift.max(worstT, doubleUlps(ScalarMath.tanh(x), Glibc.tanh(x)))
    }
    #expect(worstE <= 2, "expm1 max ulp \(worstE)")
    #expect(worstT <= 4, "tanh max ulp \(worstT)")
    #expect(ScalarMath.tanh(.infinity) == 1 && ScalarMath.tanh(-.infinity) == -1 && ScalarMath.tanh(.nan).isNaN)
    #expect(ScalarMath.tanh(-0.0).sign == .minus && ScalarMath.tanh(1e-300) == 1e-300)
  }

  @Test("sin and cos, rounded to Float, within 1 Float ulp of libm for |x| < 2^28·π/2")
  func sinCos() {
    var g = SplitMix64(seed: 73)
    var worst = 0
    for k in 0..<60_000 {
      let limit: Float = k % 3 == 0 ? 10 : (k % 3 == 1 ? 1e5 : 4e8)
      let x = Double(Float.random(in: -limit...limit, using: &g))
      worst = Swift.max(worst, ulpDistance(Float(ScalarMath.sin(x)), Float(Glibc.sin(x))))
      worst = Swift.max(worst, ulpDistance(Float(ScalarMath.cos(x)), Float(Glibc.cos(x))))
    }
    #expect(worst <= 1, "max ulp \(worst)")
    #expect(ScalarMath.sin(.infinity).isNaN && ScalarMath.cos(-.infinity).isNaN && ScalarMath.sin(.nan).isNaN)
    #expect(ScalarMath.sin(-0.0).sign == .minus && ScalarMath.cos(0) == 1)
  }

  @Test("huge Float arguments are reduced exactly: within 1 Float ulp of libm up to Float.greatestFiniteMagnitude")
  func huge() {
    var g = SplitMix64(seed: 74)
    var worst = 0
    for _ in 0..<20_000 {
      let x = Double(Fixtures.logUniform(1, exponents: 28...127, seed: g.next())[0])
      worst = Swift.max(worst, ulpDistance(Float(ScalarMath.sin(x)), Float(Glibc.sin(x))))
      worst = Swift.max(worst, ulpDistance(Float(ScalarMath.cos(x)), Float(Glibc.cos(x))))
    }
    #expect(worst <= 1, "max ulp \(worst)")
    for x in [1e300, -1.7e308, 0x1p60, -0x1p60] {
      #expect((ScalarMath.sin(x) - Glibc.sin(x)).magnitude < 1e-9)
      #expect((ScalarMath.cos(x) - Glibc.cos(x)).magnitude < 1e-9)
    }
  }
}
