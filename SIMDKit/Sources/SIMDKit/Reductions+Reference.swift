// Scalar references for the reductions: sum, minimum, maximum, argmax.
//
// Reductions and NaN
// ------------------
// IEEE 754 gives `+` a NaN rule for free: any NaN operand makes the sum NaN, and so does
// `+inf + -inf`. Comparisons have no such rule: `x < nan` is false, so a naive `min` loop silently
// skips NaNs, and whether it does depends on where the NaN sits. SIMDKit fixes one rule for every path:
//
// | kernel   | empty input            | any NaN in the input          | otherwise                          |
// |----------|------------------------|-------------------------------|------------------------------------|
// | sum      | 0                      | NaN                           | the sum (order: see each path)     |
// | min, max | throws `.empty`        | NaN                           | the extreme value                  |
// | argmax   | throws `.empty`        | index of the first NaN        | index of the first maximum         |
//
// Zeros: `-0` and `+0` compare equal, so `min`/`max` of a vector holding both may return either sign;
// `argmax` returns the first index whose value equals the maximum, so it is the same on every path.
// Infinities are ordinary values (`max([-inf, 1]) == 1`, `max([inf]) == inf`). Denormals are ordinary
// values too: no path flushes them to zero (neither SSE/AVX nor wasm simd128 does by default).

extension ReferenceKernels {
  /// The sum of `x`, left to right. `0` for an empty vector; NaN if any element is NaN.
  ///
  /// ```swift
  /// let s = [Float](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { ReferenceKernels.sum($0) }  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
    var s: Float = 0
    for v in x { s += v }
    return s
  }

  /// The sum of a Double vector, left to right.
  ///
  /// ```swift
  /// let s = [Double](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { ReferenceKernels.sum($0) }  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
    var s: Double = 0
    for v in x { s += v }
    return s
  }

  /// The smallest element; NaN if any element is NaN; `nil` for an empty vector.
  ///
  /// ```swift
  /// let m = [Float](arrayLiteral: 3, -1, 2).withUnsafeBufferPointer { ReferenceKernels.min($0) }  // -1
  /// ```
  /// - Complexity: O(n).
  public static func min(_ x: UnsafeBufferPointer<Float>) -> Float? {
    guard var m = x.first else { return nil }
    for v in x {
      if v.isNaN { return .nan }
      if v < m { m = v }
    }
    return m
  }

  /// The largest element; NaN if any element is NaN; `nil` for an empty vector.
  ///
  /// ```swift
  /// let m = [Float](arrayLiteral: 3, -1, 2).withUnsafeBufferPointer { ReferenceKernels.max($0) }  // 3
  /// ```
  /// - Complexity: O(n).
  public static func max(_ x: UnsafeBufferPointer<Float>) -> Float? {
    guard var m = x.first else { return nil }
    for v in x {
      if v.isNaN { return .nan }
      if v > m { m = v }
    }
    return m
  }

  /// The index of the first maximum, or of the first NaN if there is one; `nil` for an empty vector.
  ///
  /// ```swift
  /// let i = [Float](arrayLiteral: 1, 5, 5).withUnsafeBufferPointer { ReferenceKernels.argmax($0) }  // 1
  /// ```
  /// - Complexity: O(n).
  public static func argmax(_ x: UnsafeBufferPointer<Float>) -> Int? {
    guard var best = x.first else { return nil }
    var index = 0
    for i in x.indices {
      let v = x[i]
      if v.isNaN { return i }
      if v > best {
        best = v
        index = i
      }
    }
    return index
  }
}
