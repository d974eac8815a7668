// Tests of GEMM+SIMD.swift: the packed fast path against the scalar reference, over exhaustive
// small sizes, every transpose, padded leading dimensions, alpha/beta edge values, sizes that
// cross every cache block (MC, KC, NC) and NaN/infinity propagation. Tolerance: see
// `GEMMCase.expectClose`, 2 (k + 2) eps (|alpha| |A||B| + |beta C|) per element.
import Testing
@testable import SIMDKit

@Suite("GEMM SIMD path vs reference")
struct GEMMSIMDTests {
  /// Compares SIMDKernels with ReferenceKernels on one problem.
  func check(_ p: GEMMCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    p.expectClose(try p.run(GEMMFaces.simd), try p.run(GEMMFaces.reference), sourceLocation: sourceLocation)
  }

  @Test(arguments: 0...33)
  func sweepM(m: Int) throws {
    for (ta, tb) in allTransposes { try check(GEMMCase(ta, tb, m: m, n: 17, k: 19, beta: 0.5)) }
  }

  @Test(arguments: 0...33)
  func sweepN(n: Int) throws {
    for (ta, tb) in allTransposes { try check(GEMMCase(ta, tb, m: 13, n: n, k: 11, alpha: -1)) }
  }

  @Test(arguments: 0...33)
  func sweepK(k: Int) throws {
    for (ta, tb) in allTransposes { try check(GEMMCase(ta, tb, m: 7, n: 18, k: k, pad: 1, beta: 1)) }
  }

  @Test func randomCombinations() throws {
    var rng = GEMMRandom(seed: 42)
    let scalars: [Float] = [0, 1, -1, 0.5, 2.5]
    for round in 0..<60 {
      let (ta, tb) = allTransposes[Int.random(in: 0..<4, using: &rng)]
      try check(
        GEMMCase(
          ta, tb, m: Int.random(in: 0...70, using: &rng), n: Int.random(in: 0...70, using: &rng),
          k: Int.random(in: 0...70, using: &rng), pad: Int.random(in: 0...5, using: &rng),
          alpha: scalars.randomElement(using: &rng)!, beta: scalars.randomElement(using: &rng)!,
          seed: UInt64(round)))
    }
  }

  @Test(arguments: 0..<4)
  func largeSizesCrossTheCacheBlocks(transposes: Int) throws {
    let (ta, tb) = allTransposes[transposes]
    // m > MC (168), k > KC (256): several A blocks, and C accumulated over two K blocks.
    try check(GEMMCase(ta, tb, m: 257, n: 129, k: 300, pad: 3, alpha: 0.75, beta: -0.5))
  }

  @Test func wideMatricesCrossTheColumnBlock() throws {
    // n > NC (4080 columns): two column blocks of B and C, the last one partial.
    try check(GEMMCase(.none, .none, m: 7, n: 4100, k: 5, beta: 1))
    try check(GEMMCase(.transpose, .transpose, m: 3, n: 4097, k: 9, pad: 1))
  }

  @Test(arguments: [Float(0), 1, -1, 0.25], [Float(0), 1, -1, 3])
  func alphaBetaEdgeValues(alpha: Float, beta: Float) throws {
    for (ta, tb) in allTransposes {
      try check(GEMMCase(ta, tb, m: 9, n: 20, k: 7, pad: 2, alpha: alpha, beta: beta))
    }
  }

  @Test func betaZeroNeverReadsC() throws {
    for (ta, tb) in allTransposes {
      var p = GEMMCase(ta, tb, m: 14, n: 19, k: 6, pad: 1)
      for i in 0..<p.m { for j in 0..<p.n { p.c[i * p.ldc + j] = .nan } }
      let got = try p.run(GEMMFaces.simd)
      #expect(got.allSatisfy { !$0.isNaN })
      p.expectClose(got, try p.run(GEMMFaces.reference))
    }
  }

  @Test func alphaZeroOrEmptyKNeverReadsAOrB() throws {
    var p = GEMMCase(.none, .none, m: 8, n: 9, k: 4, alpha: 0, beta: 2)
    p.a = p.a.map { _ in .nan }
    p.b = p.b.map { _ in .infinity }
    let got = try p.run(GEMMFaces.simd)
    #expect(got == p.c.map { 2 * $0 })
    var empty = GEMMCase(.none, .none, m: 5, n: 6, k: 0, beta: -1)
    empty.c[3] = .nan
    let scaled = try empty.run(GEMMFaces.simd)
    #expect(scaled[3].isNaN)
    #expect(scaled.indices.filter { $0 != 3 }.allSatisfy { scaled[$0] == -empty.c[$0] })
  }

