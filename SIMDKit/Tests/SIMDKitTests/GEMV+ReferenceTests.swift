// Tests of GEMV+Reference.swift: the oracle against hand-computed products and a Double loop.
import Testing
@testable import SIMDKit

@Suite("GEMV reference")
struct GEMVReferenceTests {
  @Test func knownProducts() throws {
    var y: [Float] = [10, 20]
    try ReferenceKernels.gemv(m: 2, n: 2, alpha: -1, a: [1, 2, 3, 4], x: [1, 2], beta: 0.5, y: &y)
    #expect(y == [0, -1])
    var yt: [Float] = [0, 0, 0]
    try ReferenceKernels.gemv(trans: .transpose, m: 2, n: 3, a: [1, 2, 3, 4, 5, 6], x: [1, 1], y: &yt)
    #expect(yt == [5, 7, 9])
  }

  @Test(arguments: [Transpose.none, .transpose])
  func matchesADoubleLoop(trans: Transpose) throws {
    let p = GEMVCase(trans, m: 37, n: 29, pad: 3, alpha: 1.25, beta: -2)
    let got = try p.run(GEMVFaces.reference)
    var exact = p.y
    for i in 0..<p.outputCount {
      var sum = 0.0
      for q in 0..<p.inputCount { sum += p.opA(i, q) * Double(p.x[q]) }
      exact[i] = Float(Double(p.alpha) * sum + Double(p.beta) * Double(p.y[i]))
    }
    p.expectClose(got, exact)
  }

  @Test func edgeSemantics() throws {
    var y: [Float] = [.nan]
    try ReferenceKernels.gemv(m: 1, n: 1, a: [2], x: [3], y: &y)
    #expect(y == [6])
    try ReferenceKernels.gemv(m: 1, n: 1, alpha: 0, a: [.nan], x: [.infinity], beta: -1, y: &y)
    #expect(y == [-6])
  }
}
