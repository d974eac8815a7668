// Tests of GEMM+MicroKernels.swift: every micro-kernel (not only this target's default) through
// the packed driver against the reference, and the store rules of a single kernel call.
import Testing
@testable import SIMDKit

/// Runs the packed driver with kernel `K` on a GEMMCase.
func runPacked<K: GEMMMicroKernel>(
  _ p: GEMMCase, _ kernel: K.Type, readsBInPlace: Bool? = nil
) throws -> [Float] {
  let shape = try GEMMShape(
    transA: p.transA, transB: p.transB, m: p.m, n: p.n, k: p.k, lda: p.lda, aCount: p.a.count,
    ldb: p.ldb, bCount: p.b.count, ldc: p.ldc, cCount: p.c.count)
  var c = p.c
  p.a.withUnsafeBufferPointer { a in
    p.b.withUnsafeBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        SIMDKernels.gemm(
          shape, alpha: p.alpha, a: a, b: b, beta: p.beta, c: c, kernel: kernel,
          readsBInPlace: readsBInPlace)
      }
    }
  }
  return c
}

@Suite("GEMM micro-kernels")
struct GEMMMicroKernelsTests {
  /// Every kernel, with B packed and (for an untransposed B) read in place.
  func checkAll(_ p: GEMMCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected = try p.run(GEMMFaces.reference)
    for inPlace in [false, true] {
      let loc = sourceLocation
      p.expectClose(try runPacked(p, MicroKernel6x32.self, readsBInPlace: inPlace), expected, sourceLocation: loc)
      p.expectClose(try runPacked(p, MicroKernel6x16.self, readsBInPlace: inPlace), expected, sourceLocation: loc)
      p.expectClose(try runPacked(p, MicroKernel6x8.self, readsBInPlace: inPlace), expected, sourceLocation: loc)
      p.expectClose(try runPacked(p, MicroKernel4x8.self, readsBInPlace: inPlace), expected, sourceLocation: loc)
    }
  }

  @Test(arguments: 0...33)
  func everyKernelOverSmallSizes(size: Int) throws {
    for (ta, tb) in allTransposes {
      try checkAll(GEMMCase(ta, tb, m: size, n: 33 - size, k: 5 + size % 7, pad: size % 3, beta: 1))
      try checkAll(GEMMCase(ta, tb, m: 33 - size, n: size, k: size, alpha: -1, beta: 0.5))
    }
  }

  @Test func everyKernelOnALargeProblem() throws {
    // Several A blocks and two K blocks; B read in place or packed by the flag, not by size.
    try checkAll(GEMMCase(.transpose, .none, m: 181, n: 77, k: 270, pad: 1, alpha: 2, beta: -1))
  }

  @Test func sizeDecidesWhetherBIsReadInPlace() throws {
    // Below and above the 128^3 threshold, through the default kernel and its automatic choice.
    for p in [GEMMCase(.none, .none, m: 40, n: 50, k: 60, pad: 2, beta: 0.5),
              GEMMCase(.none, .none, m: 130, n: 129, k: 131, pad: 1, alpha: -1)] {
      p.expectClose(try runPacked(p, DefaultGEMMMicroKernel.self), try p.run(GEMMFaces.reference))
    }
  }

  @Test func shapesMatchTheTable() {
    #expect(MicroKernel6x32.mr == 6 && MicroKernel6x32.nr == 32)
    #expect(MicroKernel6x16.mr == 6 && MicroKernel6x16.nr == 16)
    #expect(MicroKernel6x8.mr == 6 && MicroKernel6x8.nr == 8)
    #expect(MicroKernel4x8.mr == 4 && MicroKernel4x8.nr == 8)
  }

  /// One call of `K.run` on a full tile with the given beta, against a scalar computation.
  func checkStore<K: GEMMMicroKernel>(_ kernel: K.Type, beta: Float) {
    let kc = 3, ldc = K.nr + 2
    var rng = GEMMRandom(seed: UInt64(K.mr * 100 + K.nr))
    let a = rng.floats(kc * K.mr), b = rng.floats(kc * K.nr)
    var c = rng.floats(K.mr * ldc)
    if beta == 0 { for i in c.indices where i % ldc < K.nr { c[i] = .nan } }
    let before = c
    c.withUnsafeMutableBufferPointer { out in
      K.run(kc: kc, a: a, b: b, bStride: K.nr, c: out.baseAddress!, ldc: ldc, alpha: -2, beta: beta)
    }
    var bad = 0
    for i in 0..<K.mr {
      for j in 0..<ldc {
        let index = i * ldc + j
        if j >= K.nr {
          if c[index] != before[index] { bad += 1 }
          continue
        }
        var sum: Float = 0
        for p in 0..<kc { sum += a[p * K.mr + i] * b[p * K.nr + j] }
        let expected = beta == 0 ? -2 * sum : -2 * sum + beta * before[index]
        if abs(c[index] - expected) > 1e-5 { bad += 1 }
      }
    }
    #expect(bad == 0, "\(K.mr)x\(K.nr) beta \(beta)")
  }

  @Test(arguments: [Float(0), 1, 0.5])
  func kernelsStoreAlphaTimesAccumulatorPlusBetaC(beta: Float) {
    checkStore(MicroKernel6x32.self, beta: beta)
    checkStore(MicroKernel6x16.self, beta: beta)
    checkStore(MicroKernel6x8.self, beta: beta)
    checkStore(MicroKernel4x8.self, beta: beta)
  }
}
