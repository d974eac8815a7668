import Testing
@testable import SIMDKit

@Suite("Softmax, entry points")
struct SoftmaxTests {
  @Test("array and buffer forms agree; length mismatch throws")
  func forms() throws {
    let x = Fixtures.uniform(19, seed: 121)
    var y = [Float](repeating: 0, count: 19)
    try x.withUnsafeBufferPointer { px in try y.withUnsafeMutableBufferPointer { try Kernels.softmax(px, into: $0) } }
    #expect(y == Kernels.softmax(x))
    #expect(Kernels.softmax([1, 1, 1, 1] as [Float]) == [0.25, 0.25, 0.25, 0.25])
    var short: [Float] = [0]
    #expect(throws: KernelError.lengthMismatch(expected: 19, actual: 1)) {
      try x.withUnsafeBufferPointer { px in try short.withUnsafeMutableBufferPointer { try Kernels.softmax(px, into: $0) } }
    }
  }
}
