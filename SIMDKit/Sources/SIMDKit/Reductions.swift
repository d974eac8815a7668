// The dispatching entry points of the reductions: sum, min, max, argmax.
// The NaN, empty-input and signed-zero rules are tabulated in Reductions+Reference.swift.

extension Kernels {
  /// The sum of the elements: `0` when empty, NaN when any element is NaN.
  ///
  /// ```swift
  /// let s = Kernels.sum([1, 2, 3] as [Float])  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
    switch KernelPath.active {
    case .reference: ReferenceKernels.sum(x)
    case .simd: SIMDKernels.sum(x)
    }
  }

  /// The sum of a Double vector: `0` when empty, NaN when any element is NaN.
  ///
  /// ```swift
  /// let s = Kernels.sum([1, 2, 3] as [Double])  // 6
  /// ```
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
    switch KernelPath.active {
    case .reference: ReferenceKernels.sum(x)
    case .simd: SIMDKernels.sum(x)
    }
  }

  /// The sum of an array.
  ///
  /// ```swift
  /// let s = Kernels.sum([1, 2, 3] as [Float])  // 6
  /// ```
  /// - Complexity: O(n).
  public static func sum(_ x: [Float]) -> Float {
    x.withUnsafeBufferPointer { sum($0) }
  }

  /// The sum of a Double array.
  ///
  /// ```swift
  /// let s = Kernels.sum([1, 2, 3] as [Double])  // 6
  /// ```
  /// - Complexity: O(n).
  @_disfavoredOverload
  public static func sum(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { sum($0) }
  }

  /// The smallest element, NaN when any element is NaN.
  ///
  /// ```swift
  /// let m = try Kernels.min([3, -1, 2] as [Float])  // -1
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty vector.
  /// - Complexity: O(n).
  public static func min(_ x: UnsafeBufferPointer<Float>) throws(KernelError) -> Float {
    let m: Float?
    switch KernelPath.active {
    case .reference: m = ReferenceKernels.min(x)
    case .simd: m = SIMDKernels.min(x)
    }
    guard let m else { throw .empty }
    return m
  }

  /// The smallest element of an array, NaN when any element is NaN.
  ///
  /// ```swift
  /// let m = try Kernels.min([3, -1, 2] as [Float])  // -1
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty array.
  /// - Complexity: O(n).
  public static func min(_ x: [Float]) throws(KernelError) -> Float {
    guard !x.isEmpty else { throw .empty }
    return x.withUnsafeBufferPointer { p in
      switch KernelPath.active {
      case .reference: ReferenceKernels.min(p) ?? .nan
      case .simd: SIMDKernels.min(p) ?? .nan
      }
    }
  }

  /// The largest element, NaN when any element is NaN.
  ///
  /// ```swift
  /// let m = try Kernels.max([3, -1, 2] as [Float])  // 3
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty vector.
  /// - Complexity: O(n).
  public static func max(_ x: UnsafeBufferPointer<Float>) throws(KernelError) -> Float {
    let m: Float?
    switch KernelPath.active {
    case .reference: m = ReferenceKernels.max(x)
    case .simd: m = SIMDKernels.max(x)
    }
    guard let m else { throw .empty }
    return m
  }

  /// The largest element of an array, NaN when any element is NaN.
  ///
  /// ```swift
  /// let m = try Kernels.max([3, -1, 2] as [Float])  // 3
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty array.
  /// - Complexity: O(n).
  public static func max(_ x: [Float]) throws(KernelError) -> Float {
    guard !x.isEmpty else { throw .empty }
    return x.withUnsafeBufferPointer { p in
      switch KernelPath.active {
      case .reference: ReferenceKernels.max(p) ?? .nan
      case .simd: SIMDKernels.max(p) ?? .nan
      }
    }
  }

  /// The index of the first maximum, or of the first NaN when there is one.
  ///
  /// ```swift
  /// let i = try Kernels.argmax([1, 5, 5] as [Float])  // 1
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty vector.
  /// - Complexity: O(n).
  public static func argmax(_ x: UnsafeBufferPointer<Float>) throws(KernelError) -> Int {
    let i: Int?
    switch KernelPath.active {
    case .reference: i = ReferenceKernels.argmax(x)
    case .simd: i = SIMDKernels.argmax(x)
    }
    guard let i else { throw .empty }
    return i
  }

  /// The index of the first maximum of an array, or of its first NaN.
  ///
  /// ```swift
  /// let i = try Kernels.argmax([1, 5, 5] as [Float])  // 1
  /// ```
  /// - Throws: ``KernelError/empty`` for an empty array.
  /// - Complexity: O(n).
  public static func argmax(_ x: [Float]) throws(KernelError) -> Int {
    guard !x.isEmpty else { throw .empty }
    return x.withUnsafeBufferPointer { p in
      switch KernelPath.active {
      case .reference: ReferenceKernels.argmax(p) ?? 0
      case .simd: SIMDKernels.argmax(p) ?? 0
      }
    }
  }
}
