// GEMV, the vectorised path.
//
// GEMV does two flops per element of A it reads, so it is bound by memory bandwidth, not by
// arithmetic: the goal is to stream A exactly once, with unit-stride vector loads, whatever the
// transpose. Row-major A gives two different loops:
//
// - `.none`, y[i] = alpha * <A[i, :], x> + beta * y[i]: four rows at a time, each with its own
//   SIMD8 accumulator (four independent dependency chains, one load of x shared by four rows),
//   reduced horizontally at the end of the row; a scalar tail covers n % 8.
// - `.transpose`, y = alpha * A^T x + beta * y: y is first scaled by beta (zeroed, unread, when
//   beta == 0), then four rows at a time are added as `y[j..] += (alpha*x[i]) * A[i, j..]`, so each
//   vector of y is loaded and stored once per four rows of A.
//
// Both use SIMD8<Float> (AVX2 ymm natively with x86-64-v3, two xmm on baseline SSE, two v128 on
// wasm32) and at most 4 accumulators + 5 operands live. Results differ from the reference only in
// summation order (and, transposed, in alpha being applied per product).

extension SIMDKernels {
  /// Vectorised GEMV, `y = alpha * op(A) * x + beta * y`.
  ///
  /// Same arguments, validation and errors as ``Kernels/gemv(trans:m:n:alpha:a:lda:x:beta:y:)``,
  /// always on this fast path.
  ///
  /// ```swift
  /// var y: [Float] = [1, 1]
  /// try SIMDKernels.gemv(m: 2, n: 2, alpha: 2, a: [1, 2, 3, 4], x: [1, 1], beta: -1, y: &y)
  /// // y == [5, 13]
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

  /// The vectorised loops over validated arguments.
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
    // Both m and n are positive here, so validation guaranteed non-empty A and x.
    let aBase = a.baseAddress!, xBase = x.baseAddress!
    if s.trans == .none {
      gemvRows(m: s.m, n: s.n, alpha: alpha, a: aBase, lda: s.lda, x: xBase, beta: beta, y: yBase)
    } else {
      scaleVector(yBase, count: s.n, beta: beta)
      gemvTransposedAccumulate(m: s.m, n: s.n, alpha: alpha, a: aBase, lda: s.lda, x: xBase, y: yBase)
    }
  }

  /// y[i] = alpha * <A[i, 0..<n], x> + beta * y[i] for i in 0..<m.
  static func gemvRows(
    m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
  ) {
    typealias V = SIMD8<Float>
    @inline(__always) func finish(_ i: Int, _ sum: Float) {
      y[i] = beta == 0 ? alpha * sum : alpha * sum + beta * y[i]
    }
    var i = 0
    while i + 4 <= m {
      let r0 = a + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda
      var s0 = V(), s1 = V(), s2 = V(), s3 = V()
      var j = 0
      while j + 8 <= n {
        let xv = GEMMOps.load8(x + j)
        s0 = GEMMOps.multiplyAdd(s0, GEMMOps.load8(r0 + j), xv)
        s1 = GEMMOps.multiplyAdd(s1, GEMMOps.load8(r1 + j), xv)
        s2 = GEMMOps.multiplyAdd(s2, GEMMOps.load8(r2 + j), xv)
        s3 = GEMMOps.multiplyAdd(s3, GEMMOps.load8(r3 + j), xv)
        j += 8
      }
      var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
      while j < n {
        let xj = x[j]
        t0 += r0[j] * xj
        t1 += r1[j] * xj
        t2 += r2[j] * xj
        t3 += r3[j] * xj
        j += 1
      }
      finish(i, t0)
      finish(i + 1, t1)
      finish(i + 2, t2)
      finish(i + 3, t3)
      i += 4
    }
    while i < m {
      let r0 = a + i * lda
      var s0 = V()
      var j = 0
      while j + 8 <= n {
        s0 = GEMMOps.multiplyAdd(s0, GEMMOps.load8(r0 + j), GEMMOps.load8(x + j))
        j += 8
      }
      var t0 = s0.sum()
      while j < n {
        t0 += r0[j] * x[j]
        j += 1
      }
      finish(i, t0)
      i += 1
    }
  }

  /// y[0..<n] += alpha * A^T x, A m x n: four rows of A per pass over y.
  static func gemvTransposedAccumulate(
    m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
  ) {
    typealias V = SIMD8<Float>
    let yRaw = UnsafeMutableRawPointer(y)
    var i = 0
    while i + 4 <= m {
      let r0 = a + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda
      let c0 = alpha * x[i], c1 = alpha * x[i + 1], c2 = alpha * x[i + 2], c3 = alpha * x[i + 3]
      let v0 = V(repeating: c0), v1 = V(repeating: c1), v2 = V(repeating: c2), v3 = V(repeating: c3)
      var j = 0
      while j + 8 <= n {
        var acc = yRaw.loadUnaligned(fromByteOffset: j * 4, as: V.self)
        acc = GEMMOps.multiplyAdd(acc, v0, GEMMOps.load8(r0 + j))
        acc = GEMMOps.multiplyAdd(acc, v1, GEMMOps.load8(r1 + j))
        acc = GEMMOps.multiplyAdd(acc, v2, GEMMOps.load8(r2 + j))
        acc = GEMMOps.multiplyAdd(acc, v3, GEMMOps.load8(r3 + j))
        yRaw.storeBytes(of: acc, toByteOffset: j * 4, as: V.self)
        j += 8
      }
      while j < n {
        y[j] = y[j] + c0 * r0[j] + c1 * r1[j] + c2 * r2[j] + c3 * r3[j]
        j += 1
      }
      i += 4
    }
    while i < m {
      let r0 = a + i * lda
      let c0 = alpha * x[i]
      let v0 = V(repeating: c0)
      var j = 0
      while j + 8 <= n {
        let acc = yRaw.loadUnaligned(fromByteOffset: j * 4, as: V.self)
        yRaw.storeBytes(of: GEMMOps.multiplyAdd(acc, v0, GEMMOps.load8(r0 + j)), toByteOffset: j * 4, as: V.self)
        j += 8
      }
      while j < n {
        y[j] += c0 * r0[j]
        j += 1
      }
      i += 1
    }
  }
}
