#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

// Measured: sin and cos are at most 1 ulp from Glibc 2.36 (which rounds them correctly in practice)
// over the whole finite range, including the Payne-Hanek range |x| >= 2^20·π/2 and the arguments
// closest to multiples of π/2.

/// The Double closest to a multiple of π/2 (Muller, "Elementary Functions", table 11.1): x - n·π/2 is
/// about 4.7e-19. Glibc 2.36 gets cos(x) 8 ulp wrong here; the correctly rounded values (mpmath at 3000
/// bits) are sin x = 1 and cos x = -0x1.14ae72e6ba22fp-61.
let closestToQuarterTurn = 6_381_956_970_095_103 * 0x1p797

/// Arguments where the reduction cancels: the Doubles nearest k·π/2 (and their neighbours) for many k.
func hardTrigonometricArguments() -> [Double] {
  var xs: [Double] = [0x1.921fb54442d18p0,
    0x1.921fb54442d18p1, 0x1.2d97c7f3321d2p2, 0x1.921fb54442d18p2, 0x1.f6a7a2955385ep2, 0x1p1023, -0x1p1023]
  for k in 1...40_000 {
    let x = Double(k) * (.pi / 2)
    xs += [x, x.nextUp, x.nextDown, -x]
  }
  var k = 1.0
  while k < 0x1p60 {  // large k: x·2/π lands near integers
    let x = k * (.pi / 2)
    xs += [x, x.nextUp, x.nextDown]
    k *= 1.37
  }
  return xs
}

@Suite("PortableMath.sin and cos against libm")
struct PortableMathTrigonometryTests {
  @Test("sin and cos within 1 ulp over every binade", arguments: [0, 1])
  func bitPatterns(which: Int) {
    func f(_ x: Double) -> Double { which == 0 ? PortableMath.sin(x) : PortableMath.cos(x) }
    func reference(_ x: Double) -> Double { which == 0 ? Glibc.sin(x) : Glibc.cos(x) }
    var report = UlpReport()
    for x in bitPatternSweep(1_000_000, from: -.infinity, to: .infinity, seed: 31 + UInt64(which)) {
      report.record(x, f(x), reference(x))
    }
    var g = SplitMix64(seed: 33 + UInt64(which))
    for _ in 0..<400_000 {  // the range of the three-step reduction
      let x = Double.random(in: -1.7e6...1.7e6, using: &g)
      report.record(x, f(x), reference(x))
    }
    for _ in 0..<300_000 {
      let x = Double.random(in: -8...8, using: &g)
      report.record(x, f(x), reference(x))
    }
    for x in hardTrigonometricArguments() + specialDoubles { report.record(x, f(x), reference(x)) }
    #expect(report.worst <= 1, "\(which == 0 ? "sin" : "cos"): max \(report.worst) ulp at \(report.at) over \(report.count) arguments")
  }

  @Test("the hardest argument reduction, against mpmath")
  func hardest() {
    #expect(PortableMath.cos(closestToQuarterTurn) == -0x1.14ae72e6ba22fp-61)
    #expect(PortableMath.cos(-closestToQuarterTurn) == -0x1.14ae72e6ba22fp-61)
    #expect(PortableMath.sin(closestToQuarterTurn) == 1 && PortableMath.sin(-closestToQuarterTurn) == -1)
  }

  @Test("special values")
  func specials() {
    #expect(PortableMath.sin(-0.0).sign == .minus && PortableMath.sin(0) == 0 && PortableMath.cos(-0.0) == 1)
    #expect(PortableMath.sin(.infinity).isNaN && PortableMath.cos(-.infinity).isNaN)
    #expect(PortableMath.sin(.nan).isNaN && PortableMath.cos(.nan).isNaN)
    #expect(PortableMath.sin(.leastNonzeroMagnitude) == .leastNonzeroMagnitude)
    #expect(ulpsApart(PortableMath.sin(1e300), Glibc.sin(1e300)) <= 1)
  }

  @Test("the huge-argument reduction agrees with the three-step one where both apply")
  func reductionsAgree() {
    var g = SplitMix64(seed: 35)
    for _ in 0..<20_000 {
      let x = Double.random(in: 1e3...1.6e6, using: &g) * (Bool.random(using: &g) ? 1 : -1)
      let (n, y0, y1) = PortableMath.reduceQuarterTurns(x)
      let (m, z0, z1) = PortableMath.reduceHuge(x)
      #expect(n & 3 == m, "quadrant of \(x)")
      #expect((y0 - z0).magnitude <= y0.ulp && (y0 + y1 - (z0 + z1)).magnitude <= 2 * y0.ulp, "remainder of \(x)")
    }
  }

  @Test("Dekker's product is exact")
  func exactProduct() {
    var g = SplitMix64(seed: 36)
    for _ in 0..<10_000 {
      let a = Double.random(in: -1e10...1e10, using: &g), b = Double.random(in: -4...4, using: &g)
      let (p, e) = PortableMath.exactProduct(a, b)
      #expect(p == a * b && e == fma(a, b, -p))
    }
  }
}
