// GEMV: matrix-vector multiply, y = alpha * op(A) * x + beta * y (row-major, float32).
//
// Entry point and validation shared by `Kernels`, `ReferenceKernels` and `SIMDKernels`; the
// scalar oracle is in GEMV+Reference.swift, the vectorised path in GEMV+SIMD.swift.
//
// | trans        | op(A)  | x needs | y needs | A stored as                      |
// |--------------|--------|---------|---------|----------------------------------|
// | `.none`      | m x n  | n       | m       | m rows x n columns, lda >= max(1, n) |
// | `.transpose` | n x m  | m       | n       | m rows x n columns, lda >= max(1, n) |
//
// A is always described by its stored shape (m x n), as in `cblas_sgemv(CblasRowMajor, ...)`.
// Buffers may be longer than needed; only the leading elements are used.
//
// Invariants: bad arguments throw `KernelError` (never a trap); `alpha == 0` or an empty inner
// dimension computes `y = beta * y` without reading A or x; `beta == 0` never reads y. (Unlike
// reference BLAS, an empty inner dimension still scales y by beta, as `gemm` with k == 0 does.)

/// The validated shape of one GEMV call.
struct GEMVShape {
  let trans: Transpose
  let m: Int
  let n: Int
  let lda: Int

  /// Length of op(A)'s output, y.
  var outputCount: Int { trans == .none ? m : n }
  /// Length of op(A)'s input, x.
  var inputCount: Int { trans == .none ? n : m }

  /// Validates a GEMV call: sizes, leading dimension and buffer lengths.
  ///
  /// - Complexity: O(1).
  init(trans: Transpose, m: Int, n: Int, lda: Int?, aCount: Int, xCount: Int, yCount: Int)
    throws(KernelError)
  {
    guard m >= 0 else { throw .invalidDimension(name: "m", value: m) }
    guard n >= 0 else { throw .invalidDimension(name: "n", value: n) }
    self.trans = trans
    self.m = m
    self.n = n
    self.lda = try MatrixOperand.check(
      name: "lda", buffer: "a", rows: m, columns: n, ld: lda, count: aCount)
    guard xCount >= inputCount else {
      throw .bufferTooSmall(name: "x", required: inputCount, actual: xCount)
    }
    guard yCount >= outputCount else {
      throw .bufferTooSmall(name: "y", required: outputCount, actual: yCount)
    }
  }

  /// Whether the product term vanishes, so that the call reduces to `y = beta * y`.
  func productVanishes(alpha: Float) -> Bool { inputCount == 0 || alpha == 0 }
}

extension Kernels {
  /// Matrix-vector multiply: `y = alpha * op(A) * x + beta * y`, A stored m x n row-major.
  ///
  /// Dispatches on ``KernelPath/active``.
  ///
  /// ```swift
  /// var y: [Float] = [0, 0]
  /// try Kernels.gemv(m: 2, n: 3, a: [1, 2, 3,
  ///                                  4, 5, 6], x: [1, 1, 1], y: &y)
  /// // y == [6, 15]
  /// try Kernels.gemv(trans: .transpose, m: 2, n: 3, a: [1, 2, 3, 4, 5, 6], x: [1, 1],
  ///                  y: &y)   // needs 3 elements: throws .bufferTooSmall(name: "y", ...)
  /// ```
  ///
  /// - Throws: ``KernelError/invalidDimension(name:value:)`` for a negative size or `lda < n`;
  ///   ``KernelError/bufferTooSmall(name:required:actual:)`` for a short `a`, `x` or `y`.
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
          dispatchGEMV(shape, alpha: alpha, a: a, x: x, beta: beta, y: y)
        }
      }
    }
  }

  /// ``gemv(trans:m:n:alpha:a:lda:x:beta:y:)`` over buffers the caller owns: no copies.
  ///
  /// ```swift
  /// var y: [Float] = [1]
  /// let a: [Float] = [2, 3], x: [Float] = [1, 1]
  /// try a.withUnsafeBufferPointer { a in
  ///   try x.withUnsafeBufferPointer { x in
  ///     try y.withUnsafeMutableBufferPointer { y in
  ///       try Kernels.gemv(m: 1, n: 2, a: a, x: x, beta: 1, y: y)   // y == [6]
  ///     }
  ///   }
  /// }
  /// ```
  ///
  /// - Complexity: O(m * n).
  public static func gemv(
    trans: Transpose = .none, m: Int, n: Int, alpha: Float = 1,
    a: UnsafeBufferPointer<Float>, lda: Int? = nil, x: UnsafeBufferPointer<Float>,
    beta: Float = 0, y: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    let shape = try GEMVShape(
      trans: trans, m: m, n: n, lda: lda, aCount: a.count, xCount: x.count, yCount: y.count)
    dispatchGEMV(shape, alpha: alpha, a: a, x: x, beta: beta, y: y)
  }

  static func dispatchGEMV(
    _ shape: GEMVShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, x: UnsafeBufferPointer<Float>,
    beta: Float, y: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.gemv(shape, alpha: alpha, a: a, x: x, beta: beta, y: y)
    case .simd: SIMDKernels.gemv(shape, alpha: alpha, a: a, x: x, beta: beta, y: y)
    }
  }
}

/// `y = beta * y` over `count` elements; beta == 0 writes zeros without reading y.
///
/// - Complexity: O(count).
func scaleVector(_ y: UnsafeMutablePointer<Float>, count: Int, beta: Float) {
  scaleMatrix(y, rows: 1, columns: count, ld: Swift.max(1, count), beta: beta)
}
