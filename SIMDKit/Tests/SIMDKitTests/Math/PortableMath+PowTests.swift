#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

// Measured: pow is at most 1 ulp from Glibc 2.36 (whose pow is within 0.52 ulp) on random pairs over
// the whole plane, near overflow and underflow (including subnormal results), near 1 with huge y, and
// bit for bit on every pair of special values.

@Suite("PortableMath.pow against libm")
struct PortableMathPowTests {
  @Test("every pair of special values, bit for bit (NaN for NaN)")
  func specialPairs() {
    let extra: [Double] = [0.25, -0.25, 4, 1.5, 7, -7, 0x1p31 + 1, -0x1p31 - 1, 0x1p64 + 0x1p12, 0x1p20 + 1,
      1 + 0x1p-30, 1 - 0x1p-30, -(1 + 0x1p-30), 1 + 0x1p-21, 1 - 0x1p-21, 0x1p52 + 1, -0x1p52 - 1, 1e6 + 1]
    let values = specialDoubles + extra
    for x in values {
      for y in values {
        let ours = PortableMath.pow(x, y), libm = Glibc.pow(x, y)
        #expect(ulpsApart(ours, libm) <= 1, "pow(\(x), \(y)) = \(ours), libm \(libm)")
        if libm.isInfinite || libm == 0 || libm.isNaN {
          #expect(ours.bitPattern == libm.bitPattern || (ours.isNaN && libm.isNaN), "pow(\(x), \(y))")
        }
      }
    }
  }

  @Test("within 1 ulp on random pairs, near overflow and underflow, and near 1 with huge exponents")
  func sweeps() {
    var report = UlpReport()
    var g = SplitMix64(seed: 41)
    func record(_ x: Double, _ y: Double) {
      let ours = PortableMath.pow(x, y), libm = Glibc.pow(x, y)
      report.count += 1
      let d = ulpsApart(ours, libm)
      if d > report.worst { (report.worst, report.at) = (d, x) }
      if d > 1 { Issue.record("pow(\(x), \(y)) = \(ours), libm \(libm): \(d) ulp") }
    }
    let xs = bitPatternSweep(600_000, from: -.infinity, to: .infinity, seed: 42)
    let ys = bitPatternSweep(600_000, from: -.infinity, to: .infinity, seed: 43).shuffled(using: &g)
    for (x, y) in zip(xs, ys) { record(x, y) }
    for _ in 0..<400_000 {
      record(Double.random(in: 0...100, using: &g), Double.random(in: -160...160, using: &g))
    }
    for _ in 0..<300_000 {  // y·log2(x) near 1024 (overflow) and -1022...-1075 (subnormal results)
      let x = Double.random(in: 0.5...2, using: &g)
      let target = [1024.0, -1022, -1050, -1075].randomElement(using: &g)!
      record(x, target / Glibc.log2(x) * Double.random(in: 0.995...1.005, using: &g))
    }
    for _ in 0..<200_000 {  // negative bases with integer exponents
      let x = -Double.random(in: 0...3, using: &g)
      record(x, Double(Int.random(in: -800...800, using: &g)))
    }
    for _ in 0..<200_000 {  // |1 - x| <= 2^-20 with |y| > 2^31, and subnormal bases
      let x = 1 + Double.random(in: -0x1p-20...0x1p-20, using: &g)
      record(x, Double.random(in: 0x1p31...0x1p40, using: &g) * (Bool.random(using: &g) ? 1 : -1))
      let tiny = Double(bitPattern: g.next() & 0x000F_FFFF_FFFF_FFFF)
      record(tiny, Double.random(in: -1.2...1.2, using: &g))
    }
    #expect(report.worst <= 1, "pow: max \(report.worst) ulp (x = \(report.at)) over \(report.count) pairs")
  }

  @Test("exact cases")
  func exact() {
    #expect(PortableMath.pow(2, 10) == 1024 && PortableMath.pow(3, 20) == 3_486_784_401)
    #expect(PortableMath.pow(-2, 3) == -8 && PortableMath.pow(-8, 1.0 / 3).isNaN)
    #expect(PortableMath.pow(.nan, 0) == 1 && PortableMath.pow(1, .nan) == 1 && PortableMath.pow(-1, .infinity) == 1)
    #expect(PortableMath.pow(-0.0, -3) == -.infinity && PortableMath.pow(-0.0, 3).sign == .minus)
    #expect(PortableMath.pow(2, -1074) == .leastNonzeroMagnitude && PortableMath.pow(2, 1024) == .infinity)
    #expect(PortableMath.pow(16, 0.5) == 4 && PortableMath.pow(-.infinity, -1).sign == .minus)
  }
}
