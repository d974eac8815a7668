// Tests of GEMM.swift: argument validation (every KernelError case), the dispatching entry points,
// and the fixtures and tolerance shared by the GEMM/GEMV test files.
import Testing
@testable import SIMDKit

/// Deterministic pseudo-random numbers (SplitMix64), so every failure reproduces.
struct GEMMRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// `count` floats uniform in [-1, 1).
  mutating func floats(_ count: Int) -> [Float] {
    (0..<count).map { _ in Float.random(in: -1..<1, using: &self) }
  }
}

/// One GEMM problem: stored operands (with padding when ld > width) and the expected C bound.
struct GEMMCase: CustomTestStringConvertible {
  var transA: Transpose
  var transB: Transpose
  var m: Int, n: Int, k: Int
  var lda: Int, ldb: Int, ldc: Int
  var alpha: Float, beta: Float
  var a: [Float], b: [Float], c: [Float]

  var testDescription: String {
    "\(transA == .none ? "N" : "T")\(transB == .none ? "N" : "T") m\(m) n\(n) k\(k) "
      + "ld \(lda)/\(ldb)/\(ldc) alpha \(alpha) beta \(beta)"
  }

  /// Random operands; `pad` extra columns on every leading dimension.
  init(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, pad: Int = 0,
    alpha: Float = 1, beta: Float = 0, seed: UInt64 = 1
  ) {
    var rng = GEMMRandom(seed: seed &+ UInt64(m * 1_000_003 + n * 1009 + k))
    self.transA = transA
    self.transB = transB
    self.m = m
    self.n = n
    self.k = k
    self.alpha = alpha
    self.beta = beta
    let (aRows, aCols) = transA == .none ? (m, k) : (k, m)
    let (bRows, bCols) = transB == .none ? (k, n) : (n, k)
    lda = max(1, aCols) + pad
    ldb = max(1, bCols) + pad
    ldc = max(1, n) + pad
    a = rng.floats(aRows * lda)
    b = rng.floats(bRows * ldb)
    c = rng.floats(m * ldc)
  }

  /// op(A)[i, p] and op(B)[p, j] as Double.
  func opA(_ i: Int, _ p: Int) -> Double {
    Double(transA == .none ? a[i * lda + p] : a[p * lda + i])
  }
  func opB(_ p: Int, _ j: Int) -> Double {
    Double(transB == .none ? b[p * ldb + j] : b[j * ldb + p])
  }

  /// Runs one GEMM implementation on a copy of C.
  func run(
    _ gemm: (Transpose, Transpose, Int, Int, Int, Float, [Float], Int, [Float], Int, Float,
      inout [Float], Int) throws(KernelError) -> Void
  ) throws -> [Float] {
    var out = c
    try gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, &out, ldc)
    return out
  }

  /// Checks `got` against `expected` (both full C buffers) within the GEMM error bound:
  /// |got - expected| <= 2 (k + 2) eps (|alpha| sum_p |op(A)[i,p]| |op(B)[p,j]| + |beta| |C[i,j]|)
  /// (each side is within (k + 2) eps of the exact value), with NaN matching NaN and infinities
  /// matching exactly. Padding past n in each row of C must be untouched.
  func expectClose(_ got: [Float], _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation) {
    let eps = Double(Float.ulpOfOne)
    var failures = 0
    for i in 0..<m {
      for j in 0..<ldc {
        let index = i * ldc + j
        let g = got[index], e = expected[index]
        if j >= n {
          if g.bitPattern != c[index].bitPattern { failures += 1 }
          continue
        }
        if e.isNaN || g.isNaN || e.isInfinite || g.isInfinite {
          if !(e.isNaN && g.isNaN) && g != e { failures += 1 }
          continue
        }
        var magnitude = 0.0
        for p in 0..<k { magnitude += abs(opA(i, p) * opB(p, j)) }
        let cOld = beta == 0 ? 0 : abs(Double(beta) * Double(c[index]))
        let bound = 2 * Double(k + 2) * eps * (abs(Double(alpha)) * magnitude + cOld) + 1e-37
        if abs(Double(g) - Double(e)) > bound { failures += 1 }
      }
    }
    #expect(failures == 0, "\(failures) elements differ: \(testDescription)", sourceLocation: sourceLocation)
  }
}

