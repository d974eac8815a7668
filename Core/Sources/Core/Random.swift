// Seedable randomness of our own: SplitMix64 expands a seed, xoshiro256** generates.
//
// The stdlib's SystemRandomNumberGenerator is neither seedable nor available in Embedded Swift, and
// the stdlib's `random(in:using:)` algorithms may change between releases. These two generators are
// specified bit for bit (Steele, Lea & Flood 2014; Blackman & Vigna 2018), use only 64-bit adds,
// shifts, rotations and multiplies, and so give the same stream on x86-64 and wasm32.

/// SplitMix64, used to expand one 64-bit seed into a xoshiro state.
///
/// ```swift
/// var s = SplitMix64(seed: 0)
/// #expect(s.next() == 0xE220A8397B1DCDAF)
/// ```
public struct SplitMix64: Sendable {
  /// The current state.
  public var state: UInt64
  /// A generator starting at `seed`.
  public init(seed: UInt64) { state = seed }
  /// The next 64 random bits.
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256**, the swarm's random number generator.
///
/// ```swift
/// var r = Xoshiro256(seed: 42)
/// let i = r.next(below: 10)
/// #expect(i >= 0 && i < 10)
/// ```
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  private var s0, s1, s2, s3: UInt64

  /// A generator whose state is expanded from `seed` with SplitMix64.
  public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    s0 = sm.next()
    s1 = sm.next()
    s2 = sm.next()
    s3 = sm.next()
  }

  /// The next 64 random bits.
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A number in `0..<bound` (`bound` ≥ 1), from the top 32 bits by multiply-shift (Lemire), which
  /// needs no 128-bit arithmetic; the bias is below 2⁻³² · bound.
  /// - Complexity: O(1).
  public mutating func next(below bound: Int) -> Int {
    let r = next() >> 32
    return Int((r &* UInt64(UInt32(truncatingIfNeeded: bound))) >> 32)
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
