// The validating, dispatching entry points of the BLAS level-1 kernels: dot, axpy, scal.
//
// Each entry point checks its arguments (throwing `KernelError`, never trapping), then calls the
// implementation `KernelPath.active` names. The `[Float]` / `[Double]` conveniences validate first and
// only then borrow the arrays' storage, so no closure has to throw.

extension Kernels {
  /// The dot product `sum(x[i] * y[i])`.
  ///
  /// ```swift
  /// let d = try Kernels.dot([1, 2, 3] as [Float], [4, 5, 6])  // 32
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) throws(KernelError) -> Float {
    try checkLengths(x.count, y.count)
    return dispatchDot(x, y)
  }

  /// The Double dot product.
  ///
  /// ```swift
  /// let d = try Kernels.dot([1, 2, 3] as [Double], [4, 5, 6])  // 32
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) throws(KernelError) -> Double {
    try checkLengths(x.count, y.count)
    return dispatchDot(x, y)
  }

  /// The dot product of two arrays.
  ///
  /// ```swift
  /// let d = try Kernels.dot([1, 2, 3] as [Float], [4, 5, 6])  // 32
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func dot(_ x: [Float], _ y: [Float]) throws(KernelError) -> Float {
    try checkLengths(x.count, y.count)
    return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchDot(px, py) } }
  }

  /// The dot product of two Double arrays.
  ///
  /// ```swift
  /// let d = try Kernels.dot([1, 2, 3] as [Double], [4, 5, 6])  // 32
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func dot(_ x: [Double], _ y: [Double]) throws(KernelError) -> Double {
    try checkLengths(x.count, y.count)
    return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchDot(px, py) } }
  }

  /// `y[i] += a * x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [1, 1]
  /// try Kernels.axpy(2, [1, 2], &y)  // y == [3, 5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func axpy(_ a: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) throws(KernelError) {
    try checkLengths(x.count, y.count)
    dispatchAxpy(a, x, y)
  }

  /// `y[i] += a * x[i]` for every `i`, in Double.
  ///
  /// ```swift
  /// var y: [Double] = [1, 1]
  /// try Kernels.axpy(2, [1, 2], &y)  // y == [3, 5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func axpy(_ a: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) throws(KernelError) {
    try checkLengths(x.count, y.count)
    dispatchAxpy(a, x, y)
  }

  /// `y[i] += a * x[i]` on arrays.
  ///
  /// ```swift
  /// var y: [Float] = [1, 1]
  /// try Kernels.axpy(2, [1, 2], &y)  // y == [3, 5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func axpy(_ a: Float, _ x: [Float], _ y: inout [Float]) throws(KernelError) {
    try checkLengths(x.count, y.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchAxpy(a, px, py) } }
  }

  /// `y[i] += a * x[i]` on Double arrays.
  ///
  /// ```swift
  /// var y: [Double] = [1, 1]
  /// try Kernels.axpy(2, [1, 2], &y)  // y == [3, 5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) throws(KernelError) {
    try checkLengths(x.count, y.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchAxpy(a, px, py) } }
  }

  /// `x[i] *= a` for every `i`. Cannot fail.
  ///
  /// ```swift
  /// var x: [Float] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { Kernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Float, _ x: UnsafeMutableBufferPointer<Float>) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.scal(a, x)
    case .simd: SIMDKernels.scal(a, x)
    }
  }

  /// `x[i] *= a` for every `i`, in Double. Cannot fail.
  ///
  /// ```swift
  /// var x: [Double] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { Kernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func scal(_ a: Double, _ x: UnsafeMutableBufferPointer<Double>) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.scal(a, x)
    case .simd: SIMDKernels.scal(a, x)
    }
  }

  /// `x[i] *= a` on an array.
  ///
  /// ```swift
  /// var x: [Float] = [1, 2]
  /// Kernels.scal(3, &x)  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Float, _ x: inout [Float]) {
    x.withUnsafeMutableBufferPointer { scal(a, $0) }
  }

  /// `x[i] *= a` on a Double array.
  ///
  /// ```swift
  /// var x: [Double] = [1, 2]
  /// Kernels.scal(3, &x)  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func scal(_ a: Double, _ x: inout [Double]) {
    x.withUnsafeMutableBufferPointer { scal(a, $0) }
  }

  /// Throws ``KernelError/lengthMismatch(expected:actual:)`` unless `actual == expected`.
  @inline(__always)
  static func checkLengths(_ expected: Int, _ actual: Int) throws(KernelError) {
    guard expected == actual else { throw .lengthMismatch(expected: expected, actual: actual) }
  }

  static func dispatchDot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
    switch KernelPath.active {
    case .reference: ReferenceKernels.dot(x, y)
    case .simd: SIMDKernels.dot(x, y)
    }
  }

  static func dispatchDot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
    switch KernelPath.active {
    case .reference: ReferenceKernels.dot(x, y)
    case .simd: SIMDKernels.dot(x, y)
    }
  }

  static func dispatchAxpy(_ a: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.axpy(a, x, y)
    case .simd: SIMDKernels.axpy(a, x, y)
    }
  }

  static func dispatchAxpy(_ a: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.axpy(a, x, y)
    case .simd: SIMDKernels.axpy(a, x, y)
    }
  }
}
