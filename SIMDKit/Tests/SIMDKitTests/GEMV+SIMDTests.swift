// Tests of GEMV+SIMD.swift: the vectorised loops against the reference for every size 0...33 in
// each dimension, both transposes, padded lda, alpha/beta edge values and NaN/inf propagation.
import Testing
@testable import SIMDKit

@Suite("GEMV SIMD path vs reference")
struct GEMVSIMDTests {
  func check(_ p: GEMVCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    p.expectClose(try p.run(GEMVFaces.simd), try p.run(GEMVFaces.reference), sourceLocation: sourceLocation)
  }

  @Test(arguments: 0...33)
  func sweepRows(m: Int) throws {
    for t in [Transpose.none, .transpose] {
      try check(GEMVCase(t, m: m, n: 21, beta: 0.5))
      try check(GEMVCase(t, m: m, n: 8, pad: 3, alpha: -1, beta: 1))
    }
  }

  @Test(arguments: 0...33)
  func sweepColumns(n: Int) throws {
    for t in [Transpose.none, .transpose] {
      try check(GEMVCase(t, m: 13, n: n, pad: 1, alpha: 2))
      try check(GEMVCase(t, m: 4, n: n, beta: -1))
    }
  }

  @Test(arguments: [Float(0), 1, -1, 0.5], [Float(0), 1, -1, 3])
  func alphaBetaEdgeValues(alpha: Float, beta: Float) throws {
    for t in [Transpose.none, .transpose] {
      try check(GEMVCase(t, m: 11, n: 19, pad: 2, alpha: alpha, beta: beta))
    }
  }

  @Test func largeAndRandomSizes() throws {
    var rng = GEMMRandom(seed: 9)
    for t in [Transpose.none, .transpose] {
      try check(GEMVCase(t, m: 517, n: 263, pad: 5, alpha: 0.5, beta: 1))
      for round in 0..<20 {
        try check(
          GEMVCase(
            t, m: Int.random(in: 0...90, using: &rng), n: Int.random(in: 0...90, using: &rng),
            pad: Int.random(in: 0...4, using: &rng), alpha: 1.5, beta: -0.25, seed: UInt64(round)))
      }
    }
  }

  @Test func betaZeroNeverReadsY() throws {
    for t in [Transpose.none, .transpose] {
      var p = GEMVCase(t, m: 14, n: 19)
      p.y = p.y.map { _ in .nan }
      let got = try p.run(GEMVFaces.simd)
      #expect(got.allSatisfy { !$0.isNaN })
      p.expectClose(got, try p.run(GEMVFaces.reference))
    }
  }

  @Test func alphaZeroNeverReadsAOrX() throws {
    for t in [Transpose.none, .transpose] {
      var p = GEMVCase(t, m: 6, n: 10, alpha: 0, beta: 2)
      p.a = p.a.map { _ in .nan }
      p.x = p.x.map { _ in .infinity }
      #expect(try p.run(GEMVFaces.simd) == p.y.map { 2 * $0 })
    }
  }

  @Test func nanAndInfinityPropagate() throws {
    for t in [Transpose.none, .transpose] {
      for n in [5, 12, 20] {
        var p = GEMVCase(t, m: 9, n: n, beta: 1)
        p.a[2 * p.lda + 3] = .nan         // poisons output 2 (.none) or 3 (.transpose)
        p.x[1] = .infinity
        let got = try p.run(GEMVFaces.simd)
        p.expectClose(got, try p.run(GEMVFaces.reference))
        #expect(got[t == .none ? 2 : 3].isNaN)
      }
    }
  }
}
