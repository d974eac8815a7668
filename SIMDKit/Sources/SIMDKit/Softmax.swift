// The dispatching entry points of softmax. Definition and special values: Softmax+Reference.swift.

extension Kernels {
  /// `y = softmax(x) = e^(x - max x) / sum e^(x - max x)`; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let y = Kernels.softmax([1, 1, 1, 1] as [Float])  // [0.25, 0.25, 0.25, 0.25]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when `x` and `y` differ in length.
  /// - Complexity: O(n).
  public static func softmax(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) throws(KernelError) {
    try checkLengths(x.count, y.count)
    dispatchSoftmax(x, y)
  }

  /// The array `softmax(x)`; empty for an empty input.
  ///
  /// ```swift
  /// let y = Kernels.softmax([1, 1, 1, 1] as [Float])  // [0.25, 0.25, 0.25, 0.25]
  /// ```
  /// - Complexity: O(n).
  public static func softmax(_ x: [Float]) -> [Float] {
    [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { dispatchSoftmax($0, out) }
      count = x.count
    }
  }

  static func dispatchSoftmax(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.softmax(x, into: y)
    case .simd: SIMDKernels.softmax(x, into: y)
    }
  }
}
