// GEMM: general matrix-matrix multiply, C = alpha * op(A) * op(B) + beta * C (row-major, float32).
//
// This file is the entry point and the argument validation shared by all three faces
// (`Kernels`, `ReferenceKernels`, `SIMDKernels`). The scalar oracle lives in GEMM+Reference.swift,
// the packed, register-blocked fast path in GEMM+SIMD.swift and its micro-kernels in
// GEMM+MicroKernels.swift.
//
// Conventions (those of row-major CBLAS, `cblas_sgemm(CblasRowMajor, ...)`):
//
// | operand | logical shape | stored shape (no transpose) | stored shape (transpose) | leading dimension |
// |---------|---------------|-----------------------------|--------------------------|-------------------|
// | op(A)   | m x k         | m rows x k columns          | k rows x m columns       | lda >= max(1, stored columns) |
// | op(B)   | k x n         | k rows x n columns          | n rows x k columns       | ldb >= max(1, stored columns) |
// | C       | m x n         | m rows x n columns          | -                        | ldc >= max(1, n)  |
//
// Element (r, c) of a stored matrix is `buffer[r * ld + c]`; a buffer must hold at least
// `(rows - 1) * ld + columns` elements when rows and columns are both positive, and may be empty
// otherwise.
//
// Invariants, in order of priority:
// 1. Bad arguments throw `KernelError`; nothing here traps on data that came from a caller
//    (negative sizes, short buffers, leading dimensions that are too small or overflow `Int`).
// 2. BLAS semantics at the edges: `m == 0 || n == 0` returns without touching anything;
//    `k == 0 || alpha == 0` computes `C = beta * C` and never reads A or B; `beta == 0` never
//    reads C, so NaN garbage in an output buffer does not propagate.
// 3. Every path computes each C element from the same products; only the summation order
//    differs, so results agree with the reference to within `(k + 2) * ulp * |alpha| * |A||B|`
//    plus the rounding of `beta * C`.

/// The validated shape of one GEMM call: sizes, leading dimensions and transposes.
@usableFromInline
struct GEMMShape {
  let transA: Transpose
  let transB: Transpose
  let m: Int
  let n: Int
  let k: Int
  let lda: Int
  let ldb: Int
  let ldc: Int

  /// Validates a GEMM call: sizes, leading dimensions and buffer lengths.
  ///
  /// - Complexity: O(1).
  init(
    transA: Transpose, transB: Transpose, m: Int, n: Int, k: Int,
    lda: Int?, aCount: Int, ldb: Int?, bCount: Int, ldc: Int?, cCount: Int
  ) throws(KernelError) {
    guard m >= 0 else { throw .invalidDimension(name: "m", value: m) }
    guard n >= 0 else { throw .invalidDimension(name: "n", value: n) }
    guard k >= 0 else { throw .invalidDimension(name: "k", value: k) }
    let (aRows, aCols) = transA == .none ? (m, k) : (k, m)
    let (bRows, bCols) = transB == .none ? (k, n) : (n, k)
    self.transA = transA
    self.transB = transB
    self.m = m
    self.n = n
    self.k = k
    self.lda = try MatrixOperand.check(
      name: "lda", buffer: "a", rows: aRows, columns: aCols, ld: lda, count: aCount)
    self.ldb = try MatrixOperand.check(
      name: "ldb", buffer: "b", rows: bRows, columns: bCols, ld: ldb, count: bCount)
    self.ldc = try MatrixOperand.check(
      name: "ldc", buffer: "c", rows: m, columns: n, ld: ldc, count: cCount)
  }

  /// Whether the product term vanishes, so that the call reduces to `C = beta * C`.
  func productVanishes(alpha: Float) -> Bool { k == 0 || alpha == 0 }
}

/// Validation of one row-major matrix operand: its leading dimension and its buffer length.
enum MatrixOperand {
  /// Returns the leading dimension to use (`ld`, or the tight `max(1, columns)` when `nil`),
  /// after checking it and the buffer length.
  ///
  /// - Complexity: O(1).
  static func check(
    name: StaticString, buffer: StaticString, rows: Int, columns: Int, ld: Int?, count: Int
  ) throws(KernelError) -> Int {
    let leading = ld ?? Swift.max(1, columns)
    guard leading >= Swift.max(1, columns) else { throw .invalidDimension(name: name, value: leading) }
    let required = try requiredCount(rows: rows, columns: columns, ld: leading, name: name)
    guard count >= required else {
      throw .bufferTooSmall(name: buffer, required: required, actual: count)
    }
    return leading
  }

