// Vectorised BLAS level-1 kernels: dot, axpy, scal.
//
// The dot product is a reduction, so its speed is bound by the latency of the vector add, not its
// throughput: one accumulator would wait ~4 cycles per step. Four independent accumulators (each a
// full vector) keep the adder busy; they are combined pairwise at the end, then the lanes are summed.
// Order: blocks of 4 vectors, then single vectors, then a scalar tail. The result therefore differs
// from the left-to-right reference by reassociation only, within 2 (n + 1) eps sum|x_i y_i|.
//
// axpy and scal are element-wise: one vector per step, no accumulators, then a scalar tail. They do
// exactly the reference's arithmetic per element (no fused multiply-add), so they match it bit for bit.

extension SIMDKernels {
  /// The dot product `sum(x[i] * y[i])` with four vector accumulators.
  ///
  /// ```swift
  /// let x: [Float] = [1, 2, 3]
  /// let d = x.withUnsafeBufferPointer { SIMDKernels.dot($0, $0) }  // 14
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
    vectorDot(x, y, FloatVector.self)
  }

  /// The Double dot product with four vector accumulators.
  ///
  /// ```swift
  /// let x: [Double] = [1, 2, 3]
  /// let d = x.withUnsafeBufferPointer { SIMDKernels.dot($0, $0) }  // 14
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
    vectorDot(x, y, DoubleVector.self)
  }

  /// `y[i] += a * x[i]`, vectorised; bit-identical to `ReferenceKernels.axpy`.
  ///
  /// ```swift
  /// var y: [Float] = [1, 1]
  /// [Float](arrayLiteral: 1, 2).withUnsafeBufferPointer { x in
  ///   y.withUnsafeMutableBufferPointer { SIMDKernels.axpy(2, x, $0) }
  /// }  // y == [3, 5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func axpy(_ a: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
    vectorAxpy(a, x, y, FloatVector.self)
  }

  /// `y[i] += a * x[i]` in Double, vectorised.
  ///
  /// ```swift
  /// var y: [Double] = [1, 1]
  /// [Double](arrayLiteral: 1, 2).withUnsafeBufferPointer { x in
  ///   y.withUnsafeMutableBufferPointer { SIMDKernels.axpy(2, x, $0) }
  /// }  // y == [3, 5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func axpy(_ a: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
    vectorAxpy(a, x, y, DoubleVector.self)
  }

  /// `x[i] *= a`, vectorised; bit-identical to the reference.
  ///
  /// ```swift
  /// var x: [Float] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { SIMDKernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Float, _ x: UnsafeMutableBufferPointer<Float>) {
    vectorScal(a, x, FloatVector.self)
  }

  /// `x[i] *= a` in Double, vectorised.
  ///
  /// ```swift
  /// var x: [Double] = [1, 2]
  /// x.withUnsafeMutableBufferPointer { SIMDKernels.scal(3, $0) }  // x == [3, 6]
  /// ```
  /// - Complexity: O(n).
  public static func scal(_ a: Double, _ x: UnsafeMutableBufferPointer<Double>) {
    vectorScal(a, x, DoubleVector.self)
  }

  @inline(__always)
  static func vectorDot<V: SIMD>(
    _ x: UnsafeBufferPointer<V.Scalar>, _ y: UnsafeBufferPointer<V.Scalar>, _: V.Type
  ) -> V.Scalar where V.Scalar: BinaryFloatingPoint {
    precondition(x.count == y.count, "dot: length mismatch")
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress else { return 0 }
    let w = V.scalarCount
    var a0 = V(), a1 = V(), a2 = V(), a3 = V()
    var i = 0
    while i + 4 * w <= n {
      a0 += Lanes.load(px, i, as: V.self) * Lanes.load(py, i, as: V.self)
      a1 += Lanes.load(px, i + w, as: V.self) * Lanes.load(py, i + w, as: V.self)
      a2 += Lanes.load(px, i + 2 * w, as: V.self) * Lanes.load(py, i + 2 * w, as: V.self)
      a3 += Lanes.load(px, i + 3 * w, as: V.self) * Lanes.load(py, i + 3 * w, as: V.self)
      i += 4 * w
    }
    while i + w <= n {
      a0 += Lanes.load(px, i, as: V.self) * Lanes.load(py, i, as: V.self)
      i += w
    }
    var s = ((a0 + a1) + (a2 + a3)).sum()
    while i < n {
      s += px[i] * py[i]
      i += 1
    }
    return s
  }

  @inline(__always)
  static func vectorAxpy<V: SIMD>(
    _ a: V.Scalar, _ x: UnsafeBufferPointer<V.Scalar>, _ y: UnsafeMutableBufferPointer<V.Scalar>, _: V.Type
  ) where V.Scalar: BinaryFloatingPoint {
    precondition(x.count == y.count, "axpy: length mismatch")
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress else { return }
    let w = V.scalarCount
    let va = V(repeating: a)
    var i = 0
    while i + 2 * w <= n {  // two vectors per step: fewer loop-control instructions (they dominate on wasm32)
      let r0 = Lanes.load(UnsafePointer(py), i, as: V.self) + va * Lanes.load(px, i, as: V.self)
      let r1 = Lanes.load(UnsafePointer(py), i + w, as: V.self) + va * Lanes.load(px, i + w, as: V.self)
      Lanes.store(r0, py, i)
      Lanes.store(r1, py, i + w)
      i += 2 * w
    }
    while i + w <= n {
      let r = Lanes.load(UnsafePointer(py), i, as: V.self) + va * Lanes.load(px, i, as: V.self)
      Lanes.store(r, py, i)
      i += w
    }
    while i < n {
      py[i] += a * px[i]
      i += 1
    }
  }

  @inline(__always)
  static func vectorScal<V: SIMD>(
    _ a: V.Scalar, _ x: UnsafeMutableBufferPointer<V.Scalar>, _: V.Type
  ) where V.Scalar: BinaryFloatingPoint {
    let n = x.count
    guard n > 0, let px = x.baseAddress else { return }
    let w = V.scalarCount
    let va = V(repeating: a)
    var i = 0
    while i + 2 * w <= n {
      let r0 = Lanes.load(UnsafePointer(px), i, as: V.self) * va
      let r1 = Lanes.load(UnsafePointer(px), i + w, as: V.self) * va
      Lanes.store(r0, px, i)
      Lanes.store(r1, px, i + w)
      i += 2 * w
    }
    while i + w <= n {
      Lanes.store(Lanes.load(UnsafePointer(px), i, as: V.self) * va, px, i)
      i += w
    }
    while i < n {
      px[i] *= a
      i += 1
    }
  }
}
