// GEMM, the small-matrix path: register-blocked loops straight over the row-major operands, no
// packing, no scratch allocation, no edge tiles.
//
// The packed driver (GEMM+SIMD.swift) copies op(A) (and a transposed op(B)) into micro-kernel
// order once per call. For the matrices of small models (a 32 x 64 activation times a 64 x 256
// weight, a 24 x 16 attention head) the operands fit in L1/L2 anyway, the copies and the
// allocation cost as much as a large share of the product, and the edge tiles run through a
// scratch tile. This path reads the operands where they lie:
//
// - op(B) untransposed (rows of B contiguous), "axpy form": a block of 4 rows x 8 columns of C
//   in eight SIMD4 accumulators; per p it loads two vectors of row p of B and broadcasts the four
//   op(A)[i, p] (any transpose of A: a scalar load each). Rows left over go one at a time,
//   columns left over in one SIMD4 and then one by one. Each C element is summed in the order
//   p = 0, 1, ..., k-1, as in the reference.
// - op(B) transposed with op(A) untransposed (C = A Bᵀ: a row of A and a row of B are both
//   contiguous over p), "dot form": a block of 4 rows x 2 columns of C as eight SIMD4 partial
//   dot products over p, summed across lanes at the end, the k % 4 tail added in scalar.
// - op(A) and op(B) both transposed: the packed driver (neither operand is contiguous over the
//   index this path vectorises).
//
// `SIMDKernels.gemm` chooses this path (`usesSmallPath`) when op(B) (k x n floats, re-read for
// every block of 4 rows) fits in L2 alongside the rows of A; the dot form then always, the axpy
// form only up to m * n * k = 2^17: above that the packed micro-kernel, reading A from one
// contiguous sliver, was faster in wasm32. Measured in Node 20 (wasm32 simd128, this path vs the
// packed 4x8 driver, same run): A Bᵀ 32x64x256 1.73x, 768x64x64 1.16x, 768x64x256 1.28x,
// 24x24x16 1.48x; A B 24x16x24 1.87x, 33x37x29 1.05x, 32x256x64 0.89x (hence the cap). All SIMD4 code, so the same source is
// the wasm32 simd128 path and the native one; the scalar reference stays the oracle.

extension SIMDKernels {
  /// op(B) of at most this many floats (128 KiB) runs on the small path.
  static var smallPathMaxBFloats: Int { 32_768 }

  /// The axpy form runs when m * n * k is at most this: above it, the packed driver's
  /// micro-kernel, which reads A from one contiguous sliver, was faster in wasm32 (Node 20: 0.89x
  /// for the small path at 32 x 256 x 64, 1.05-1.9x at 24 x 16 x 24 and 33 x 37 x 29).
  static var smallAxpyMaxProduct: Int { 131_072 }

  /// Whether a GEMM of this shape runs on the unpacked small path (see the header): op(B) fits
  /// in cache, and for the axpy form the product is small enough.
  ///
  /// - Complexity: O(1).
  static func usesSmallPath(_ s: GEMMShape) -> Bool {
    guard s.k > 0, s.n > 0, s.k * s.n <= smallPathMaxBFloats else { return false }
    switch (s.transA, s.transB) {
    case (.none, .transpose): return true
    case (.transpose, .transpose): return false
    default: return s.m <= smallAxpyMaxProduct / (s.k * s.n)
    }
  }

  /// `C = alpha * op(A) * op(B) + beta * C` without packing, for validated arguments with
  /// m, n, k > 0, alpha != 0 and not both operands transposed.
  ///
  /// - Complexity: O(m * n * k).
  static func smallGEMM(
    _ s: GEMMShape, alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float, c: UnsafeMutablePointer<Float>
  ) {
    if s.transB == .none {
      let a = StridedMatrix(base: a, transposed: s.transA == .transpose, ld: s.lda)
      smallRowsOfB(s, alpha: alpha, a: a, b: b, beta: beta, c: c)
    } else {
      smallDots(s, alpha: alpha, a: a, b: b, beta: beta, c: c)
    }
  }

  /// `c = alpha * sum + beta * c`; beta == 0 does not read c.
  @inline(__always)
  static func storeScalar(_ sum: Float, _ c: UnsafeMutablePointer<Float>, _ alpha: Float, _ beta: Float) {
    c.pointee = beta == 0 ? alpha * sum : alpha * sum + beta * c.pointee
  }

