// Shared test helpers: a seeded generator, edge values, size sweeps and tolerance measures.
// (Not a test of a source file: support for all of them.)
@testable import SIMDKit

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, seeded, identical on every platform.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

enum Fixtures {
  /// Every size 0...33 (all tail lengths for widths 4 and 8, with 0-4 full blocks) plus two large ones.
  static let sizes: [Int] = Array(0...33) + [1000, 4099]

  /// Values every kernel must handle: signed zeros, ±1, infinities, NaN, denormals, extremes.
  static let edgeValues: [Float] = [
    0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    0x1p-133, -0x1p-133, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, -2.5,
  ]

  /// `n` uniform Floats in `range`, from a generator seeded by `seed`.
  static func uniform(_ n: Int, in range: ClosedRange<Float> = -1...1, seed: UInt64) -> [Float] {
    var g = SplitMix64(seed: seed &+ UInt64(n) &* 7919)
    return (0..<n).map { _ in Float.random(in: range, using: &g) }
  }

  /// `n` uniform Doubles in `range`.
  static func uniformDouble(_ n: Int, in range: ClosedRange<Double> = -1...1, seed: UInt64) -> [Double] {
    var g = SplitMix64(seed: seed &+ UInt64(n) &* 7919)
    return (0..<n).map { _ in Double.random(in: range, using: &g) }
  }

  /// Finite values spread over many binades (sign, exponent and significand all random).
  static func logUniform(_ n: Int, exponents: ClosedRange<Int>, seed: UInt64) -> [Float] {
    var g = SplitMix64(seed: seed)
    return (0..<n).map { _ in
      let e = Int.random(in: exponents, using: &g)
      let m = Float.random(in: 1..<2, using: &g)
      let s: Float = Bool.random(using: &g) ? 1 : -1
      return s * Float(sign: .plus, exponent: e, significand: m)
    }
  }

  /// `n` uniform values with the edge values sprinkled in at seeded positions.
  static func withEdges(_ n: Int, seed: UInt64) -> [Float] {
    var x = uniform(n, in: -4...4, seed: seed)
    var g = SplitMix64(seed: seed ^ 0xABCD)
    for v in edgeValues where n > 0 { x[Int.random(in: 0..<n, using: &g)] = v }
    return x
  }
}

/// Distance in units in the last place between two Floats; 0 when both are NaN, `Int.max` when only one is.
func ulpDistance(_ a: Float, _ b: Float) -> Int {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : Int.max }
  if a == b { return 0 }
  func ordered(_ v: Float) -> Int64 {
    let bits = Int64(Int32(bitPattern: v.bitPattern))
    return bits < 0 ? Int64(Int32.min) - bits : bits
  }
  return Int((ordered(a) - ordered(b)).magnitude)
}

/// True when `a` and `b` are equal or both NaN (signed zeros compare equal).
func sameValue(_ a: Float, _ b: Float) -> Bool { a == b || (a.isNaN && b.isNaN) }

/// True when `a` and `b` are the same bits or both NaN.
func identical(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

/// Higham's bound for a reordered float sum: 2 (n + 1) eps sum|t_i|, with the terms' magnitudes given.
func reorderingBound(_ magnitudes: [Double], epsilon: Double) -> Double {
  2 * Double(magnitudes.count + 1) * epsilon * magnitudes.reduce(0, +)
}
