// The dispatching entry points of the element-wise arithmetic kernels.
//
// Out of place: `add(x, y, into: result)` and the array form `add(x, y) -> [Float]`.
// In place, named as English reads them: `add(x, to: &y)` (y += x), `subtract(x, from: &y)` (y -= x),
// `multiply(&y, by: x)` (y *= x), `divide(&y, by: x)` (y /= x).

extension Kernels {

  /// `result[i] = x[i] + y[i]` for every `i`.
  ///
  /// ```swift
  /// let r = try Kernels.add([1, 2] as [Float], [3, 4])  // [4, 6]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` unless all three counts agree.
  /// - Complexity: O(n).
  public static func add(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    try checkLengths(x.count, result.count)
    dispatchAdd(x, y, result)
  }

  /// The array `[x[i] + y[i]]`.
  ///
  /// ```swift
  /// let r = try Kernels.add([1, 2] as [Float], [3, 4])  // [4, 6]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func add(_ x: [Float], _ y: [Float]) throws(KernelError) -> [Float] {
    try checkLengths(x.count, y.count)
    return [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchAdd(px, py, out) } }
      count = x.count
    }
  }


  /// In place: `y[i] += x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.add(x, to: &y)  // y == [4, 6]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func add(_ x: UnsafeBufferPointer<Float>, to y: UnsafeMutableBufferPointer<Float>) throws(KernelError) {
    try checkLengths(y.count, x.count)
    dispatchAdd(UnsafeBufferPointer(y), x, y)
  }

  /// In place on arrays: `y[i] += x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.add(x, to: &y)  // y == [4, 6]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func add(_ x: [Float], to y: inout [Float]) throws(KernelError) {
    try checkLengths(y.count, x.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchAdd(UnsafeBufferPointer(py), px, py) } }
  }

  static func dispatchAdd(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.add(x, y, into: result)
    case .simd: SIMDKernels.add(x, y, into: result)
    }
  }


  /// `result[i] = x[i] - y[i]` for every `i`.
  ///
  /// ```swift
  /// let r = try Kernels.subtract([1, 2] as [Float], [3, 4])  // [-2, -2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` unless all three counts agree.
  /// - Complexity: O(n).
  public static func subtract(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    try checkLengths(x.count, result.count)
    dispatchSubtract(x, y, result)
  }

  /// The array `[x[i] - y[i]]`.
  ///
  /// ```swift
  /// let r = try Kernels.subtract([1, 2] as [Float], [3, 4])  // [-2, -2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func subtract(_ x: [Float], _ y: [Float]) throws(KernelError) -> [Float] {
    try checkLengths(x.count, y.count)
    return [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchSubtract(px, py, out) } }
      count = x.count
    }
  }


  /// In place: `y[i] -= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.subtract(x, from: &y)  // y == [2, 2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func subtract(_ x: UnsafeBufferPointer<Float>, from y: UnsafeMutableBufferPointer<Float>) throws(KernelError) {
    try checkLengths(y.count, x.count)
    dispatchSubtract(UnsafeBufferPointer(y), x, y)
  }

  /// In place on arrays: `y[i] -= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.subtract(x, from: &y)  // y == [2, 2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func subtract(_ x: [Float], from y: inout [Float]) throws(KernelError) {
    try checkLengths(y.count, x.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchSubtract(UnsafeBufferPointer(py), px, py) } }
  }

  static func dispatchSubtract(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.subtract(x, y, into: result)
    case .simd: SIMDKernels.subtract(x, y, into: result)
    }
  }


  /// `result[i] = x[i] * y[i]` for every `i`.
  ///
  /// ```swift
  /// let r = try Kernels.multiply([1, 2] as [Float], [3, 4])  // [3, 8]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` unless all three counts agree.
  /// - Complexity: O(n).
  public static func multiply(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    try checkLengths(x.count, result.count)
    dispatchMultiply(x, y, result)
  }

  /// The array `[x[i] * y[i]]`.
  ///
  /// ```swift
  /// let r = try Kernels.multiply([1, 2] as [Float], [3, 4])  // [3, 8]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func multiply(_ x: [Float], _ y: [Float]) throws(KernelError) -> [Float] {
    try checkLengths(x.count, y.count)
    return [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchMultiply(px, py, out) } }
      count = x.count
    }
  }


  /// In place: `y[i] *= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.multiply(&y, by: x)  // y == [3, 8]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func multiply(_ y: UnsafeMutableBufferPointer<Float>, by x: UnsafeBufferPointer<Float>) throws(KernelError) {
    try checkLengths(y.count, x.count)
    dispatchMultiply(UnsafeBufferPointer(y), x, y)
  }

  /// In place on arrays: `y[i] *= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.multiply(&y, by: x)  // y == [3, 8]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func multiply(_ y: inout [Float], by x: [Float]) throws(KernelError) {
    try checkLengths(y.count, x.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchMultiply(UnsafeBufferPointer(py), px, py) } }
  }

  static func dispatchMultiply(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.multiply(x, y, into: result)
    case .simd: SIMDKernels.multiply(x, y, into: result)
    }
  }


  /// `result[i] = x[i] / y[i]` for every `i`.
  ///
  /// ```swift
  /// let r = try Kernels.divide([1, 2] as [Float], [4, 4])  // [0.25, 0.5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` unless all three counts agree.
  /// - Complexity: O(n).
  public static func divide(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    try checkLengths(x.count, result.count)
    dispatchDivide(x, y, result)
  }

  /// The array `[x[i] / y[i]]`.
  ///
  /// ```swift
  /// let r = try Kernels.divide([1, 2] as [Float], [4, 4])  // [0.25, 0.5]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func divide(_ x: [Float], _ y: [Float]) throws(KernelError) -> [Float] {
    try checkLengths(x.count, y.count)
    return [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchDivide(px, py, out) } }
      count = x.count
    }
  }


  /// In place: `y[i] /= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.divide(&y, by: x)  // y == [3, 2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func divide(_ y: UnsafeMutableBufferPointer<Float>, by x: UnsafeBufferPointer<Float>) throws(KernelError) {
    try checkLengths(y.count, x.count)
    dispatchDivide(UnsafeBufferPointer(y), x, y)
  }

  /// In place on arrays: `y[i] /= x[i]` for every `i`.
  ///
  /// ```swift
  /// var y: [Float] = [3, 4]
  /// let x: [Float] = [1, 2]
  /// try Kernels.divide(&y, by: x)  // y == [3, 2]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when the lengths differ.
  /// - Complexity: O(n).
  public static func divide(_ y: inout [Float], by x: [Float]) throws(KernelError) {
    try checkLengths(y.count, x.count)
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in dispatchDivide(UnsafeBufferPointer(py), px, py) } }
  }

  static func dispatchDivide(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.divide(x, y, into: result)
    case .simd: SIMDKernels.divide(x, y, into: result)
    }
  }
}
