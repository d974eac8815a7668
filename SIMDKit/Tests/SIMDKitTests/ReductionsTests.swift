import Testing
@testable import SIMDKit

@Suite("Reductions, entry points")
struct ReductionsTests {
  @Test("array and buffer forms agree", arguments: [1, 5, 33, 100])
  func forms(n: Int) throws {
    let x = Fixtures.uniform(n, seed: 31)
    let xd = x.map(Double.init)
    let viaBuffer: (Float, Float, Float, Int) = try x.withUnsafeBufferPointer { p throws(KernelError) in
      (Kernels.sum(p), try Kernels.min(p), try Kernels.max(p), try Kernels.argmax(p))
    }
    #expect(viaBuffer.0 == Kernels.sum(x))
    #expect(try viaBuffer.1 == Kernels.min(x))
    #expect(try viaBuffer.2 == Kernels.max(x))
    #expect(try viaBuffer.3 == Kernels.argmax(x))
    #expect(xd.withUnsafeBufferPointer { Kernels.sum($0) } == Kernels.sum(xd))
    #expect(try Kernels.min(x) == x.min() && Kernels.max(x) == x.max())
  }

  @Test("examples from the documentation")
  func examples() throws {
    #expect(Kernels.sum([1, 2, 3] as [Float]) == 6)
    #expect(try Kernels.min([3, -1, 2] as [Float]) == -1)
    #expect(try Kernels.max([3, -1, 2] as [Float]) == 3)
    #expect(try Kernels.argmax([1, 5, 5] as [Float]) == 1)
  }

  @Test("empty input throws .empty for min, max and argmax")
  func empty() {
    let e: [Float] = []
    #expect(throws: KernelError.empty) { try Kernels.min(e) }
    #expect(throws: KernelError.empty) { try Kernels.max(e) }
    #expect(throws: KernelError.empty) { try Kernels.argmax(e) }
    #expect(throws: KernelError.empty) { try e.withUnsafeBufferPointer { _ = try Kernels.min($0) } }
    #expect(throws: KernelError.empty) { try e.withUnsafeBufferPointer { _ = try Kernels.max($0) } }
    #expect(throws: KernelError.empty) { try e.withUnsafeBufferPointer { _ = try Kernels.argmax($0) } }
    #expect(Kernels.sum(e) == 0)
  }
}
