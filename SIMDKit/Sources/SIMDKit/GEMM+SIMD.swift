// GEMM, the fast path: cache blocking and packing around a register-blocked micro-kernel.
//
// The structure is the one of GotoBLAS/BLIS (Goto & van de Geijn, "Anatomy of high-performance
// matrix multiplication", TOMS 2008; Van Zee & van de Geijn, "BLIS", TOMS 2015):
//
//     for jc in 0..<n step NC                       5th loop: a column block of op(B) and C
//       for pc in 0..<k step KC                     4th loop: pack op(B)[pc.., jc..] -> Bp (KC x NC, L3)
//         for ic in 0..<m step MC                   3rd loop: pack op(A)[ic.., pc..] -> Ap (MC x KC, L2)
//           for jr in 0..<nc step NR                2nd loop: one KC x NR sliver of Bp (stays in L1)
//             for ir in 0..<mc step MR              1st loop: one MR x KC sliver of Ap
//               micro-kernel: C[ir, jr] (MR x NR) = alpha * Ap sliver * Bp sliver + beta' * C
//
// Packing copies each operand once per block into the exact order the micro-kernel reads it
// (contiguous, unit stride, zero-padded to whole MR/NR slivers), so transposes and leading
// dimensions cost nothing inside the hot loop and every load of the micro-kernel is sequential.
// `beta' = beta` for the first KC block and 1 afterwards (the later blocks accumulate onto C).
// Tiles at the right and bottom edges are computed into a small scratch tile and merged, so the
// micro-kernel itself never needs a partial case.
//
// Block sizes (floats), BLIS's Haswell values: KC = 256 (a 6x16 B sliver is 16 KB, a third to a
// half of L1d), MC = 168 rounded to MR (a 168 x 256 A block is 168 KB, within L2), NC = 4080
// rounded to NR (the packed B panel lives in L3). Measured with scripts/bench.sh on this machine
// (Zen 5, thread CPU time): KC in {128, 256, 320, 384}, MC in {72, 96, 168} and NC in {256, 512,
// 1024, 4080} all land within a few per cent at 512^3 and 1024^3; these were as good as any.

// Goals, in order: the same answer as the reference (within rounding, see GEMM.swift); speed at
// 256..1024 (within a small factor of single-threaded OpenBLAS, measured by Benchmarks/);
// no allocation beyond the two packing buffers; code that compiles with Embedded Swift for wasm32.

extension SIMDKernels {
  /// Packed, register-blocked GEMM, `C = alpha * op(A) * op(B) + beta * C`.
  ///
  /// Same arguments, validation and errors as ``Kernels/gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``,
  /// always on this fast path whatever ``KernelPath/active`` says.
  ///
  /// ```swift
  /// var c = [Float](repeating: 0, count: 4)
  /// try SIMDKernels.gemm(transB: .transpose, m: 2, n: 2, k: 2,
  ///                      a: [1, 2, 3, 4], b: [5, 7, 6, 8], c: &c)
  /// // c == [19, 22, 43, 50]
  /// ```
  ///
  /// - Complexity: O(m * n * k) arithmetic, O(m * k + k * n) packing.
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

  /// The fast path over validated arguments: the unpacked small path (GEMM+Small.swift) when
  /// op(B) fits in cache, else the packed driver with this target's default micro-kernel.
  static func gemm(
    _ s: GEMMShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
    beta: Float, c: UnsafeMutableBufferPointer<Float>
  ) {
    if s.m > 0, s.n > 0, !s.productVanishes(alpha: alpha), usesSmallPath(s),
      let aBase = a.baseAddress, let bBase = b.baseAddress, let cBase = c.baseAddress
    {
      smallGEMM(s, alpha: alpha, a: aBase, b: bBase, beta: beta, c: cBase)
      return
    }
    gemm(s, alpha: alpha, a: a, b: b, beta: beta, c: c, kernel: DefaultGEMMMicroKernel.self)
  }

