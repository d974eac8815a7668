// Scalar references for the element-wise arithmetic kernels: add, subtract, multiply, divide.
//
// One IEEE operation per element, so every path (reference, SIMD, native, wasm) gives bit-identical
// results, NaN and infinity rules included (`1 / 0 == inf`, `0 / 0` is NaN, `inf - inf` is NaN).
// `result` may be the same memory as `x` or `y` (each element is read before it is written): the
// in-place forms of `Kernels` rely on that.

extension ReferenceKernels {

  /// `result[i] = x[i] + y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { ReferenceKernels.add(px, py, into: $0) }
  /// } }  // r == [4, 6]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func add(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == result.count, "add: length mismatch")
    for i in result.indices { result[i] = x[i] + y[i] }
  }


  /// `result[i] = x[i] - y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { ReferenceKernels.subtract(px, py, into: $0) }
  /// } }  // r == [-2, -2]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func subtract(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == result.count, "subtract: length mismatch")
    for i in result.indices { result[i] = x[i] - y[i] }
  }


  /// `result[i] = x[i] * y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [3, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { ReferenceKernels.multiply(px, py, into: $0) }
  /// } }  // r == [3, 8]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func multiply(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == result.count, "multiply: length mismatch")
    for i in result.indices { result[i] = x[i] * y[i] }
  }


  /// `result[i] = x[i] / y[i]` for every `i`.
  ///
  /// ```swift
  /// var r = [Float](repeating: 0, count: 2)
  /// let x: [Float] = [1, 2], y: [Float] = [4, 4]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   r.withUnsafeMutableBufferPointer { ReferenceKernels.divide(px, py, into: $0) }
  /// } }  // r == [0.25, 0.5]
  /// ```
  /// - Precondition: `x`, `y` and `result` have the same count.
  /// - Complexity: O(n).
  public static func divide(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == result.count, "divide: length mismatch")
    for i in result.indices { result[i] = x[i] / y[i] }
  }
}
