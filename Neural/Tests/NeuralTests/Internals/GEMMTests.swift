@testable import Neural
import Testing

/// The dispatched kernels (OpenBLAS natively) against the scalar reference, small sizes exhaustively.
@Suite("GEMM and GEMV against the reference")
struct GEMMTests {
  func values(_ n: Int, seed: UInt64) -> [Float] {
    var rng = NeuralRandom(seed: seed)
    return (0..<n).map { _ in rng.uniform(-1, 1) }
  }

  @Test(arguments: [false, true])
  func gemmMatchesReference(transposed: Bool) {
    for m in [0, 1, 2, 3, 5, 8, 17, 33] {
      for n in [0, 1, 4, 7, 16, 33] {
        for k in [0, 1, 3, 9, 32] {
          let lda = transposed ? m + 2 : k + 1, ldb = transposed ? k + 3 : n + 1
          let a = values(max(lda * (transposed ? k : m), 1), seed: 1)
          let b = values(max(ldb * (transposed ? n : k), 1), seed: 2)
          var c1 = values(max(m * (n + 1), 1), seed: 3)
          var c2 = c1
          for beta: Float in [0, 1, 0.5] {
            a.withUnsafeBufferPointer { pa in
              b.withUnsafeBufferPointer { pb in
                c1.withUnsafeMutableBufferPointer { pc in
                  Kernel.gemm(transA: transposed, transB: transposed, m: m, n: n, k: k, alpha: 0.75,
                    a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, beta: beta,
                    c: pc.baseAddress!, ldc: n + 1)
                }
                c2.withUnsafeMutableBufferPointer { pc in
                  ReferenceKernel.gemm(transA: transposed, transB: transposed, m: m, n: n, k: k,
                    alpha: 0.75, a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                    beta: beta, c: pc.baseAddress!, ldc: n + 1)
                }
              }
            }
            for (x, y) in zip(c1, c2) { #expect(abs(x - y) <= 1e-4 * max(1, abs(y))) }
          }
        }
      }
    }
  }

  @Test func gemvMatchesReference() {
    for m in 0...33 {
      for n in [1, 2, 5, 8, 13, 33] {
        let a = values(m * (n + 2) + 1, seed: 4), x = values(max(n, m), seed: 5)
        var y1 = [Float](repeating: 0, count: max(m, n)), y2 = y1
        var t1 = values(max(m, n), seed: 6), t2 = t1
        a.withUnsafeBufferPointer { pa in
          x.withUnsafeBufferPointer { px in
            y1.withUnsafeMutableBufferPointer {
              Kernel.gemv(m: m, n: n, a: pa.baseAddress!, lda: n + 2, x: px.baseAddress!, y: $0.baseAddress!)
            }
            y2.withUnsafeMutableBufferPointer {
              ReferenceKernel.gemv(m: m, n: n, a: pa.baseAddress!, lda: n + 2, x: px.baseAddress!, y: $0.baseAddress!)
            }
            t1.withUnsafeMutableBufferPointer {
              Kernel.gemvTransposedAccumulate(m: m, n: n, a: pa.baseAddress!, lda: n + 2, x: px.baseAddress!, y: $0.baseAddress!)
            }
            t2.withUnsafeMutableBufferPointer {
              ReferenceKernel.gemvTransposedAccumulate(m: m, n: n, a: pa.baseAddress!, lda: n + 2, x: px.baseAddress!, y: $0.baseAddress!)
            }
          }
        }
        for (p, q) in zip(y1, y2) { #expect(abs(p - q) <= 1e-4 * max(1, abs(q))) }
        for (p, q) in zip(t1, t2) { #expect(abs(p - q) <= 1e-4 * max(1, abs(q))) }
      }
    }
  }
}