  /// The fast path with a chosen micro-kernel (the tests run every kernel through this).
  ///
  /// `readsBInPlace` lets the micro-kernel read an untransposed B where it lies instead of packing
  /// it (ignored for a transposed B); `nil` decides by size: in place up to 128^3 multiply-adds,
  /// where packing B costs as much as the product, packed above, where packing pays for itself.
  ///
  /// - Complexity: O(m * n * k).
  static func gemm<K: GEMMMicroKernel>(
    _ s: GEMMShape, alpha: Float,
    a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
    beta: Float, c: UnsafeMutableBufferPointer<Float>, kernel: K.Type,
    readsBInPlace: Bool? = nil
  ) {
    guard s.m > 0, s.n > 0, let cBase = c.baseAddress else { return }
    if s.productVanishes(alpha: alpha) {
      scaleMatrix(cBase, rows: s.m, columns: s.n, ld: s.ldc, beta: beta)
      return
    }
    // k > 0 and m, n > 0 here, so validation guaranteed that A and B are non-empty.
    let aBase = a.baseAddress!, bBase = b.baseAddress!
    let mr = K.mr, nr = K.nr
    let kcMax = 256
    let mcMax = (168 / mr) * mr
    let ncMax = (4080 / nr) * nr
    let kcBlock = Swift.min(kcMax, s.k)
    let mcBlock = Swift.min(mcMax, GEMMOps.roundUp(s.m, mr))
    let ncBlock = Swift.min(ncMax, GEMMOps.roundUp(s.n, nr))
    // Strides of op(A)[i, p] and op(B)[p, j] in their buffers.
    let a = StridedMatrix(base: aBase, transposed: s.transA == .transpose, ld: s.lda)
    let b = StridedMatrix(base: bBase, transposed: s.transB == .transpose, ld: s.ldb)
    // One scratch allocation for both packed blocks and the edge tile.
    let scratch = UnsafeMutablePointer<Float>.allocate(
      capacity: mcBlock * kcBlock + kcBlock * ncBlock + mr * nr)
    defer { scratch.deallocate() }
    let packedB = scratch + mcBlock * kcBlock
    let small = Double(s.m) * Double(s.n) * Double(s.k) <= 2_097_152
    blockedLoops(
      s, alpha: alpha, a: a, b: b, beta: beta, c: cBase, packedA: scratch, packedB: packedB,
      tile: packedB + kcBlock * ncBlock, kcMax: kcMax, mcMax: mcMax, ncMax: ncMax,
      directB: s.transB == .none && (readsBInPlace ?? small), kernel: K.self)
  }

  /// The five loops of the header, over scratch buffers sized for one block of each operand.
  /// With `directB` (untransposed B only) whole NR-column slivers of B are read in place, rows
  /// `ldb` apart, and only a partial last sliver is packed (zero-padded).
  static func blockedLoops<K: GEMMMicroKernel>(
    _ s: GEMMShape, alpha: Float, a: StridedMatrix, b: StridedMatrix, beta: Float,
    c cBase: UnsafeMutablePointer<Float>, packedA: UnsafeMutablePointer<Float>,
    packedB: UnsafeMutablePointer<Float>, tile: UnsafeMutablePointer<Float>,
    kcMax: Int, mcMax: Int, ncMax: Int, directB: Bool, kernel: K.Type
  ) {
    let mr = K.mr, nr = K.nr

    var jc = 0
    while jc < s.n {
      let nc = Swift.min(ncMax, s.n - jc)
      var pc = 0
      while pc < s.k {
        let kc = Swift.min(kcMax, s.k - pc)
        if !directB { packB(b, row: pc, column: jc, kc: kc, nc: nc, nr: nr, into: packedB) }
        let betaBlock: Float = pc == 0 ? beta : 1
        var ic = 0
        while ic < s.m {
          let mc = Swift.min(mcMax, s.m - ic)
          packA(a, row: ic, column: pc, mc: mc, kc: kc, mr: mr, into: packedA)
          var jr = 0
          while jr < nc {
            let columns = Swift.min(nr, nc - jr)
            var bSliver = UnsafePointer(packedB + jr * kc)
            var bStride = nr
            if directB {
              if columns == nr {
                bSliver = b.base + pc * b.rowStride + jc + jr
                bStride = b.rowStride
              } else {
                packB(b, row: pc, column: jc + jr, kc: kc, nc: columns, nr: nr, into: packedB)
                bSliver = UnsafePointer(packedB)
              }
            }
            var ir = 0
            while ir < mc {
              let rows = Swift.min(mr, mc - ir)
              let aSliver = UnsafePointer(packedA + ir * kc)
              let cTile = cBase + (ic + ir) * s.ldc + jc + jr
              if rows == mr && columns == nr {
                K.run(
                  kc: kc, a: aSliver, b: bSliver, bStride: bStride, c: cTile, ldc: s.ldc,
                  alpha: alpha, beta: betaBlock)
              } else {
                K.run(
                  kc: kc, a: aSliver, b: bSliver, bStride: bStride, c: tile, ldc: nr, alpha: 1,
                  beta: 0)
                mergeTile(
                  tile, ldTile: nr, into: cTile, ldc: s.ldc, rows: rows, columns: columns,
                  alpha: alpha, beta: betaBlock)
              }
              ir += mr
            }
            jr += nr
          }
          ic += mcMax
        }
        pc += kcMax
      }
      jc += ncMax
    }
  }
}

/// A read-only row-major matrix seen through a possible transpose: `self[i, j]` is op(M)[i, j].
struct StridedMatrix {
  let base: UnsafePointer<Float>
  /// Distance between op(M)[i, j] and op(M)[i + 1, j].
  let rowStride: Int
  /// Distance between op(M)[i, j] and op(M)[i, j + 1].
  let columnStride: Int

