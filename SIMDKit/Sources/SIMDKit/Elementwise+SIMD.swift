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
    vectorBinary(x, y, result, AddLanes.self)
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
    vectorBinary(x, y, result, SubtractLanes.self)
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
    vectorBinary(x, y, result, MultiplyLanes.self)
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
    vectorBinary(x, y, result, DivideLanes.self)
  }


  /// Applies `Op` lane-wise to whole vectors, then element by element to the tail. `Op` is a type, not a
  /// closure, so specialisation inlines it on every target (closures were left as calls on wasm32).
  @inline(__always)
  static func vectorBinary<Op: BinaryLanes>(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ result: UnsafeMutableBufferPointer<Float>,
    _: Op.Type
  ) {
    precondition(x.count == y.count && x.count == result.count, "element-wise: length mismatch")
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress, let pr = result.baseAddress else { return }
    let w = FloatVector.scalarCount
    var i = 0
    while i + 2 * w <= n {  // two vectors per step: fewer loop-control instructions (they dominate on wasm32)
      let r0 = Op.apply(Lanes.load(px, i), Lanes.load(py, i))
      let r1 = Op.apply(Lanes.load(px, i + w), Lanes.load(py, i + w))
      Lanes.store(r0, pr, i)
      Lanes.store(r1, pr, i + w)
      i += 2 * w
    }
    while i + w <= n {
      Lanes.store(Op.apply(Lanes.load(px, i), Lanes.load(py, i)), pr, i)
      i += w
    }
    while i < n {
      pr[i] = Op.apply(px[i], py[i])
      i += 1
    }
  }
}

/// One IEEE operation, on vectors and on scalars.
protocol BinaryLanes {
  static func apply(_ a: FloatVector, _ b: FloatVector) -> FloatVector
  static func apply(_ a: Float, _ b: Float) -> Float
}

enum AddLanes: BinaryLanes {
  @inline(__always) static func apply(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a + b }
  @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}

enum SubtractLanes: BinaryLanes {
  @inline(__always) static func apply(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a - b }
  @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}

enum MultiplyLanes: BinaryLanes {
  @inline(__always) static func apply(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a * b }
  @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}

enum DivideLanes: BinaryLanes {
  @inline(__always) static func apply(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a / b }
  @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}
