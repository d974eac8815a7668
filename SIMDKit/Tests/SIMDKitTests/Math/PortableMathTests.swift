#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

/// Distance between two Doubles in units in the last place, counted as the number of representable
/// Doubles between them (so subnormals, zero crossings and the largest finite value are handled
/// exactly). Two NaNs are 0 apart; a NaN and a number are `.max` apart; +0 and -0 are 0 apart.
func ulpsApart(_ a: Double, _ b: Double) -> UInt64 {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
  func ordinal(_ x: Double) -> Int64 {
    let bits = Int64(bitPattern: x.bitPattern)
    return bits < 0 ? Int64.min &- bits : bits
  }
  return (ordinal(a) &- ordinal(b)).magnitude
}

/// The worst ulp distance between `f` and the libm reference `reference` over `arguments`, and where.
struct UlpReport {
  var worst: UInt64 = 0
  var at = 0.0
  var count = 0

  mutating func record(_ x: Double, _ ours: Double, _ libm: Double) {
    count += 1
    let d = ulpsApart(ours, libm)
    if d > worst { (worst, at) = (d, x) }
  }
}

/// `n` Doubles whose bit patterns stride evenly through [lowest, highest] (every binade, subnormals and
/// both signs when the range spans them), each jittered in its low bits by a seeded generator.
func bitPatternSweep(_ n: Int, from lowest: Double, to highest: Double, seed: UInt64) -> [Double] {
  var g = SplitMix64(seed: seed)
  func ordinal(_ x: Double) -> Int64 {
    let bits = Int64(bitPattern: x.bitPattern)
    return bits < 0 ? Int64.min &- bits : bits
  }
  func double(_ o: Int64) -> Double {
    Double(bitPattern: UInt64(bitPattern: o < 0 ? Int64.min &- o : o))
  }
  let lo = ordinal(lowest), hi = ordinal(highest)
  let step = UInt64(bitPattern: hi &- lo) / UInt64(n)  // the span may exceed Int64.max
  return (0..<UInt64(n)).map { i in
    let offset = i &* step &+ UInt64.random(in: 0...Swift.max(1, step) - 1, using: &g)
    return double(lo &+ Int64(bitPattern: offset))
  }
}

/// Special inputs every function is checked at, bit for bit against libm.
let specialDoubles: [Double] = [
  0, -0.0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, .infinity, -.infinity, .nan, -Double.nan,
  .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude,
  0x1p-1030, -0x1p-1030, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .pi, -.pi, .pi / 2, -.pi / 2,
  .pi / 4, 1e-300, 1e300, 0x1p-28, 0x1p-56, 0x1p52, 0x1p53, 0x1p63, 0x1p64, 0x1p1023, 709.782712893384, -745.1332191019412,
  708.4, -708.4, 0.84375, 1.25, 2.857142857142857, 6, -6, 28, -28, 27.9, 1e-20, 123.456, -987.654,
]

@Suite("PortableMath: bit access and scaling")
struct PortableMathTests {
  @Test("words split and rebuild a Double")
  func words() {
    let x = -0x1.23456789ABCDEp-300
    #expect(PortableMath.double(high: PortableMath.highWord(x), low: PortableMath.lowWord(x)) == x)
    #expect(PortableMath.highWord(1) == 0x3FF0_0000 && PortableMath.lowWord(1) == 0)
    #expect(PortableMath.settingHighWord(1, 0x4000_0000) == 2)
    #expect(PortableMath.clearingLowWord(1 + 0x1p-52) == 1)
    #expect(PortableMath.clearingLowWord(1 + 0x1p-20) == 1 + 0x1p-20)
  }

  @Test("scaleByPowerOfTwo equals scalbn, rounding subnormal results once")
  func scaling() {
    var g = SplitMix64(seed: 901)
    for _ in 0..<200_000 {
      let x = Double(bitPattern: g.next() & 0x7FFF_FFFF_FFFF_FFFF)
      guard x.isFinite else { continue }
      let n = Int.random(in: -2300...2300, using: &g)
      let ours = PortableMath.scaleByPowerOfTwo(x, n), libm = scalbn(x, Int32(n))
      #expect(ours.bitPattern == libm.bitPattern, "scalbn(\(x), \(n))")
    }
    #expect(PortableMath.scaleByPowerOfTwo(1.5, -1074) == 2 * .leastNonzeroMagnitude)
    #expect(PortableMath.scaleByPowerOfTwo(1, 3000) == .infinity)
    #expect(PortableMath.scaleByPowerOfTwo(1, -3000) == 0)
    #expect(PortableMath.scaleByPowerOfTwo(.leastNonzeroMagnitude, 2097) == 0x1p1023)
  }

  @Test("ulpsApart counts representable Doubles")
  func ulpMeasure() {
    #expect(ulpsApart(1, 1.0.nextUp) == 1 && ulpsApart(0, -0.0) == 0)
    #expect(ulpsApart(.leastNonzeroMagnitude, -.leastNonzeroMagnitude) == 2)
    #expect(ulpsApart(.nan, .nan) == 0 && ulpsApart(.nan, 1) == .max)
    #expect(ulpsApart(.greatestFiniteMagnitude, .infinity) == 1)
    let sweep = bitPatternSweep(1000, from: -.infinity, to: .infinity, seed: 1)
    #expect(sweep.count == 1000 && sweep.first! < -1e300 && sweep.last! > 1e300)
    #expect(sweep.contains { $0.isSubnormal })
  }
}
