/// A small seedable pseudo-random generator (xoshiro128**, seeded through SplitMix64).
///
/// FANN uses the C library's `rand()`, whose sequence differs between platforms. `Neural` uses this
/// generator everywhere randomness is needed (weight initialisation, sparse wiring, shuffling,
/// SARPROP noise, cascade candidates), so a seed reproduces a run bit for bit on every platform,
/// wasm32 included: it uses only 32-bit integer operations.
///
/// ```swift
/// var a = NeuralRandom(seed: 42)
/// var b = NeuralRandom(seed: 42)
/// a.next() == b.next()          // true
/// let x = a.uniform(-0.1, 0.1)  // in [-0.1, 0.1)
/// ```
public struct NeuralRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt32, s1: UInt32, s2: UInt32, s3: UInt32

  /// Seeds the four state words from `seed` with SplitMix64 (never all zero).
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 1)
  /// ```
  public init(seed: UInt64) {
    var z = seed
    func splitmix(_ z: inout UInt64) -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    let a = splitmix(&z), b = splitmix(&z)
    s0 = UInt32(truncatingIfNeeded: a)
    s1 = UInt32(truncatingIfNeeded: a >> 32)
    s2 = UInt32(truncatingIfNeeded: b)
    s3 = UInt32(truncatingIfNeeded: b >> 32)
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
  }

  /// The next 32 random bits.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 7); _ = rng.next32()
  /// ```
  /// - Complexity: O(1).
  public mutating func next32() -> UInt32 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 25) &* 9
    let t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 11 | s3 >> 21
    return result
  }

  /// 64 random bits (two 32-bit draws), for `RandomNumberGenerator`.
  public mutating func next() -> UInt64 {
    UInt64(next32()) << 32 | UInt64(next32())
  }

  /// A Float uniformly distributed in [0, 1), with 24 random bits.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 3); let u = rng.unit()   // 0 <= u < 1
  /// ```
  public mutating func unit() -> Float {
    Float(next32() >> 8) * (1.0 / 16_777_216.0)
  }

  /// `min + (max − min)·u` with u in [0, 1): FANN's `fann_rand(min, max)`.
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 3); let w = rng.uniform(-0.1, 0.1)
  /// ```
  public mutating func uniform(_ min: Float, _ max: Float) -> Float {
    min + (max - min) * unit()
  }

  /// An integer uniformly distributed in 0..<n (n > 0), by rejection (no modulo bias).
  ///
  /// ```swift
  /// var rng = NeuralRandom(seed: 3); let i = rng.below(10)   // 0...9
  /// ```
  public mutating func below(_ n: Int) -> Int {
    precondition(n > 0, "below(_:) needs a positive bound")
    let bound = UInt32(truncatingIfNeeded: n)
    let limit = UInt32.max - UInt32.max % bound
    while true {
      let x = next32()
      if x < limit { return Int(x % bound) }
    }
  }
}
