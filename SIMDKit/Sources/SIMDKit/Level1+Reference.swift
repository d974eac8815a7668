// Scalar references for the BLAS level-1 kernels: dot, axpy, scal.
//
// Plain left-to-right loops in the element type: the summation order is the textbook one, so the
// result is what a reader computes by hand. Fast paths are compared against these with the classic
// bound for reordered summation, |fast - ref| <= 2 (n + 1) eps sum|x_i y_i| (Higham, "Accuracy and
// Stability of Numerical Algorithms", 2nd ed., section 3.1).

extension ReferenceKernels {
  /// The dot product `sum(x[i] * y[i])`, summed left to right.
  ///
  /// ```swift
  /// let x: [Float] = [1, 2, 3]
  /// let d = x.withUnsafeBufferPointer { ReferenceKernels.dot($0, $0) }  // 14
  /// ```
  /// - Precondition: `x.count == y.count` (`Kernels.dot` checks it
  ///   and throws instead).
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
    genericDot(x, y)
  }

  /// The dot product of two Double vectors, summed left to right.
  ///
  /// ```swift
  /// let x: [Double] = [1, 2, 3]
  /// let d = x.withUnsafeBufferPointer { ReferenceKernels.dot($0, $0) }  // 14
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
    genericDot(x, y)
  }

  /// `y[i] += a * x[i]` for every `i` (BLAS `saxpy` with unit strides).
  ///
  /// ```swift
  /// var y: [Float] = [1, 1]
  /// [Float](arrayLiteral: 1, 2).withUnsafeBufferPointer { x in
  ///   y.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(2, x, $0) }
  /// }  // y == [3, 5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func axpy(_ a: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
    genericAxpy(a, x, y)
  }

  /// `y[i] += a * x[i]` in Double (BLAS `daxpy` with unit strides).
  ///
  /// ```swift
  /// var y: [Double] = [1, 1]
  /// [Double](arrayLiteral: 1, 2).withUnsafeBufferPointer { x in
  ///   y.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(2, x, $0) }
  /// }  // y == [3, 5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func axpy(_ a: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
    genericAxpy(a, x, y)
  }

  /// `x[i] *= a` for every `i` (BLAS `sscal`).
  ///
  /// ```swift
  /// var x: [Float] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { ReferenceKernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Float, _ x: UnsafeMutableBufferPointer<Float>) {
    for i in x.indices { x[i] *= a }
  }

  /// `x[i] *= a` for every `i`, in Double (BLAS `dscal`).
  ///
  /// ```swift
  /// var x: [Double] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { ReferenceKernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Double, _ x: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { x[i] *= a }
  }

  @inline(__always)
  static func genericDot<T: BinaryFloatingPoint>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>) -> T {
    precondition(x.count == y.count, "dot: length mismatch")
    var s: T = 0
    for i in x.indices { s += x[i] * y[i] }
    return s
  }

  @inline(__always)
  static func genericAxpy<T: BinaryFloatingPoint>(
    _ a: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>
  ) {
    precondition(x.count == y.count, "axpy: length mismatch")
    for i in x.indices { y[i] += a * x[i] }
  }
}