  /// The axpy form over an untransposed B (rows `s.ldb` apart).
  static func smallRowsOfB(
    _ s: GEMMShape, alpha: Float, a: StridedMatrix, b: UnsafePointer<Float>, beta: Float,
    c: UnsafeMutablePointer<Float>
  ) {
    typealias V = SIMD4<Float>
    let k = s.k, ldb = s.ldb, ldc = s.ldc, cs = a.columnStride
    var i = 0
    while i + 4 <= s.m {
      let a0 = a.base + i * a.rowStride, a1 = a0 + a.rowStride
      let a2 = a1 + a.rowStride, a3 = a2 + a.rowStride
      let row = c + i * ldc
      var j = 0
      while j + 8 <= s.n {
        var c00 = V(), c01 = V(), c10 = V(), c11 = V()
        var c20 = V(), c21 = V(), c30 = V(), c31 = V()
        var pb = b + j
        var o = 0
        for _ in 0..<k {
          let b0 = GEMMOps.load4(pb), b1 = GEMMOps.load4(pb + 4)
          var x = V(repeating: a0[o])
          c00 = GEMMOps.multiplyAdd(c00, x, b0); c01 = GEMMOps.multiplyAdd(c01, x, b1)
          x = V(repeating: a1[o])
          c10 = GEMMOps.multiplyAdd(c10, x, b0); c11 = GEMMOps.multiplyAdd(c11, x, b1)
          x = V(repeating: a2[o])
          c20 = GEMMOps.multiplyAdd(c20, x, b0); c21 = GEMMOps.multiplyAdd(c21, x, b1)
          x = V(repeating: a3[o])
          c30 = GEMMOps.multiplyAdd(c30, x, b0); c31 = GEMMOps.multiplyAdd(c31, x, b1)
          pb += ldb
          o += cs
        }
        var r = row + j
        GEMMOps.storeBlock(c00, r, alpha, beta); GEMMOps.storeBlock(c01, r + 4, alpha, beta); r += ldc
        GEMMOps.storeBlock(c10, r, alpha, beta); GEMMOps.storeBlock(c11, r + 4, alpha, beta); r += ldc
        GEMMOps.storeBlock(c20, r, alpha, beta); GEMMOps.storeBlock(c21, r + 4, alpha, beta); r += ldc
        GEMMOps.storeBlock(c30, r, alpha, beta); GEMMOps.storeBlock(c31, r + 4, alpha, beta)
        j += 8
      }
      if j + 4 <= s.n {
        var c0 = V(), c1 = V(), c2 = V(), c3 = V()
        var pb = b + j
        var o = 0
        for _ in 0..<k {
          let b0 = GEMMOps.load4(pb)
          c0 = GEMMOps.multiplyAdd(c0, V(repeating: a0[o]), b0)
          c1 = GEMMOps.multiplyAdd(c1, V(repeating: a1[o]), b0)
          c2 = GEMMOps.multiplyAdd(c2, V(repeating: a2[o]), b0)
          c3 = GEMMOps.multiplyAdd(c3, V(repeating: a3[o]), b0)
          pb += ldb
          o += cs
        }
        var r = row + j
        GEMMOps.storeBlock(c0, r, alpha, beta); r += ldc
        GEMMOps.storeBlock(c1, r, alpha, beta); r += ldc
        GEMMOps.storeBlock(c2, r, alpha, beta); r += ldc
        GEMMOps.storeBlock(c3, r, alpha, beta)
        j += 4
      }
      while j < s.n {
        smallColumn(k: k, a: a0, aRowStride: a.rowStride, cs: cs, rows: 4, b: b + j, ldb: ldb,
                    c: row + j, ldc: ldc, alpha: alpha, beta: beta)
        j += 1
      }
      i += 4
    }
    while i < s.m {
      smallRowOfB(s, alpha: alpha, a: a.base + i * a.rowStride, cs: cs, b: b, beta: beta, c: c + i * ldc)
      i += 1
    }
  }

  /// One row of C in the axpy form: `c[0..<n] = alpha * sum_p a[p*cs] * B[p, 0..<n] + beta * c`.
  static func smallRowOfB(
    _ s: GEMMShape, alpha: Float, a: UnsafePointer<Float>, cs: Int, b: UnsafePointer<Float>,
    beta: Float, c: UnsafeMutablePointer<Float>
  ) {
    typealias V = SIMD4<Float>
    let k = s.k, ldb = s.ldb
    var j = 0
    while j + 8 <= s.n {
      var c0 = V(), c1 = V()
      var pb = b + j
      var o = 0
      for _ in 0..<k {
        let x = V(repeating: a[o])
        c0 = GEMMOps.multiplyAdd(c0, x, GEMMOps.load4(pb))
        c1 = GEMMOps.multiplyAdd(c1, x, GEMMOps.load4(pb + 4))
        pb += ldb
        o += cs
      }
      GEMMOps.storeBlock(c0, c + j, alpha, beta); GEMMOps.storeBlock(c1, c + j + 4, alpha, beta)
      j += 8
    }
    if j + 4 <= s.n {
      var c0 = V()
      var pb = b + j
      var o = 0
      for _ in 0..<k {
        c0 = GEMMOps.multiplyAdd(c0, V(repeating: a[o]), GEMMOps.load4(pb))
        pb += ldb
        o += cs
      }
      GEMMOps.storeBlock(c0, c + j, alpha, beta)
      j += 4
    }
    while j < s.n {
      smallColumn(k: k, a: a, aRowStride: 0, cs: cs, rows: 1, b: b + j, ldb: ldb, c: c + j,
                  ldc: 0, alpha: alpha, beta: beta)
      j += 1
    }
  }

