// Tests of GEMV.swift: validation (every KernelError case), the dispatching entry points, and
// the GEMV fixture shared by the GEMV test files. Tolerance (see `GEMVCase.expectClose`):
// 2 (len + 2) eps (|alpha| sum |A||x| + |beta y|) per element.
import Testing
@testable import SIMDKit

/// One GEMV problem with a possibly padded A.
struct GEMVCase: CustomTestStringConvertible {
  var trans: Transpose
  var m: Int, n: Int, lda: Int
  var alpha: Float, beta: Float
  var a: [Float], x: [Float], y: [Float]

  var testDescription: String {
    "\(trans == .none ? "N" : "T") m\(m) n\(n) lda \(lda) alpha \(alpha) beta \(beta)"
  }
  var inputCount: Int { trans == .none ? n : m }
  var outputCount: Int { trans == .none ? m : n }

  init(_ trans: Transpose, m: Int, n: Int, pad: Int = 0, alpha: Float = 1, beta: Float = 0, seed: UInt64 = 3) {
    var rng = GEMMRandom(seed: seed &+ UInt64(m * 7919 + n))
    self.trans = trans
    self.m = m
    self.n = n
    self.alpha = alpha
    self.beta = beta
    lda = max(1, n) + pad
    a = rng.floats(m * lda)
    x = rng.floats(trans == .none ? n : m)
    y = rng.floats(trans == .none ? m : n)
  }

  func opA(_ i: Int, _ p: Int) -> Double { Double(trans == .none ? a[i * lda + p] : a[p * lda + i]) }

  func run(
    _ gemv: (Transpose, Int, Int, Float, [Float], Int, [Float], Float, inout [Float]) throws(KernelError) -> Void
  ) throws -> [Float] {
    var out = y
    try gemv(trans, m, n, alpha, a, lda, x, beta, &out)
    return out
  }

  func expectClose(_ got: [Float], _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation) {
    let eps = Double(Float.ulpOfOne)
    var failures = 0
    for i in 0..<outputCount {
      let g = got[i], e = expected[i]
      if e.isNaN || g.isNaN || e.isInfinite || g.isInfinite {
        if !(e.isNaN && g.isNaN) && g != e { failures += 1 }
        continue
      }
      var magnitude = 0.0
      for p in 0..<inputCount { magnitude += abs(opA(i, p) * Double(x[p])) }
      let yOld = beta == 0 ? 0 : abs(Double(beta) * Double(y[i]))
      let bound = 2 * Double(inputCount + 2) * eps * (abs(Double(alpha)) * magnitude + yOld) + 1e-37
      if abs(Double(g) - Double(e)) > bound { failures += 1 }
    }
    #expect(failures == 0, "\(failures) elements differ: \(testDescription)", sourceLocation: sourceLocation)
  }
}

/// The three GEMV faces as plain functions of the same shape.
enum GEMVFaces {
  static func kernels(
    _ t: Transpose, _ m: Int, _ n: Int, _ alpha: Float, _ a: [Float], _ lda: Int, _ x: [Float],
    _ beta: Float, _ y: inout [Float]
  ) throws(KernelError) {
    try Kernels.gemv(trans: t, m: m, n: n, alpha: alpha, a: a, lda: lda, x: x, beta: beta, y: &y)
  }
  static func reference(
    _ t: Transpose, _ m: Int, _ n: Int, _ alpha: Float, _ a: [Float], _ lda: Int, _ x: [Float],
    _ beta: Float, _ y: inout [Float]
  ) throws(KernelError) {
    try ReferenceKernels.gemv(trans: t, m: m, n: n, alpha: alpha, a: a, lda: lda, x: x, beta: beta, y: &y)
  }
  static func simd(
    _ t: Transpose, _ m: Int, _ n: Int, _ alpha: Float, _ a: [Float], _ lda: Int, _ x: [Float],
    _ beta: Float, _ y: inout [Float]
  ) throws(KernelError) {
    try SIMDKernels.gemv(trans: t, m: m, n: n, alpha: alpha, a: a, lda: lda, x: x, beta: beta, y: &y)
  }
}

@Suite("GEMV entry and validation")
struct GEMVTests {
  @Test func knownProducts() throws {
    var y: [Float] = [.nan, .nan]
    try Kernels.gemv(m: 2, n: 3, a: [1, 2, 3, 4, 5, 6], x: [1, 1, 1], y: &y)
    #expect(y == [6, 15])
    var yt: [Float] = [1, 1, 1]
    try Kernels.gemv(trans: .transpose, m: 2, n: 3, alpha: 2, a: [1, 2, 3, 4, 5, 6], x: [1, -1], beta: 1, y: &yt)
    #expect(yt == [-5, -5, -5])
  }

