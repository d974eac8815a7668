// Tests of GEMM+Small.swift: the unpacked small-matrix path against the scalar reference, called
// directly (whatever the size rule would choose) over exhaustive small sizes, the three transposes
// it handles, padded leading dimensions and alpha/beta edge values; and the size rule itself.
import Testing
@testable import SIMDKit

/// Runs the small path directly on a GEMMCase (m, n, k > 0, alpha != 0 and not both transposed).
func runSmall(_ p: GEMMCase) throws -> [Float] {
  let shape = try GEMMShape(
    transA: p.transA, transB: p.transB, m: p.m, n: p.n, k: p.k, lda: p.lda, aCount: p.a.count,
    ldb: p.ldb, bCount: p.b.count, ldc: p.ldc, cCount: p.c.count)
  var c = p.c
  p.a.withUnsafeBufferPointer { a in
    p.b.withUnsafeBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        SIMDKernels.smallGEMM(
          shape, alpha: p.alpha, a: a.baseAddress!, b: b.baseAddress!, beta: p.beta,
          c: c.baseAddress!)
      }
    }
  }
  return c
}

/// The transposes the small path handles.
let smallTransposes: [(Transpose, Transpose)] = [(.none, .none), (.none, .transpose), (.transpose, .none)]

@Suite("GEMM small path vs reference")
struct GEMMSmallTests {
  func check(_ p: GEMMCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    p.expectClose(try runSmall(p), try p.run(GEMMFaces.reference), sourceLocation: sourceLocation)
  }

  @Test(arguments: 1...33)
  func sweepM(m: Int) throws {
    for (ta, tb) in smallTransposes { try check(GEMMCase(ta, tb, m: m, n: 19, k: 13, beta: 0.5)) }
  }

  @Test(arguments: 1...33)
  func sweepN(n: Int) throws {
    for (ta, tb) in smallTransposes { try check(GEMMCase(ta, tb, m: 9, n: n, k: 11, alpha: -1)) }
  }

  @Test(arguments: 1...33)
  func sweepK(k: Int) throws {
    for (ta, tb) in smallTransposes { try check(GEMMCase(ta, tb, m: 7, n: 18, k: k, pad: 1, beta: 1)) }
  }

  @Test(arguments: [Float(1), -1, 0.25], [Float(0), 1, -1, 3])
  func alphaBetaEdgeValues(alpha: Float, beta: Float) throws {
    for (ta, tb) in smallTransposes {
      try check(GEMMCase(ta, tb, m: 9, n: 21, k: 7, pad: 2, alpha: alpha, beta: beta))
    }
  }

  @Test func modelShapes() throws {
    // The matrices of the LSTM / Transformer training steps (batch 32, hidden 64, 4 gates).
    try check(GEMMCase(.none, .none, m: 32, n: 256, k: 64))
    try check(GEMMCase(.transpose, .none, m: 64, n: 256, k: 32, beta: 1))
    try check(GEMMCase(.none, .transpose, m: 32, n: 64, k: 256))
    try check(GEMMCase(.none, .transpose, m: 24, n: 24, k: 16, alpha: 0.25))
  }

  @Test func betaZeroNeverReadsC() throws {
    for (ta, tb) in smallTransposes {
      var p = GEMMCase(ta, tb, m: 14, n: 19, k: 6, pad: 1)
      for i in 0..<p.m { for j in 0..<p.n { p.c[i * p.ldc + j] = .nan } }
      let got = try runSmall(p)
      #expect(got.allSatisfy { !$0.isNaN })
      p.expectClose(got, try p.run(GEMMFaces.reference))
    }
  }

  @Test func nanAndInfinityPropagate() throws {
    for (ta, tb) in smallTransposes {
      var p = GEMMCase(ta, tb, m: 10, n: 13, k: 9)
      p.a[0] = .nan
      p.b[p.b.count - 1] = .infinity
      p.expectClose(try runSmall(p), try p.run(GEMMFaces.reference))
    }
  }

  @Test func sizeRule() throws {
    func shape(_ ta: Transpose, _ tb: Transpose, _ m: Int, _ n: Int, _ k: Int) throws -> GEMMShape {
      let (aRows, aCols) = ta == .none ? (m, k) : (k, m)
      let (bRows, bCols) = tb == .none ? (k, n) : (n, k)
      return try GEMMShape(
        transA: ta, transB: tb, m: m, n: n, k: k, lda: nil, aCount: aRows * aCols, ldb: nil,
        bCount: bRows * bCols, ldc: nil, cCount: m * n)
    }
    // A Bᵀ: whenever op(B) fits (k * n <= 32768 floats).
    #expect(SIMDKernels.usesSmallPath(try shape(.none, .transpose, 768, 64, 256)))
    #expect(!SIMDKernels.usesSmallPath(try shape(.none, .transpose, 8, 129, 256)))
    // Both transposed: never.
    #expect(!SIMDKernels.usesSmallPath(try shape(.transpose, .transpose, 4, 4, 4)))
    // A B and Aᵀ B: op(B) fits and m * n * k <= 2^17.
    #expect(SIMDKernels.usesSmallPath(try shape(.none, .none, 24, 16, 24)))
    #expect(SIMDKernels.usesSmallPath(try shape(.transpose, .none, 8, 128, 128)))
    #expect(!SIMDKernels.usesSmallPath(try shape(.transpose, .none, 9, 128, 128)))
    #expect(!SIMDKernels.usesSmallPath(try shape(.none, .none, 32, 256, 64)))
    // Empty problems never reach it.
    #expect(!SIMDKernels.usesSmallPath(try shape(.none, .none, 3, 0, 5)))
    #expect(!SIMDKernels.usesSmallPath(try shape(.none, .none, 3, 5, 0)))
  }

  @Test func dispatchedThroughTheSIMDFace() throws {
    // Small shapes go through SIMDKernels.gemm's size rule and agree with the reference.
    for (ta, tb) in smallTransposes {
      let p = GEMMCase(ta, tb, m: 12, n: 10, k: 8, pad: 1, alpha: 2, beta: -1)
      p.expectClose(try p.run(GEMMFaces.simd), try p.run(GEMMFaces.reference))
    }
  }
}