  /// One column of C for `rows` rows, in scalar: `c[r*ldc] = alpha * sum_p A[r, p] B[p] + beta * c`.
  static func smallColumn(
    k: Int, a: UnsafePointer<Float>, aRowStride: Int, cs: Int, rows: Int, b: UnsafePointer<Float>,
    ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    for r in 0..<rows {
      let ar = a + r * aRowStride
      var sum: Float = 0
      for p in 0..<k { sum += ar[p * cs] * b[p * ldb] }
      storeScalar(sum, c + r * ldc, alpha, beta)
    }
  }

  /// The dot form, C = A Bᵀ with A untransposed: rows of A and of B are contiguous over p.
  static func smallDots(
    _ s: GEMMShape, alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float,
    c: UnsafeMutablePointer<Float>
  ) {
    typealias V = SIMD4<Float>
    let k = s.k, lda = s.lda, ldb = s.ldb, ldc = s.ldc
    let k4 = k & ~3
    var i = 0
    while i + 4 <= s.m {
      let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
      var j = 0
      while j + 2 <= s.n {
        let b0 = b + j * ldb, b1 = b0 + ldb
        var c00 = V(), c01 = V(), c10 = V(), c11 = V()
        var c20 = V(), c21 = V(), c30 = V(), c31 = V()
        var p = 0
        while p < k4 {
          let x0 = GEMMOps.load4(b0 + p), x1 = GEMMOps.load4(b1 + p)
          var y = GEMMOps.load4(a0 + p)
          c00 = GEMMOps.multiplyAdd(c00, y, x0); c01 = GEMMOps.multiplyAdd(c01, y, x1)
          y = GEMMOps.load4(a1 + p)
          c10 = GEMMOps.multiplyAdd(c10, y, x0); c11 = GEMMOps.multiplyAdd(c11, y, x1)
          y = GEMMOps.load4(a2 + p)
          c20 = GEMMOps.multiplyAdd(c20, y, x0); c21 = GEMMOps.multiplyAdd(c21, y, x1)
          y = GEMMOps.load4(a3 + p)
          c30 = GEMMOps.multiplyAdd(c30, y, x0); c31 = GEMMOps.multiplyAdd(c31, y, x1)
          p += 4
        }
        var s00 = c00.sum(), s01 = c01.sum(), s10 = c10.sum(), s11 = c11.sum()
        var s20 = c20.sum(), s21 = c21.sum(), s30 = c30.sum(), s31 = c31.sum()
        while p < k {
          let x0 = b0[p], x1 = b1[p]
          s00 += a0[p] * x0; s01 += a0[p] * x1
          s10 += a1[p] * x0; s11 += a1[p] * x1
          s20 += a2[p] * x0; s21 += a2[p] * x1
          s30 += a3[p] * x0; s31 += a3[p] * x1
          p += 1
        }
        let r = c + i * ldc + j
        storeScalar(s00, r, alpha, beta); storeScalar(s01, r + 1, alpha, beta)
        storeScalar(s10, r + ldc, alpha, beta); storeScalar(s11, r + ldc + 1, alpha, beta)
        storeScalar(s20, r + 2 * ldc, alpha, beta); storeScalar(s21, r + 2 * ldc + 1, alpha, beta)
        storeScalar(s30, r + 3 * ldc, alpha, beta); storeScalar(s31, r + 3 * ldc + 1, alpha, beta)
        j += 2
      }
      if j < s.n {
        for r in 0..<4 {
          smallDot(k: k, a + (i + r) * lda, b + j * ldb, c + (i + r) * ldc + j, alpha, beta)
        }
      }
      i += 4
    }
    while i < s.m {
      for j in 0..<s.n {
        smallDot(k: k, a + i * lda, b + j * ldb, c + i * ldc + j, alpha, beta)
      }
      i += 1
    }
  }

  /// One element of C in the dot form: `c = alpha * dot(x[0..<k], y[0..<k]) + beta * c`.
  static func smallDot(
    k: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    _ alpha: Float, _ beta: Float
  ) {
    var acc = SIMD4<Float>()
    var p = 0
    while p + 4 <= k {
      acc = GEMMOps.multiplyAdd(acc, GEMMOps.load4(x + p), GEMMOps.load4(y + p))
      p += 4
    }
    var sum = acc.sum()
    while p < k {
      sum += x[p] * y[p]
      p += 1
    }
    storeScalar(sum, c, alpha, beta)
  }
}
