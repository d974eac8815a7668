// Matrix products: one GEMM for `[..., m, k] × [k, n]` (leading dimensions flattened into rows),
// one GEMM per batch for `[B..., m, k] × [B..., k, n]`. `transposeB` multiplies by the transpose
// of the last two dimensions of `b` without copying (attention's Q·Kᵀ).
//
// Backward, for C = A·B:  dA += dC·Bᵀ,  dB += Aᵀ·dC   (for C = A·Bᵀ: dA += dC·B, dB += dCᵀ·A).
// Every product goes through `Kernel.gemm` (OpenBLAS natively, the scalar reference on wasm32);
// the tests compare both paths and check the backward against finite differences.

extension Graph {
  /// The matrix product of the last two dimensions of `a` and `b`.
  ///
  /// - `b` of rank 2: `[..., m, k] × [k, n] → [..., m, n]` (a dense layer on any batch shape);
  /// - equal ranks >= 3: batched, leading dimensions must match.
  ///
  /// ```swift
  /// let g = Graph()
  /// let a = g.constant(Tensor(zeros: Shape(32, 24, 8)))
  /// let w = g.constant(Tensor(zeros: Shape(8, 16)))
  /// let y = try g.matmul(a, w)          // [32, 24, 16]
  /// ```
  /// - Complexity: O(batch · m · n · k).
  public func matmul(_ a: Var, _ b: Var, transposeB: Bool = false) throws(TensorError) -> Var {
    try check(a)
    try check(b)
    guard a.shape.rank >= 1, b.shape.rank >= 2 else { throw .shapeMismatch(a.shape, b.shape) }
    let k = a.shape.last
    let bk = transposeB ? b.shape.last : b.shape[b.shape.rank - 2]
    let n = transposeB ? b.shape[b.shape.rank - 2] : b.shape.last
    guard k == bk else { throw .shapeMismatch(a.shape, b.shape) }
    var dims = a.shape.dims
    dims[dims.count - 1] = n
    if b.shape.rank > 2 {
      guard a.shape.rank == b.shape.rank else { throw .shapeMismatch(a.shape, b.shape) }
      for i in 0..<(a.shape.rank - 2) where a.shape[i] != b.shape[i] {
        throw .shapeMismatch(a.shape, b.shape)
      }
    }
    let id = make(.matmul, Shape(dims), a.id, b.id)
    nodes[id].i0 = transposeB ? 1 : 0
    let (batch, m) = matmulBatch(a.shape, b.shape)
    let pa = val(a.id), pb = val(b.id), pc = val(id)
    let strideB = b.shape.rank > 2 ? k * n : 0
    if k == 0 {
      // An empty inner dimension: the product is zero (BLAS rejects a leading dimension of 0).
      pc.update(repeating: 0, count: batch * m * n)
      return v(id)
    }
    for t in 0..<batch {
      Kernel.gemm(
        transA: false, transB: transposeB, m: m, n: n, k: k, alpha: 1,
        a: pa + t * m * k, lda: k, b: pb + t * strideB, ldb: transposeB ? k : n, beta: 0,
        c: pc + t * m * n, ldc: n)
    }
    return v(id)
  }

  /// (batch count, rows per batch) of a product.
  func matmulBatch(_ a: Shape, _ b: Shape) -> (Int, Int) {
    if b.rank == 2 { return (1, a.rows) }
    return (a.rows / Swift.max(a[a.rank - 2], 1), a[a.rank - 2])
  }

  func backwardMatmul(_ node: Node, _ i: Int) {
    let sa = nodes[node.a].shape, sb = nodes[node.b].shape
    let transB = node.i0 == 1
    let k = sa.last, n = node.shape.last
    let (batch, m) = matmulBatch(sa, sb)
    if m == 0 || n == 0 || k == 0 { return }
    let pa = val(node.a), pb = val(node.b), g = grad(i)
    let ga = grad(node.a), gb = grad(node.b)
    let strideB = sb.rank > 2 ? k * n : 0
    let ldb = transB ? k : n
    for t in 0..<batch {
      let at = pa + t * m * k, bt = pb + t * strideB, gt = g + t * m * n
      if nodes[node.a].needsGrad {
        // dA (m×k) += dC (m×n) · op(B)ᵀ
        Kernel.gemm(
          transA: false, transB: !transB, m: m, n: k, k: n, alpha: 1, a: gt, lda: n, b: bt,
          ldb: ldb, beta: 1, c: ga + t * m * k, ldc: k)
      }
      if nodes[node.b].needsGrad {
        if transB {
          // dB (n×k) += dCᵀ (n×m) · A (m×k)
          Kernel.gemm(
            transA: true, transB: false, m: n, n: k, k: m, alpha: 1, a: gt, lda: n, b: at,
            ldb: k, beta: 1, c: gb + t * strideB, ldc: k)
        } else {
          // dB (k×n) += Aᵀ (k×m) · dC (m×n)
          Kernel.gemm(
            transA: true, transB: false, m: k, n: n, k: m, alpha: 1, a: at, lda: k, b: gt,
            ldb: n, beta: 1, c: gb + t * strideB, ldc: n)
        }
      }
    }
  }
}
