// GEMV, the scalar reference: the oracle for the vectorised path. One in-order Float dot product
// per output element, with the edge semantics described in GEMV.swift.

extension ReferenceKernels {
  /// Scalar reference GEMV, `y = alpha * op(A) * x + beta * y`: the test oracle.
  ///
  /// Same arguments, validation and errors as ``Kernels/gemv(trans:m:n:alpha:a:lda:x:beta:y:)``.
  ///
  /// ```swift
  /// var y: [Float] = [0, 0, 0]
  /// try ReferenceKernels.gemv(trans: .transpose, m: 2, n: 3,
  ///                           a: [1, 2, 3, 4, 5, 6], x: [1, 1], y: &y)
  /// // y == [5, 7, 9]
  /// ```
  ///
  /// - Complexity: O(m * n).
  public static func gemv(
    trans: Transpose = .none, m: Int, n: Int, alpha: Float = 1,
    a: [Float], lda: Int? = nil, x: [Float], beta: Float = 0, y: inout [Float]
  ) throws(KernelError) {
    let shape = try GEMVShape(
      trans: trans, m: m, n: n, lda: lda, aCount: a.count, xCount: x.count, yCount: y.count)
    a.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
          gemv(shape, alpha: alpha, a: a, x: x, beta: beta, y: y)
        }
      }
    }
  }

  /// The reference loops over validated arguments.
  ///
  /// - Complexity: O(m * n).
  static func gemv(
    _ s: GEMVShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, x: UnsafeBufferPointer<Float>,
    beta: Float, y: UnsafeMutableBufferPointer<Float>
  ) {
    guard s.outputCount > 0, let yBase = y.baseAddress else { return }
    if s.productVanishes(alpha: alpha) {
      scaleVector(yBase, count: s.outputCount, beta: beta)
      return
    }
    // op(A)[i, p] = a[i * rowStride + p * columnStride]
    let (rowStride, columnStride) = s.trans == .none ? (s.lda, 1) : (1, s.lda)
    for i in 0..<s.outputCount {
      var sum: Float = 0
      for p in 0..<s.inputCount {
        sum += a[i * rowStride + p * columnStride] * x[p]
      }
      y[i] = beta == 0 ? alpha * sum : alpha * sum + beta * y[i]
    }
  }
}
