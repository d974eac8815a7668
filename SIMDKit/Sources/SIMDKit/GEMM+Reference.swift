// GEMM, the scalar reference: the oracle every fast path is tested against.
//
// Three plain loops, one dot product per element of C, summed in order p = 0, 1, ..., k-1 in
// Float. Nothing clever, nothing reordered: this is what "correct" means for the other backends.
// It follows the same BLAS edge semantics as they do (see GEMM.swift): `k == 0 || alpha == 0`
// never reads A or B, `beta == 0` never reads C.

extension ReferenceKernels {
  /// Scalar reference GEMM, `C = alpha * op(A) * op(B) + beta * C`: the test oracle.
  ///
  /// Same arguments, validation and errors as ``Kernels/gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
  ///
  /// ```swift
  /// var c: [Float] = [.nan]                          // beta == 0: never read
  /// try ReferenceKernels.gemm(m: 1, n: 1, k: 2, a: [1, 2], b: [3, 4], c: &c)
  /// // c == [11]
  /// ```
  ///
  /// - Complexity: O(m * n * k).
  public static func gemm(
    transA: Transpose = .none, transB: Transpose = .none,
    m: Int, n: Int, k: Int, alpha: Float = 1,
    a: [Float], lda: Int? = nil, b: [Float], ldb: Int? = nil,
    beta: Float = 0, c: inout [Float], ldc: Int? = nil
  ) throws(KernelError) {
    let shape = try GEMMShape(
      transA: transA, transB: transB, m: m, n: n, k: k,
      lda: lda, aCount: a.count, ldb: ldb, bCount: b.count, ldc: ldc, cCount: c.count)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          gemm(shape, alpha: alpha, a: a, b: b, beta: beta, c: c)
        }
      }
    }
  }

  /// The reference loops over validated arguments.
  ///
  /// - Complexity: O(m * n * k).
  static func gemm(
    _ s: GEMMShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
    beta: Float, c: UnsafeMutableBufferPointer<Float>
  ) {
    guard s.m > 0, s.n > 0, let cBase = c.baseAddress else { return }
    if s.productVanishes(alpha: alpha) {
      scaleMatrix(cBase, rows: s.m, columns: s.n, ld: s.ldc, beta: beta)
      return
    }
    // Strides of op(A)[i, p] and op(B)[p, j] in their buffers.
    let (aRow, aCol) = s.transA == .none ? (s.lda, 1) : (1, s.lda)
    let (bRow, bCol) = s.transB == .none ? (s.ldb, 1) : (1, s.ldb)
    for i in 0..<s.m {
      for j in 0..<s.n {
        var sum: Float = 0
        for p in 0..<s.k {
          sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol]
        }
        let index = i * s.ldc + j
        c[index] = beta == 0 ? alpha * sum : alpha * sum + beta * c[index]
      }
    }
  }
}