  @Test func nanAndInfinityPropagate() throws {
    for (ta, tb) in allTransposes {
      var p = GEMMCase(ta, tb, m: 11, n: 23, k: 10, beta: 1)
      // A NaN in op(A)[3, 4] poisons row 3 of C; an infinity in op(B)[6, 15] makes column 15
      // infinite or NaN (inf * 0 and inf - inf give NaN), as in the reference.
      if ta == .none { p.a[3 * p.lda + 4] = .nan } else { p.a[4 * p.lda + 3] = .nan }
      if tb == .none { p.b[6 * p.ldb + 15] = .infinity } else { p.b[15 * p.ldb + 6] = .infinity }
      let got = try p.run(GEMMFaces.simd)
      p.expectClose(got, try p.run(GEMMFaces.reference))
      #expect((0..<p.n).allSatisfy { got[3 * p.ldc + $0].isNaN })
      #expect((0..<p.m).allSatisfy { !got[$0 * p.ldc + 15].isFinite })
    }
  }

  @Test func packingZeroPadsPartialSlivers() {
    // 2 x 3 op(A) packed into slivers of 4 rows, 3 x 5 op(B) into slivers of 4 columns.
    let a: [Float] = [1, 2, 3, 4, 5, 6]
    let b: [Float] = Array(1...15).map { Float($0) }
    var packedA = [Float](repeating: .nan, count: 12)
    var packedB = [Float](repeating: .nan, count: 24)
    a.withUnsafeBufferPointer { a in
      packedA.withUnsafeMutableBufferPointer { out in
        let matrix = StridedMatrix(base: a.baseAddress!, transposed: false, ld: 3)
        SIMDKernels.packA(matrix, row: 0, column: 0, mc: 2, kc: 3, mr: 4, into: out.baseAddress!)
      }
    }
    b.withUnsafeBufferPointer { b in
      packedB.withUnsafeMutableBufferPointer { out in
        let matrix = StridedMatrix(base: b.baseAddress!, transposed: true, ld: 3)  // op(B) = B^T of a 5 x 3
        SIMDKernels.packB(matrix, row: 0, column: 0, kc: 3, nc: 5, nr: 4, into: out.baseAddress!)
      }
    }
    #expect(packedA == [1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0])
    #expect(packedB == [1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12, 13, 0, 0, 0, 14, 0, 0, 0, 15, 0, 0, 0])
  }

  @Test func packingContiguousRowsUsesVectorCopiesAndZeroPads() {
    // op(A) = A^T of a stored 3 x 2 (rows contiguous along i); op(B) = a stored 2 x 12
    // (rows contiguous along j), packed in slivers of 8 columns: one full, one partial.
    let a: [Float] = [1, 2, 3, 4, 5, 6]
    let b: [Float] = Array(1...24).map { Float($0) }
    var packedA = [Float](repeating: .nan, count: 12)
    var packedB = [Float](repeating: .nan, count: 32)
    a.withUnsafeBufferPointer { a in
      packedA.withUnsafeMutableBufferPointer { out in
        let matrix = StridedMatrix(base: a.baseAddress!, transposed: true, ld: 2)
        SIMDKernels.packA(matrix, row: 0, column: 0, mc: 2, kc: 3, mr: 4, into: out.baseAddress!)
      }
    }
    b.withUnsafeBufferPointer { b in
      packedB.withUnsafeMutableBufferPointer { out in
        let matrix = StridedMatrix(base: b.baseAddress!, transposed: false, ld: 12)
        SIMDKernels.packB(matrix, row: 0, column: 0, kc: 2, nc: 12, nr: 8, into: out.baseAddress!)
      }
    }
    #expect(packedA == [1, 2, 0, 0, 3, 4, 0, 0, 5, 6, 0, 0])
    #expect(packedB == [1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 15, 16, 17, 18, 19, 20,
                        9, 10, 11, 12, 0, 0, 0, 0, 21, 22, 23, 24, 0, 0, 0, 0])
    // A row whose width is a multiple of 4 but not of 8 ends with a 4-lane copy.
    var row = [Float](repeating: .nan, count: 12)
    b.withUnsafeBufferPointer { b in
      row.withUnsafeMutableBufferPointer { out in
        SIMDKernels.copyPanelRow(from: b.baseAddress!, to: out.baseAddress!, count: 12, width: 12)
      }
    }
    #expect(row == Array(b[0..<12]))
  }
}
