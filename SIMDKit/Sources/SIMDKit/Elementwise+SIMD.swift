// Vectorised element-wise arithmetic: add, subtract, multiply, divide.
//
// One vector operation per `FloatVector` of elements, then a scalar tail. IEEE arithmetic is exactly
// rounded lane by lane, so these are bit-identical to the references. `result` may alias `x` or `y`.

extension SIMDKernels {

  /// `result[i] = x[i] + y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { SIMDKernels.add(px, py, into: $0) }
  /// } }  // r == [4, 6]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func add(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    vectorBinary(x, y, result, { $0 + $1 }, { $0 + $1 })
  }


  /// `result[i] = x[i] - y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { SIMDKernels.subtract(px, py, into: $0) }
  /// } }  // r == [-2, -2]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func subtract(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    vectorBinary(x, y, result, { $0 - $1 }, { $0 - $1 })
  }


  /// `result[i] = x[i] * y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { SIMDKernels.multiply(px, py, into: $0) }
  /// } }  // r == [3, 8]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func multiply(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    vectorBinary(x, y, result, { $0 * $1 }, { $0 * $1 })
  }


  /// `result[i] = x[i] / y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [4, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { SIMDKernels.divide(px, py, into: $0) }
  /// } }  // r == [0.25, 0.5]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func divide(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    vectorBinary(x, y, result, { $0 / $1 }, { $0 / $1 })
  }


  /// Applies `op` lane-wise to whole vectors and `scalarOp` to the tail.
  @inline(__always)
  static func vectorBinary(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>,
    _ op: (FloatVector, FloatVector) -> FloatVector, _ scalarOp: (Float, Float) -> Float
  ) {
    precondition(x.count == y.count && x.count == result.count, "element-wise: length mismatch")
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress, let pr = result.baseAddress else { return }
    let w = FloatVector.scalarCount
    var i = 0
    while i + w <= n {
      Lanes.store(op(Lanes.load(px, i), Lanes.load(py, i)), pr, i)
      i += w
    }
    while i < n {
      pr[i] = scalarOp(px[i], py[i])
      i += 1
    }
  }
}