/// The three GEMM faces as plain functions of the same shape.
enum GEMMFaces {
  static func kernels(
    _ ta: Transpose, _ tb: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float, _ a: [Float],
    _ lda: Int, _ b: [Float], _ ldb: Int, _ beta: Float, _ c: inout [Float], _ ldc: Int
  ) throws(KernelError) {
    try Kernels.gemm(
      transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
      beta: beta, c: &c, ldc: ldc)
  }
  static func reference(
    _ ta: Transpose, _ tb: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float, _ a: [Float],
    _ lda: Int, _ b: [Float], _ ldb: Int, _ beta: Float, _ c: inout [Float], _ ldc: Int
  ) throws(KernelError) {
    try ReferenceKernels.gemm(
      transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
      beta: beta, c: &c, ldc: ldc)
  }
  static func simd(
    _ ta: Transpose, _ tb: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float, _ a: [Float],
    _ lda: Int, _ b: [Float], _ ldb: Int, _ beta: Float, _ c: inout [Float], _ ldc: Int
  ) throws(KernelError) {
    try SIMDKernels.gemm(
      transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
      beta: beta, c: &c, ldc: ldc)
  }
}

let allTransposes: [(Transpose, Transpose)] = [
  (.none, .none), (.none, .transpose), (.transpose, .none), (.transpose, .transpose),
]

