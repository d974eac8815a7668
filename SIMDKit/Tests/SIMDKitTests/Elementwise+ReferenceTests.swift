import Testing
@testable import SIMDKit

@Suite("Element-wise, reference")
struct ElementwiseReferenceTests {
  @Test("one IEEE operation per element, special values included")
  func ieee() {
    let x: [Float] = [1, 0, .infinity, 6, 0x1p-128]  // the last one is denormal
    let y: [Float] = [0, 0, .infinity, -3, 2]
    var r = [Float](repeating: 0, count: 5)
    x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
      r.withUnsafeMutableBufferPointer { ReferenceKernels.divide(px, py, into: $0) }
      #expect(r[0] == .infinity && r[1].isNaN && r[2].isNaN && r[3] == -2 && r[4] == 0x1p-129)
      r.withUnsafeMutableBufferPointer { ReferenceKernels.subtract(px, py, into: $0) }
      #expect(r[0] == 1 && r[2].isNaN && r[3] == 9)
      r.withUnsafeMutableBufferPointer { ReferenceKernels.add(px, py, into: $0) }
      #expect(r[0] == 1 && r[2] == .infinity && r[3] == 3)
      r.withUnsafeMutableBufferPointer { ReferenceKernels.multiply(px, py, into: $0) }
      #expect(r[0] == 0 && r[2] == .infinity && r[3] == -18 && r[4] == 0x1p-127)
    } }
  }
}
