#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

// Measured: erfc is at most 4 ulp from Glibc 2.36, whose erfc is the same fdlibm algorithm with its
// polynomials regrouped and over a different exp; the largest differences are just below x = 1.25
// (where (1 - c) - P/Q cancels one bit) and in 1.25 <= x < 28 (a product of two exponentials).
// Below |x| = 0.84375 they are at most 2 ulp apart.

@Suite("PortableMath.erfc against libm")
struct PortableMathErfcTests {
  @Test("erfc within 4 ulp over the whole line, within 2 ulp for |x| < 0.84375")
  func sweep() {
    var far = UlpReport(), near = UlpReport()
    func record(_ x: Double) {
      if x.magnitude < 0.84375 {
        near.record(x, PortableMath.erfc(x), Glibc.erfc(x))
      } else {
        far.record(x, PortableMath.erfc(x), Glibc.erfc(x))
      }
    }
    for x in bitPatternSweep(1_000_000, from: -.infinity, to: .infinity, seed: 51) { record(x) }
    var g = SplitMix64(seed: 52)
    for _ in 0..<1_000_000 { record(Double.random(in: -6.5...28.5, using: &g)) }
    for x in specialDoubles { record(x) }
    #expect(near.worst <= 2, "erfc, |x| < 0.84375: max \(near.worst) ulp at \(near.at) over \(near.count)")
    #expect(far.worst <= 4, "erfc, |x| >= 0.84375: max \(far.worst) ulp at \(far.at) over \(far.count)")
  }

  @Test("special values")
  func specials() {
    #expect(PortableMath.erfc(0) == 1 && PortableMath.erfc(-0.0) == 1)
    #expect(PortableMath.erfc(.infinity) == 0 && PortableMath.erfc(-.infinity) == 2 && PortableMath.erfc(.nan).isNaN)
    #expect(PortableMath.erfc(30) == 0 && PortableMath.erfc(-30) == 2 && PortableMath.erfc(-7) == 2)
    #expect(PortableMath.erfc(1e-300) == 1)
  }
}