  init(base: UnsafePointer<Float>, transposed: Bool, ld: Int) {
    self.base = base
    (rowStride, columnStride) = transposed ? (1, ld) : (ld, 1)
  }

  @inline(__always)
  subscript(i: Int, j: Int) -> Float { base[i * rowStride + j * columnStride] }
}


extension SIMDKernels {
  /// Packs op(A)[row ..< row + mc, column ..< column + kc] into slivers of `mr` rows:
  /// sliver q holds, for each p, the `mr` values op(A)[row + q*mr + i, column + p] (zero past mc).
  ///
  /// - Complexity: O(roundUp(mc, mr) * kc).
  static func packA(
    _ a: StridedMatrix, row: Int, column: Int, mc: Int, kc: Int, mr: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    var out = packed
    var i0 = 0
    while i0 < mc {
      let rows = Swift.min(mr, mc - i0)
      if a.rowStride == 1 {
        // Transposed storage: a column of the sliver (fixed p) is contiguous in memory.
        for p in 0..<kc {
          copyPanelRow(from: a.base + (row + i0) + (column + p) * a.columnStride, to: out + p * mr, count: rows, width: mr)
        }
      } else {
        // Row-major storage: rows of the sliver (fixed i) are contiguous in memory. Walking p
        // in the outer loop writes the packed sliver sequentially (a store stream `mr` floats
        // apart per row was the bottleneck of small products).
        let source = a.base + (row + i0) * a.rowStride + column * a.columnStride
        var dst = out
        for p in 0..<kc {
          let column = source + p * a.columnStride
          for i in 0..<rows { dst[i] = column[i * a.rowStride] }
          dst += mr
        }
      }
      if rows < mr && a.rowStride != 1 {
        for p in 0..<kc {
          for i in rows..<mr { out[p * mr + i] = 0 }
        }
      }
      out += mr * kc
      i0 += mr
    }
  }

  /// Packs op(B)[row ..< row + kc, column ..< column + nc] into slivers of `nr` columns:
  /// sliver q holds, for each p, the `nr` values op(B)[row + p, column + q*nr + j] (zero past nc).
  ///
  /// - Complexity: O(kc * roundUp(nc, nr)).
  static func packB(
    _ b: StridedMatrix, row: Int, column: Int, kc: Int, nc: Int, nr: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    var out = packed
    var j0 = 0
    while j0 < nc {
      let columns = Swift.min(nr, nc - j0)
      if b.columnStride == 1 {
        // Row-major storage: a row of the sliver (fixed p) is contiguous in memory.
        for p in 0..<kc {
          copyPanelRow(from: b.base + (row + p) * b.rowStride + (column + j0), to: out + p * nr, count: columns, width: nr)
        }
      } else {
        // Transposed storage: a column of the sliver (fixed j) is contiguous in memory.
        for j in 0..<columns {
          let source = b.base + row * b.rowStride + (column + j0 + j) * b.columnStride
          var dst = out + j
          for p in 0..<kc {
            dst.pointee = source[p * b.rowStride]
            dst += nr
          }
        }
      }
      if columns < nr && b.columnStride != 1 {
        for p in 0..<kc {
          for j in columns..<nr { out[p * nr + j] = 0 }
        }
      }
      out += nr * kc
      j0 += nr
    }
  }

  /// Copies `count` contiguous floats into a packed row of `width` (a multiple of 4 or 6), zero
  /// past `count`: with vector moves for a full row, since packing runs once per row of a sliver
  /// and a `memcpy` call per row would cost more than the copy for small products.
  ///
  /// - Complexity: O(width).
  @inline(__always)
  static func copyPanelRow(
    from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int,
    width: Int
  ) {
    let raw = UnsafeMutableRawPointer(destination)
    if count == width && width % 4 == 0 {
      var j = 0
      while j + 8 <= width {
        raw.storeBytes(of: GEMMOps.load8(source + j), toByteOffset: j * 4, as: SIMD8<Float>.self)
        j += 8
      }
      if j < width {
        raw.storeBytes(of: GEMMOps.load4(source + j), toByteOffset: j * 4, as: SIMD4<Float>.self)
      }
      return
    }
    for j in 0..<count { destination[j] = source[j] }
    for j in count..<width { destination[j] = 0 }
  }

  /// `C[0..<rows, 0..<columns] = alpha * tile + beta * C` for a partial edge tile;
  /// beta == 0 does not read C.
  ///
  /// - Complexity: O(rows * columns).
  static func mergeTile(
    _ tile: UnsafeMutablePointer<Float>, ldTile: Int,
    into c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
    alpha: Float, beta: Float
  ) {
    for i in 0..<rows {
      let t = tile + i * ldTile
      let row = c + i * ldc
      for j in 0..<columns {
        row[j] = beta == 0 ? alpha * t[j] : alpha * t[j] + beta * row[j]
      }
    }
  }
}
