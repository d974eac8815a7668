// Vectorised reductions: sum, minimum, maximum, argmax.
//
// Reductions are latency-bound, so every one keeps four independent vector accumulators
// (4 x 8 floats natively, 4 x 4 on wasm32), folds them pairwise, then reduces the lanes, then adds the
// scalar tail. The NaN rules of the table in Reductions+Reference.swift hold on this path too:
// - sum: IEEE addition propagates NaN by itself; only the order (and so the rounding) differs from the
//   reference, within 2 (n + 1) eps sum|x_i|.
// - min/max: the lane-wise select `b < a ? b : a` never takes a NaN, so NaNs are tracked separately in a
//   mask (`v .!= v`), OR-ed across the whole input; any set lane makes the result NaN. The extreme value
//   itself is exact (no rounding), so min/max equal the reference's (up to the sign of a zero).
// - argmax: two passes. The first finds the maximum (or learns there is a NaN); the second finds the first
//   index holding it (or the first NaN), one vector compare per step, stopping at the first hit. Both passes
//   read memory sequentially; the second usually stops early.

extension SIMDKernels {
  /// The sum of `x` with four vector accumulators. `0` for an empty vector; NaN if any element is NaN.
  ///
  /// ```swift
  /// let s = [Float](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { SIMDKernels.sum($0) }  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
    vectorSum(x, FloatVector.self)
  }

  /// The sum of a Double vector with four vector accumulators.
  ///
  /// ```swift
  /// let s = [Double](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { SIMDKernels.sum($0) }  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
    vectorSum(x, DoubleVector.self)
  }

  /// The smallest element; NaN if any element is NaN; `nil` for an empty vector.
  ///
  /// ```swift
  /// let m = [Float](arrayLiteral: 3, -1, 2).withUnsafeBufferPointer { SIMDKernels.min($0) }  // -1
  /// ```
  /// - Complexity: O(n).
  public static func min(_ x: UnsafeBufferPointer<Float>) -> Float? {
    extreme(x, smallest: true)
  }

  /// The largest element; NaN if any element is NaN; `nil` for an empty vector.
  ///
  /// ```swift
  /// let m = [Float](arrayLiteral: 3, -1, 2).withUnsafeBufferPointer { SIMDKernels.max($0) }  // 3
  /// ```
  /// - Complexity: O(n).
  public static func max(_ x: UnsafeBufferPointer<Float>) -> Float? {
    extreme(x, smallest: false)
  }

  /// The index of the first maximum, or of the first NaN if there is one; `nil` for an empty vector.
  ///
  /// ```swift
  /// let i = [Float](arrayLiteral: 1, 5, 5).withUnsafeBufferPointer { SIMDKernels.argmax($0) }  // 1
  /// ```
  /// - Complexity: O(n): one full pass, then a second that stops at the answer.
  public static func argmax(_ x: UnsafeBufferPointer<Float>) -> Int? {
    guard let m = extreme(x, smallest: false), let p = x.baseAddress else { return nil }
    let n = x.count
    let w = FloatVector.scalarCount
    var i = 0
    if m.isNaN {
      while i + w <= n {
        let v = Lanes.load(p, i, as: FloatVector.self)
        if Lanes.any(v .!= v) { break }
        i += w
      }
      while !p[i].isNaN { i += 1 }
      return i
    }
    let target = FloatVector(repeating: m)
    while i + w <= n {
      if Lanes.any(Lanes.load(p, i, as: FloatVector.self) .== target) { break }
      i += w
    }
    while p[i] != m { i += 1 }
    return i
  }

  @inline(__always)
  static func vectorSum<V: SIMD>(_ x: UnsafeBufferPointer<V.Scalar>, _: V.Type) -> V.Scalar
  where V.Scalar: BinaryFloatingPoint {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return 0 }
    let w = V.scalarCount
    var a0 = V(), a1 = V(), a2 = V(), a3 = V()
    var i = 0
    while i + 4 * w <= n {
      a0 += Lanes.load(p, i, as: V.self)
      a1 += Lanes.load(p, i + w, as: V.self)
      a2 += Lanes.load(p, i + 2 * w, as: V.self)
      a3 += Lanes.load(p, i + 3 * w, as: V.self)
      i += 4 * w
    }
    while i + w <= n {
      a0 += Lanes.load(p, i, as: V.self)
      i += w
    }
    var s = ((a0 + a1) + (a2 + a3)).sum()
    while i < n {
      s += p[i]
      i += 1
    }
    return s
  }

  /// Minimum (`smallest`) or maximum of `x` under the NaN rule; `nil` when empty.
  @inline(__always)
  static func extreme(_ x: UnsafeBufferPointer<Float>, smallest: Bool) -> Float? {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return nil }
    let w = FloatVector.scalarCount
    var m = p[0]
    var nan = SIMDMask<IntVector>()
    var i = 0
    if n >= 4 * w {
      var a0 = FloatVector(repeating: m), a1 = a0, a2 = a0, a3 = a0
      while i + 4 * w <= n {
        let v0 = Lanes.load(p, i, as: FloatVector.self)
        let v1 = Lanes.load(p, i + w, as: FloatVector.self)
        let v2 = Lanes.load(p, i + 2 * w, as: FloatVector.self)
        let v3 = Lanes.load(p, i + 3 * w, as: FloatVector.self)
        nan = nan .| (v0 .!= v0) .| (v1 .!= v1) .| (v2 .!= v2) .| (v3 .!= v3)
        if smallest {
          a0 = Lanes.min(a0, v0); a1 = Lanes.min(a1, v1); a2 = Lanes.min(a2, v2); a3 = Lanes.min(a3, v3)
        } else {
          a0 = Lanes.max(a0, v0); a1 = Lanes.max(a1, v1); a2 = Lanes.max(a2, v2); a3 = Lanes.max(a3, v3)
        }
        i += 4 * w
      }
      while i + w <= n {
        let v = Lanes.load(p, i, as: FloatVector.self)
        nan = nan .| (v .!= v)
        a0 = smallest ? Lanes.min(a0, v) : Lanes.max(a0, v)
        i += w
      }
      let a = smallest ? Lanes.min(Lanes.min(a0, a1), Lanes.min(a2, a3)) : Lanes.max(Lanes.max(a0, a1), Lanes.max(a2, a3))
      for lane in 0..<w { m = smallest ? (a[lane] < m ? a[lane] : m) : (a[lane] > m ? a[lane] : m) }
      if Lanes.any(nan) { return .nan }
    }
    while i < n {
      let v = p[i]
      if v.isNaN { return .nan }
      m = smallest ? (v < m ? v : m) : (v > m ? v : m)
      i += 1
    }
    return m
  }
}