  /// `(rows - 1) * ld + columns`, or 0 for an empty matrix; throws when that overflows `Int`.
  ///
  /// - Complexity: O(1).
  static func requiredCount(rows: Int, columns: Int, ld: Int, name: StaticString)
    throws(KernelError) -> Int
  {
    guard rows > 0, columns > 0 else { return 0 }
    let (span, o1) = (rows - 1).multipliedReportingOverflow(by: ld)
    let (total, o2) = span.addingReportingOverflow(columns)
    guard !o1, !o2 else { throw .invalidDimension(name: name, value: ld) }
    return total
  }
}

extension Kernels {
  /// General matrix multiply: `C = alpha * op(A) * op(B) + beta * C`, row-major, float32.
  ///
  /// `op(A)` is `m x k`, `op(B)` is `k x n`, `C` is `m x n`. A leading dimension left `nil` means
  /// the matrix is stored tightly. Dispatches on ``KernelPath/active``.
  ///
  /// ```swift
  /// // [1 2]   [5 6]   [19 22]
  /// // [3 4] * [7 8] = [43 50]
  /// var c = [Float](repeating: 0, count: 4)
  /// try Kernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], c: &c)
  /// // c == [19, 22, 43, 50]
  /// ```
  ///
  /// - Throws: ``KernelError/invalidDimension(name:value:)`` for a negative size or a leading
  ///   dimension smaller than the stored width; ``KernelError/bufferTooSmall(name:required:actual:)``
  ///   when a buffer is shorter than its dimensions need.
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
          dispatchGEMM(shape, alpha: alpha, a: a, b: b, beta: beta, c: c)
        }
      }
    }
  }

  /// ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` over buffers the caller owns
  /// (for example linear memory shared with JavaScript): no copies.
  ///
  /// ```swift
  /// var c = [Float](repeating: 0, count: 1)
  /// let a: [Float] = [1, 2], b: [Float] = [3, 4]
  /// try a.withUnsafeBufferPointer { a in
  ///   try b.withUnsafeBufferPointer { b in
  ///     try c.withUnsafeMutableBufferPointer { c in
  ///       try Kernels.gemm(m: 1, n: 1, k: 2, a: a, b: b, c: c)   // c == [11]
  ///     }
  ///   }
  /// }
  /// ```
  ///
  /// - Complexity: O(m * n * k).
  public static func gemm(
    transA: Transpose = .none, transB: Transpose = .none,
    m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafeBufferPointer<Float>, lda: Int? = nil,
    b: UnsafeBufferPointer<Float>, ldb: Int? = nil,
    beta: Float = 0, c: UnsafeMutableBufferPointer<Float>, ldc: Int? = nil
  ) throws(KernelError) {
    let shape = try GEMMShape(
      transA: transA, transB: transB, m: m, n: n, k: k,
      lda: lda, aCount: a.count, ldb: ldb, bCount: b.count, ldc: ldc, cCount: c.count)
    dispatchGEMM(shape, alpha: alpha, a: a, b: b, beta: beta, c: c)
  }

  static func dispatchGEMM(
    _ shape: GEMMShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
    beta: Float, c: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.gemm(shape, alpha: alpha, a: a, b: b, beta: beta, c: c)
    case .simd: SIMDKernels.gemm(shape, alpha: alpha, a: a, b: b, beta: beta, c: c)
    }
  }
}

/// `C = beta * C` over the m x n window of C (beta == 0 writes zeros without reading C):
/// what GEMM reduces to when `k == 0` or `alpha == 0`. Shared by every backend.
///
/// - Complexity: O(m * n).
func scaleMatrix(
  _ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, ld: Int, beta: Float
) {
  if beta == 1 { return }
  for i in 0..<rows {
    let row = c + i * ld
    if beta == 0 {
      row.update(repeating: 0, count: columns)
    } else {
      for j in 0..<columns { row[j] *= beta }
    }
  }
}
