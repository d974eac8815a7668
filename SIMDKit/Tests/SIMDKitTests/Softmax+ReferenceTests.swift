import Testing
@testable import SIMDKit

@Suite("Softmax, reference")
struct SoftmaxReferenceTests {
  @Test("uniform, shifted and huge inputs")
  func values() {
    func run(_ x: [Float]) -> [Float] {
      var y = [Float](repeating: 0, count: x.count)
      x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { ReferenceKernels.softmax(px, into: $0) } }
      return y
    }
    #expect(run([0, 0, 0, 0]) == [0.25, 0.25, 0.25, 0.25])
    // Shift invariance, and no overflow for huge logits thanks to the max subtraction.
    #expect(run([1000, 1000]) == [0.5, 0.5])
    #expect(run([0, 1.5, -2.25]) == run([-48, -46.5, -50.25]))  // exact shifts give identical outputs
    #expect(run([]) == [])
  }
}
