// Causal dilated 1-D convolution (WaveNet / TCN style), channels last.
//
//   y[b, t, :] = Σ_k  x[b, t − (K−1−k)·d, :] · W[k]        (terms with a negative time are zero)
//
// x is [B, T, Cin], W is [K, Cin, Cout] (tap k = K−1 is the current step), y is [B, T, Cout]. The
// output at time t sees inputs at t, t−d, …, t−(K−1)d only, so a stack never leaks the future.
// PyTorch's Conv1d keeps [Cout, Cin, K] weights on [B, Cin, T] inputs with left padding (K−1)d;
// the fixtures permute to this layout. Each tap is one GEMM over the valid rows of each batch:
//   y[b, s:, :] += x[b, :T−s, :] · W[k],   s = (K−1−k)·d
// Backward: dx[b, :T−s] += dy[b, s:] · W[k]ᵀ and dW[k] += x[b, :T−s]ᵀ · dy[b, s:].

extension Graph {
  /// Causal dilated convolution of `x` `[B, T, Cin]` with `weight` `[K, Cin, Cout]` → `[B, T, Cout]`.
  ///
  /// ```swift
  /// let g = Graph()
  /// let x = g.constant(Tensor(zeros: Shape(2, 10, 3)))
  /// let w = g.constant(Tensor(zeros: Shape(2, 3, 4)))
  /// let y = try g.causalConv1D(x, w, dilation: 2)      // [2, 10, 4]
  /// ```
  /// - Complexity: O(B · T · K · Cin · Cout).
  public func causalConv1D(_ x: Var, _ weight: Var, dilation: Int = 1) throws(TensorError) -> Var {
    try check(x)
    try check(weight)
    guard dilation >= 1 else { throw .invalidArgument }
    guard x.shape.rank == 3, weight.shape.rank == 3, weight.shape[1] == x.shape[2] else {
      throw .shapeMismatch(x.shape, weight.shape)
    }
    let b = x.shape[0], t = x.shape[1], cin = x.shape[2]
    let taps = weight.shape[0], cout = weight.shape[2]
    let id = make(.conv1d, Shape(b, t, cout), x.id, weight.id)
    nodes[id].i0 = dilation
    let px = val(x.id), pw = val(weight.id), py = val(id)
    py.update(repeating: 0, count: b * t * cout)
    if cin == 0 || cout == 0 { return v(id) }
    for k in 0..<taps {
      let s = (taps - 1 - k) * dilation
      if s >= t { continue }
      for bi in 0..<b {
        Kernel.gemm(
          transA: false, transB: false, m: t - s, n: cout, k: cin, alpha: 1,
          a: px + bi * t * cin, lda: cin, b: pw + k * cin * cout, ldb: cout, beta: 1,
          c: py + (bi * t + s) * cout, ldc: cout)
      }
    }
    return v(id)
  }

  func backwardConv1D(_ n: Node, _ i: Int) {
    let xs = nodes[n.a].shape, ws = nodes[n.b].shape
    let b = xs[0], t = xs[1], cin = xs[2], taps = ws[0], cout = ws[2]
    let d = n.i0
    if cin == 0 || cout == 0 { return }
    let px = val(n.a), pw = val(n.b), g = grad(i), gx = grad(n.a), gw = grad(n.b)
    for k in 0..<taps {
      let s = (taps - 1 - k) * d
      if s >= t { continue }
      for bi in 0..<b {
        let gy = g + (bi * t + s) * cout
        if nodes[n.a].needsGrad {
          Kernel.gemm(
            transA: false, transB: true, m: t - s, n: cin, k: cout, alpha: 1, a: gy, lda: cout,
            b: pw + k * cin * cout, ldb: cout, beta: 1, c: gx + bi * t * cin, ldc: cin)
        }
        if nodes[n.b].needsGrad {
          Kernel.gemm(
            transA: true, transB: false, m: cin, n: cout, k: t - s, alpha: 1,
            a: px + bi * t * cin, lda: cin, b: gy, ldb: cout, beta: 1,
            c: gw + k * cin * cout, ldc: cout)
        }
      }
    }
  }
}
