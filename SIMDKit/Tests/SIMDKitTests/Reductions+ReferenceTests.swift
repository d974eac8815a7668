import Testing
@testable import SIMDKit

@Suite("Reductions, reference")
struct ReductionsReferenceTests {
  @Test("sum, min, max, argmax on hand-checked vectors")
  func exact() {
    let x: [Float] = [3, -1, 7, 7, 2]
    x.withUnsafeBufferPointer { p in
      #expect(ReferenceKernels.sum(p) == 18)
      #expect(ReferenceKernels.min(p) == -1)
      #expect(ReferenceKernels.max(p) == 7)
      #expect(ReferenceKernels.argmax(p) == 2)
    }
    let xd: [Double] = [0.5, 0.25]
    #expect(xd.withUnsafeBufferPointer { ReferenceKernels.sum($0) } == 0.75)
  }

  @Test("empty input: sum 0, no extremes")
  func empty() {
    let e: [Float] = []
    e.withUnsafeBufferPointer { p in
      #expect(ReferenceKernels.sum(p) == 0)
      #expect(ReferenceKernels.min(p) == nil)
      #expect(ReferenceKernels.max(p) == nil)
      #expect(ReferenceKernels.argmax(p) == nil)
    }
  }

  @Test("NaN: min and max are NaN, argmax is the first NaN")
  func nan() {
    let x: [Float] = [1, .nan, 5, .nan]
    x.withUnsafeBufferPointer { p in
      #expect(ReferenceKernels.min(p)!.isNaN)
      #expect(ReferenceKernels.max(p)!.isNaN)
      #expect(ReferenceKernels.argmax(p) == 1)
      #expect(ReferenceKernels.sum(p).isNaN)
    }
  }
}