  @Test func dispatchedResultMatchesActivePath() throws {
    let p = GEMVCase(.transpose, m: 19, n: 27, pad: 2, alpha: -1, beta: 0.5)
    let expected = try p.run(KernelPath.active == .simd ? GEMVFaces.simd : GEMVFaces.reference)
    #expect(try p.run(GEMVFaces.kernels) == expected)
  }

  @Test func bufferPointerOverloadMatchesArrays() throws {
    let p = GEMVCase(.none, m: 9, n: 21, pad: 1, alpha: 2, beta: -1)
    var viaPointers = p.y
    try p.a.withUnsafeBufferPointer { a throws(KernelError) in
      try p.x.withUnsafeBufferPointer { x throws(KernelError) in
        try viaPointers.withUnsafeMutableBufferPointer { y throws(KernelError) in
          try Kernels.gemv(trans: p.trans, m: p.m, n: p.n, alpha: p.alpha, a: a, lda: p.lda, x: x, beta: p.beta, y: y)
        }
      }
    }
    #expect(viaPointers == (try p.run(GEMVFaces.kernels)))
  }

  @Test func invalidArgumentsThrow() {
    var y: [Float] = [0, 0, 0]
    let six: [Float] = [1, 2, 3, 4, 5, 6]
    #expect(throws: KernelError.invalidDimension(name: "m", value: -1)) {
      try Kernels.gemv(m: -1, n: 3, a: six, x: [1, 1, 1], y: &y)
    }
    #expect(throws: KernelError.invalidDimension(name: "n", value: -4)) {
      try Kernels.gemv(m: 2, n: -4, a: six, x: [1, 1, 1], y: &y)
    }
    #expect(throws: KernelError.invalidDimension(name: "lda", value: 2)) {
      try Kernels.gemv(m: 2, n: 3, a: six, lda: 2, x: [1, 1, 1], y: &y)
    }
    #expect(throws: KernelError.invalidDimension(name: "lda", value: Int.max)) {
      try Kernels.gemv(m: 3, n: 3, a: six, lda: Int.max, x: [1, 1, 1], y: &y)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "a", required: 6, actual: 5)) {
      try Kernels.gemv(m: 2, n: 3, a: [1, 2, 3, 4, 5], x: [1, 1, 1], y: &y)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "x", required: 3, actual: 2)) {
      try Kernels.gemv(m: 2, n: 3, a: six, x: [1, 1], y: &y)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "x", required: 2, actual: 1)) {
      try Kernels.gemv(trans: .transpose, m: 2, n: 3, a: six, x: [1], y: &y)
    }
    var short: [Float] = [0, 0]
    #expect(throws: KernelError.bufferTooSmall(name: "y", required: 3, actual: 2)) {
      try Kernels.gemv(trans: .transpose, m: 2, n: 3, a: six, x: [1, 1], y: &short)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "y", required: 3, actual: 2)) {
      try ReferenceKernels.gemv(trans: .transpose, m: 2, n: 3, a: six, x: [1, 1], y: &short)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "y", required: 3, actual: 2)) {
      try SIMDKernels.gemv(trans: .transpose, m: 2, n: 3, a: six, x: [1, 1], y: &short)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "y", required: 3, actual: 2)) {
      try six.withUnsafeBufferPointer { a throws(KernelError) in
        try short.withUnsafeMutableBufferPointer { y throws(KernelError) in
          try Kernels.gemv(m: 3, n: 2, a: a, x: a, y: y)
        }
      }
    }
  }

  @Test func longerBuffersUseOnlyTheirPrefix() throws {
    var y: [Float] = [0, 0, 42]
    try Kernels.gemv(m: 2, n: 2, a: [1, 2, 3, 4, 99], x: [1, 1, 99], y: &y)
    #expect(y == [3, 7, 42])
  }

  @Test func emptyInnerDimensionScalesY() throws {
    var y: [Float] = [2, .nan, 4]
    try Kernels.gemv(trans: .transpose, m: 0, n: 3, a: [], x: [], beta: 0.5, y: &y)
    #expect(y[0] == 1 && y[1].isNaN && y[2] == 2)
    try Kernels.gemv(trans: .transpose, m: 0, n: 3, a: [], x: [], beta: 0, y: &y)
    #expect(y == [0, 0, 0])
    var empty: [Float] = []
    try Kernels.gemv(m: 0, n: 5, a: [], x: [1, 2, 3, 4, 5], y: &empty)
    #expect(empty.isEmpty)
  }
}
