// Matrix kernels behind one dispatch function each: OpenBLAS natively, SIMDKit's register-blocked
// simd128 kernels (gemm and gemv) on wasm32 (when the SIMDKit module is available to the build, as in
// scripts/checks/neural-wasm.sh), the scalar reference otherwise (`GEMM+Reference.swift`, always
// compiled and the tests' oracle).
// Row-major, C-style pointers; callers validate shapes (these are internal).
#if canImport(COpenBLAS)
import COpenBLAS
#elseif canImport(SIMDKit)
import SIMDKit
#endif

enum Kernel {
  /// C = alpha · op(A) · op(B) + beta · C, row-major; op(X) = Xᵀ when `trans…` is true.
  @inline(__always)
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    #if canImport(COpenBLAS)
    cblas_sgemm(
      CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c,
      blasint(ldc))
    #elseif canImport(SIMDKit)
    let aCount = transA ? (k - 1) * lda + m : (m - 1) * lda + k
    let bCount = transB ? (n - 1) * ldb + k : (k - 1) * ldb + n
    do {
      try Kernels.gemm(
        transA: transA ? .transpose : .none, transB: transB ? .transpose : .none, m: m, n: n, k: k,
        alpha: alpha, a: UnsafeBufferPointer(start: a, count: max(aCount, 0)), lda: lda,
        b: UnsafeBufferPointer(start: b, count: max(bCount, 0)), ldb: ldb, beta: beta,
        c: UnsafeMutableBufferPointer(start: c, count: (m - 1) * ldc + n), ldc: ldc)
    } catch {
      ReferenceKernel.gemm(
        transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
        ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    #else
    ReferenceKernel.gemm(
      transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
      ldb: ldb, beta: beta, c: c, ldc: ldc)
    #endif
  }

  /// y = A · x (A is m × n row-major with leading dimension lda).
  @inline(__always)
  static func gemv(
    m: Int, n: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
    y: UnsafeMutablePointer<Float>
  ) {
    if m == 0 { return }
    #if canImport(COpenBLAS)
    cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(m), blasint(n), 1, a, blasint(lda), x, 1, 0, y, 1)
    #elseif canImport(SIMDKit)
    do {
      try Kernels.gemv(
        m: m, n: n, a: UnsafeBufferPointer(start: a, count: (m - 1) * lda + n), lda: lda,
        x: UnsafeBufferPointer(start: x, count: n), y: UnsafeMutableBufferPointer(start: y, count: m))
    } catch {
      ReferenceKernel.gemv(m: m, n: n, a: a, lda: lda, x: x, y: y)
    }
    #else
    ReferenceKernel.gemv(m: m, n: n, a: a, lda: lda, x: x, y: y)
    #endif
  }

  /// y += Aᵀ · x (A is m × n row-major with leading dimension lda; x has m, y has n elements).
  @inline(__always)
  static func gemvTransposedAccumulate(
    m: Int, n: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
    y: UnsafeMutablePointer<Float>
  ) {
    if m == 0 || n == 0 { return }
    #if canImport(COpenBLAS)
    cblas_sgemv(CblasRowMajor, CblasTrans, blasint(m), blasint(n), 1, a, blasint(lda), x, 1, 1, y, 1)
    #elseif canImport(SIMDKit)
    do {
      try Kernels.gemv(
        trans: .transpose, m: m, n: n, a: UnsafeBufferPointer(start: a, count: (m - 1) * lda + n), lda: lda,
        x: UnsafeBufferPointer(start: x, count: m), beta: 1, y: UnsafeMutableBufferPointer(start: y, count: n))
    } catch {
      ReferenceKernel.gemvTransposedAccumulate(m: m, n: n, a: a, lda: lda, x: x, y: y)
    }
    #else
    ReferenceKernel.gemvTransposedAccumulate(m: m, n: n, a: a, lda: lda, x: x, y: y)
    #endif
  }
}
