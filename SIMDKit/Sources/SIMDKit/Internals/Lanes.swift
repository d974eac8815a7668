// Lanes: the one file that knows how wide a vector is on each platform.
//
// SIMDKit's fast paths are written once against the type aliases below and compile to
// - native x86-64: `SIMD8<Float>` = one AVX register with `-target-cpu x86-64-v3` (or newer), two SSE
//   registers on the baseline target; `SIMD4<Double>` likewise;
// - wasm32 with `-Xcc -msimd128`: `SIMD4<Float>` = one `v128` (`f32x4.*` instructions), `SIMD2<Double>`
//   = one `v128` (`f64x2.*`). Without `-msimd128` the same source is scalarised by LLVM, which is why the
//   scalar wasm variant builds with `-D SIMDKIT_SCALAR` and dispatches to `ReferenceKernels` instead.
//
// Only operations that lower to single vector instructions on both targets are used in hot loops:
// `+ - * /`, comparisons, `replacing(with:where:)` (a bit-select), `&` `|` `^` `&<<` on integer lanes and
// `unsafeBitCast` between same-sized float and integer vectors. Two stdlib conveniences are avoided on
// purpose because they scalarise on wasm32: `pointwiseMin`/`pointwiseMax` (generic lane loops) and
// float-to-integer vector conversions (trapping range checks per lane). Rounding to an integer is done
// with the "magic number" trick instead (see `roundedToIntegral(_:)`).

#if arch(wasm32)
/// The Float vector of the fast paths: one simd128 register on wasm32.
typealias FloatVector = SIMD4<Float>
/// Integer lanes matching `FloatVector` bit for bit.
typealias IntVector = SIMD4<Int32>
/// The Double vector of the fast paths: one simd128 register on wasm32.
typealias DoubleVector = SIMD2<Double>
#else
/// The Float vector of the fast paths: one AVX register (or two SSE registers) natively.
typealias FloatVector = SIMD8<Float>
/// Integer lanes matching `FloatVector` bit for bit.
typealias IntVector = SIMD8<Int32>
/// The Double vector of the fast paths: one AVX register (or two SSE registers) natively.
typealias DoubleVector = SIMD4<Double>
#endif

/// Loads, stores and lane tricks shared by every SIMD kernel.
enum Lanes {
  /// Loads `V.scalarCount` consecutive scalars starting at `p + i` (no alignment required).
  @inline(__always)
  static func load<V: SIMD>(_ p: UnsafePointer<V.Scalar>, _ i: Int, as _: V.Type = V.self) -> V {
    // Lane by lane on purpose: LLVM fuses these into one unaligned vector load (`movups`, `v128.load`).
    // `UnsafeRawPointer.loadUnaligned(as: V.self)` in this generic context lowers on wasm32 to two 64-bit
    // half loads plus integer shuffling per vector (measured: dot 8x slower).
    var v = V()
    for j in 0..<V.scalarCount { v[j] = p[i + j] }
    return v
  }

  /// Stores the lanes of `v` at `p + i ..< p + i + V.scalarCount` (no alignment required).
  @inline(__always)
  static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>, _ i: Int) {
    for j in 0..<V.scalarCount { p[i + j] = v[j] }  // fused into one vector store, as in `load`
  }

  /// The lanes of `v` reinterpreted as integers.
  @inline(__always)
  static func bits(_ v: FloatVector) -> IntVector { unsafeBitCast(v, to: IntVector.self) }

  /// Integer lanes reinterpreted as floats.
  @inline(__always)
  static func float(_ v: IntVector) -> FloatVector { unsafeBitCast(v, to: FloatVector.self) }

  /// `|v|` by clearing the sign bits.
  @inline(__always)
  static func abs(_ v: FloatVector) -> FloatVector { float(bits(v) & IntVector(repeating: 0x7FFF_FFFF)) }

  /// `v` rounded to the nearest integer (ties to even) for `|v| < 2^22`, as a float and as an integer.
  ///
  /// Adding 1.5 · 2^23 pushes the fraction bits out of the significand, so the float addition itself
  /// rounds to nearest-even; the integer then sits in the low significand bits.
  @inline(__always)
  static func roundedToIntegral(_ v: FloatVector) -> (value: FloatVector, integer: IntVector) {
    let magic = FloatVector(repeating: 12_582_912)  // 1.5 * 2^23
    let shifted = v + magic
    return (shifted - magic, bits(shifted) &- bits(magic))
  }

  /// `2^n` for integer lanes `-126 <= n <= 127`, built from the exponent field.
  @inline(__always)
  static func powerOfTwo(_ n: IntVector) -> FloatVector {
    float((n &+ 127) &<< 23)
  }

  /// Whether any lane of `m` is set. The standard library's `any(_:)` reduces the lanes one by one
  /// (four extracts and compares per call on wasm32); OR-ing the mask as 64-bit halves is two.
  @inline(__always)
  static func any(_ m: SIMDMask<IntVector>) -> Bool {
    #if arch(wasm32)
    let w = unsafeBitCast(m, to: SIMD2<UInt64>.self)
    return (w[0] | w[1]) != 0
    #else
    let w = unsafeBitCast(m, to: SIMD4<UInt64>.self)
    return ((w[0] | w[1]) | (w[2] | w[3])) != 0
    #endif
  }

  /// Lane-wise minimum: `b` where `b < a`, else `a` (NaN lanes of `b` are not taken).
  @inline(__always)
  static func min(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a.replacing(with: b, where: b .< a) }

  /// Lane-wise maximum: `b` where `b > a`, else `a` (NaN lanes of `b` are not taken).
  @inline(__always)
  static func max(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a.replacing(with: b, where: b .> a) }
}
