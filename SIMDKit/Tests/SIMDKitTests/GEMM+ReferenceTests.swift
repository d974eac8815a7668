// Tests of GEMM+Reference.swift: the oracle itself, against hand-computed products and against
// a Double-precision triple loop (error bound (k + 2) eps |alpha| |A||B| per element).
import Testing
@testable import SIMDKit

@Suite("GEMM reference")
struct GEMMReferenceTests {
  @Test func knownProducts() throws {
    var c: [Float] = [.nan, .nan, .nan, .nan]
    try ReferenceKernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], c: &c)
    #expect(c == [19, 22, 43, 50])
    // A^T B^T = (BA)^T; BA = [[23, 34], [31, 46]].
    try ReferenceKernels.gemm(
      transA: .transpose, transB: .transpose, m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8],
      c: &c)
    #expect(c == [23, 31, 34, 46])
    // alpha and beta: C = 2 * A B - 1 * C.
    try ReferenceKernels.gemm(m: 2, n: 2, k: 2, alpha: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], beta: -1, c: &c)
    #expect(c == [15, 13, 52, 54])  // [38 - 23, 44 - 31, 86 - 34, 100 - 46]
  }

  @Test(arguments: 0..<4)
  func matchesADoubleTripleLoop(transposes: Int) throws {
    let (ta, tb) = allTransposes[transposes]
    let p = GEMMCase(ta, tb, m: 23, n: 31, k: 47, pad: 2, alpha: 1.5, beta: -0.75)
    let got = try p.run(GEMMFaces.reference)
    var exact = p.c
    for i in 0..<p.m {
      for j in 0..<p.n {
        var sum = 0.0
        for q in 0..<p.k { sum += p.opA(i, q) * p.opB(q, j) }
        exact[i * p.ldc + j] = Float(Double(p.alpha) * sum + Double(p.beta) * Double(p.c[i * p.ldc + j]))
      }
    }
    p.expectClose(got, exact)
  }

  @Test func edgeSemantics() throws {
    // beta == 0 ignores NaN in C; alpha == 0 ignores NaN in A; k == 0 scales C.
    var c: [Float] = [.nan]
    try ReferenceKernels.gemm(m: 1, n: 1, k: 1, a: [2], b: [3], c: &c)
    #expect(c == [6])
    try ReferenceKernels.gemm(m: 1, n: 1, k: 1, alpha: 0, a: [.nan], b: [3], beta: 3, c: &c)
    #expect(c == [18])
    try ReferenceKernels.gemm(m: 1, n: 1, k: 0, a: [], b: [], beta: 0.5, c: &c)
    #expect(c == [9])
    var untouched: [Float] = [.nan]
    try ReferenceKernels.gemm(m: 0, n: 1, k: 1, a: [], b: [1], beta: 2, c: &untouched)
    #expect(untouched[0].isNaN)
  }
}
