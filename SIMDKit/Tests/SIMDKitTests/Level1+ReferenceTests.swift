import Testing
@testable import SIMDKit

@Suite("Level 1, reference")
struct Level1ReferenceTests {
  @Test("dot sums left to right in the element type")
  func dotOrder() {
    // 1e8 + 1 - 1e8: left to right in Float loses the 1 (1e8 + 1 rounds to 1e8).
    let x: [Float] = [1e8, 1, -1e8], ones: [Float] = [1, 1, 1]
    let d = x.withUnsafeBufferPointer { px in ones.withUnsafeBufferPointer { ReferenceKernels.dot(px, $0) } }
    #expect(d == 0)
    let xd: [Double] = [1, 2, 3]
    #expect(xd.withUnsafeBufferPointer { ReferenceKernels.dot($0, $0) } == 14)
  }

  @Test("dot of empty vectors is 0")
  func dotEmpty() {
    let e: [Float] = []
    #expect(e.withUnsafeBufferPointer { ReferenceKernels.dot($0, $0) } == 0)
  }

  @Test("axpy and scal compute y + a x and a x element by element")
  func axpyScal() {
    var y: [Float] = [1, 1, 1], yd: [Double] = [1, 1, 1]
    let x: [Float] = [1, 2, .infinity], xd: [Double] = [1, 2, 3]
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(2, px, $0) } }
    xd.withUnsafeBufferPointer { px in yd.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(2, px, $0) } }
    #expect(y == [3, 5, .infinity])
    #expect(yd == [3, 5, 7])
    y.withUnsafeMutableBufferPointer { ReferenceKernels.scal(0, $0) }
    #expect(y[0] == 0 && y[2].isNaN)  // 0 * inf is NaN
    yd.withUnsafeMutableBufferPointer { ReferenceKernels.scal(-1, $0) }
    #expect(yd == [-3, -5, -7])
  }
}
