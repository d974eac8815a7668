// Scalar reference kernels: the oracle for the BLAS path, and the wasm32 path until SIMDKit's
// gemm is wired in.

enum ReferenceKernel {
  /// C = alpha · op(A) · op(B) + beta · C, plain loops.
  /// - Complexity: O(m · n · k).
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    for i in 0..<m {
      let row = c + i * ldc
      if beta == 0 {
        for j in 0..<n { row[j] = 0 }
      } else if beta != 1 {
        for j in 0..<n { row[j] *= beta }
      }
      for p in 0..<k {
        let aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p])
        if aip == 0 { continue }
        if transB {
          for j in 0..<n { row[j] += aip * b[j * ldb + p] }
        } else {
          let brow = b + p * ldb
          for j in 0..<n { row[j] += aip * brow[j] }
        }
      }
    }
  }

  /// y = A · x.
  /// - Complexity: O(m · n).
  static func gemv(
    m: Int, n: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
    y: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<m {
      var s: Float = 0
      let row = a + i * lda
      for j in 0..<n { s += row[j] * x[j] }
      y[i] = s
    }
  }

  /// y += Aᵀ · x.
  /// - Complexity: O(m · n).
  static func gemvTransposedAccumulate(
    m: Int, n: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
    y: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<m {
      let xi = x[i]
      let row = a + i * lda
      for j in 0..<n { y[j] += xi * row[j] }
    }
  }
}