@Suite("GEMM entry and validation")
struct GEMMTests {
  @Test func multipliesTwoByTwo() throws {
    var c = [Float](repeating: .nan, count: 4)
    try Kernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], c: &c)
    #expect(c == [19, 22, 43, 50])
  }

  @Test func dispatchedResultMatchesActivePath() throws {
    let problem = GEMMCase(.transpose, .none, m: 13, n: 21, k: 9, pad: 2, alpha: -1, beta: 0.5)
    let got = try problem.run(GEMMFaces.kernels)
    let expected = try problem.run(KernelPath.active == .simd ? GEMMFaces.simd : GEMMFaces.reference)
    #expect(got == expected)
  }

  @Test func bufferPointerOverloadMatchesArrays() throws {
    let p = GEMMCase(.none, .transpose, m: 7, n: 11, k: 5, pad: 1, alpha: 2, beta: -1)
    var viaPointers = p.c
    try p.a.withUnsafeBufferPointer { a throws(KernelError) in
      try p.b.withUnsafeBufferPointer { b throws(KernelError) in
        try viaPointers.withUnsafeMutableBufferPointer { c throws(KernelError) in
          try Kernels.gemm(
            transA: p.transA, transB: p.transB, m: p.m, n: p.n, k: p.k, alpha: p.alpha,
            a: a, lda: p.lda, b: b, ldb: p.ldb, beta: p.beta, c: c, ldc: p.ldc)
        }
      }
    }
    #expect(viaPointers == (try p.run(GEMMFaces.kernels)))
  }

  @Test func tightLeadingDimensionsAreTheDefault() throws {
    var c = [Float](repeating: 0, count: 6)
    // op(A) = A^T is 2 x 3 (A stored 3 x 2), op(B) = B is 3 x 3... with n = 3.
    try Kernels.gemm(
      transA: .transpose, m: 2, n: 3, k: 3, a: [1, 0, 0, 1, 1, 1], b: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      c: &c)
    #expect(c == [8, 10, 12, 11, 13, 15])
  }

  @Test func negativeSizesThrow() {
    var c: [Float] = [0]
    #expect(throws: KernelError.invalidDimension(name: "m", value: -1)) {
      try Kernels.gemm(m: -1, n: 1, k: 1, a: [1], b: [1], c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "n", value: -2)) {
      try Kernels.gemm(m: 1, n: -2, k: 1, a: [1], b: [1], c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "k", value: -3)) {
      try Kernels.gemm(m: 1, n: 1, k: -3, a: [1], b: [1], c: &c)
    }
  }

  @Test func leadingDimensionsBelowTheStoredWidthThrow() {
    var c = [Float](repeating: 0, count: 64)
    let a = [Float](repeating: 1, count: 64), b = a
    // A is m x k = 2 x 4 untransposed (width 4), k x m = 4 x 2 transposed (width 2).
    #expect(throws: KernelError.invalidDimension(name: "lda", value: 3)) {
      try Kernels.gemm(m: 2, n: 2, k: 4, a: a, lda: 3, b: b, c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "lda", value: 1)) {
      try Kernels.gemm(transA: .transpose, m: 2, n: 2, k: 4, a: a, lda: 1, b: b, c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "ldb", value: 2)) {
      try Kernels.gemm(m: 2, n: 3, k: 4, a: a, b: b, ldb: 2, c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "ldb", value: 3)) {
      try Kernels.gemm(transB: .transpose, m: 2, n: 3, k: 4, a: a, b: b, ldb: 3, c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "ldc", value: 2)) {
      try Kernels.gemm(m: 2, n: 3, k: 4, a: a, b: b, c: &c, ldc: 2)
    }
    // Even an empty matrix needs ld >= 1, as in BLAS.
    #expect(throws: KernelError.invalidDimension(name: "ldc", value: 0)) {
      try Kernels.gemm(m: 0, n: 0, k: 0, a: [], b: [], c: &c, ldc: 0)
    }
  }

  @Test func shortBuffersThrow() {
    var c = [Float](repeating: 0, count: 6)
    var shortC = [Float](repeating: 0, count: 5)
    let six = [Float](repeating: 1, count: 6)
    let five = [Float](repeating: 1, count: 5)
    #expect(throws: KernelError.bufferTooSmall(name: "a", required: 6, actual: 5)) {
      try Kernels.gemm(m: 2, n: 3, k: 3, a: five, b: [Float](repeating: 1, count: 9), c: &c)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "b", required: 6, actual: 5)) {
      try Kernels.gemm(m: 3, n: 2, k: 3, a: [Float](repeating: 1, count: 9), b: five, c: &c)
    }
    #expect(throws: KernelError.bufferTooSmall(name: "c", required: 6, actual: 5)) {
      try Kernels.gemm(m: 2, n: 3, k: 1, a: [1, 1], b: [1, 1, 1], c: &shortC)
    }
    // With a padded ld the last row needs only its width: (rows - 1) * ld + columns.
    #expect(throws: KernelError.bufferTooSmall(name: "a", required: 12, actual: 6)) {
      try Kernels.gemm(m: 2, n: 3, k: 2, a: six, lda: 10, b: six, c: &c)
    }
    var exact = [Float](repeating: 0, count: 13)
    #expect(throws: Never.self) {
      try Kernels.gemm(m: 2, n: 3, k: 2, a: [Float](repeating: 1, count: 12), lda: 10, b: six,
                       c: &exact, ldc: 10)
    }
  }

  @Test func overflowingLeadingDimensionsThrow() {
    var c = [Float](repeating: 0, count: 4)
    #expect(throws: KernelError.invalidDimension(name: "lda", value: Int.max)) {
      try Kernels.gemm(m: 3, n: 2, k: 2, a: [1, 2, 3, 4], lda: Int.max, b: [1, 2, 3, 4], c: &c)
    }
    #expect(throws: KernelError.invalidDimension(name: "ldb", value: Int.max / 2)) {
      try Kernels.gemm(m: 2, n: 2, k: 3, a: [1, 2, 3, 4, 5, 6], b: [1], ldb: Int.max / 2, c: &c)
    }
  }

  @Test func everyFaceValidatesTheSameWay() {
    var c = [Float](repeating: 0, count: 4)
    let error = KernelError.bufferTooSmall(name: "b", required: 4, actual: 3)
    #expect(throws: error) {
      try ReferenceKernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [1, 2, 3], c: &c)
    }
    #expect(throws: error) {
      try SIMDKernels.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [1, 2, 3], c: &c)
    }
    #expect(throws: error) {
      try [Float](repeating: 1, count: 4).withUnsafeBufferPointer { a throws(KernelError) in
        try [Float](repeating: 1, count: 3).withUnsafeBufferPointer { b throws(KernelError) in
          try c.withUnsafeMutableBufferPointer { c throws(KernelError) in
            try Kernels.gemm(m: 2, n: 2, k: 2, a: a, b: b, c: c)
          }
        }
      }
    }
  }

  @Test func emptyOutputTouchesNothing() throws {
    var c: [Float] = [.nan, 7]
    try Kernels.gemm(m: 0, n: 2, k: 3, a: [], b: [1, 2, 3, 4, 5, 6], beta: 2, c: &c)
    try Kernels.gemm(m: 2, n: 0, k: 3, a: [1, 2, 3, 4, 5, 6], b: [], beta: 2, c: &c)
    #expect(c[0].isNaN && c[1] == 7)
  }

  @Test func scaleMatrixHandlesEveryBeta() {
    var c: [Float] = [1, 2, 99, 3, 4, 99]
    c.withUnsafeMutableBufferPointer { scaleMatrix($0.baseAddress!, rows: 2, columns: 2, ld: 3, beta: 1) }
    #expect(c == [1, 2, 99, 3, 4, 99])
    c.withUnsafeMutableBufferPointer { scaleMatrix($0.baseAddress!, rows: 2, columns: 2, ld: 3, beta: -2) }
    #expect(c == [-2, -4, 99, -6, -8, 99])
    c[0] = .nan
    c.withUnsafeMutableBufferPointer { scaleMatrix($0.baseAddress!, rows: 2, columns: 2, ld: 3, beta: 0) }
    #expect(c == [0, 0, 99, 0, 0, 99])
  }
}
