// What SIMDKit's notebooks share (README.md and SIMDKit.docc/NN-*.md are compiled into this module).
import SIMDKit

/// Distance in units in the last place between two Floats; 0 when both are NaN.
///
/// ```swift
/// ulps(1, 1.0000001)  // 1
/// ```
func ulps(_ a: Float, _ b: Float) -> Int {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : Int.max }
  if a == b { return 0 }
  func ordered(_ v: Float) -> Int64 {
    let bits = Int64(Int32(bitPattern: v.bitPattern))
    return bits < 0 ? Int64(Int32.min) - bits : bits
  }
  return Int((ordered(a) - ordered(b)).magnitude)
}

/// The largest `ulps` distance between two equally long arrays.
func maxULPs(_ a: [Float], _ b: [Float]) -> Int {
  zip(a, b).map { ulps($0, $1) }.max() ?? 0
}

/// `n` deterministic pseudo-random Floats in [-1, 1) (a 64-bit LCG: the same on every platform).
func notebookData(_ n: Int, seed: UInt64 = 1) -> [Float] {
  var s = seed
  return (0..<n).map { _ in
    s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Float(s >> 40) / Float(1 << 23) - 1
  }
}
