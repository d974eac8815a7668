import Testing
@testable import SIMDKit

@Suite("Level 1, entry points")
struct Level1Tests {
  @Test("array and buffer forms agree with the active path")
  func conveniences() throws {
    let x: [Float] = Fixtures.uniform(37, seed: 11), y: [Float] = Fixtures.uniform(37, seed: 12)
    let d = try Kernels.dot(x, y)
    let db = try x.withUnsafeBufferPointer { px in try y.withUnsafeBufferPointer { try Kernels.dot(px, $0) } }
    #expect(d == db)
    #expect(d == x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { SIMDKernels.dot(px, $0) } })
    let xd = x.map(Double.init), yd = y.map(Double.init)
    let dd = try Kernels.dot(xd, yd)
    #expect(try xd.withUnsafeBufferPointer { px in try yd.withUnsafeBufferPointer { try Kernels.dot(px, $0) } } == dd)

    var y1 = y, y2 = y
    try Kernels.axpy(3, x, &y1)
    try x.withUnsafeBufferPointer { px in try y2.withUnsafeMutableBufferPointer { try Kernels.axpy(3, px, $0) } }
    #expect(y1 == y2)
    var yd1 = yd, yd2 = yd
    try Kernels.axpy(3, xd, &yd1)
    try xd.withUnsafeBufferPointer { px in try yd2.withUnsafeMutableBufferPointer { try Kernels.axpy(3, px, $0) } }
    #expect(yd1 == yd2)

    Kernels.scal(2, &y1)
    y2.withUnsafeMutableBufferPointer { Kernels.scal(2, $0) }
    #expect(y1 == y2)
    Kernels.scal(2, &yd1)
    yd2.withUnsafeMutableBufferPointer { Kernels.scal(2, $0) }
    #expect(yd1 == yd2)
  }

  @Test("small exact cases")
  func exact() throws {
    #expect(try Kernels.dot([1, 2, 3] as [Float], [4, 5, 6]) == 32)
    var y: [Float] = [1, 1]
    try Kernels.axpy(2, [1, 2], &y)
    #expect(y == [3, 5])
  }

  @Test("length mismatches throw, for every entry point")
  func mismatches() {
    let x: [Float] = [1, 2, 3], y: [Float] = [1, 2]
    var m: [Float] = [1, 2]
    let xd: [Double] = [1, 2, 3], yd: [Double] = [1, 2]
    var md: [Double] = [1, 2]
    let expected = KernelError.lengthMismatch(expected: 3, actual: 2)
    #expect(throws: expected) { try Kernels.dot(x, y) }
    #expect(throws: expected) { try Kernels.dot(xd, yd) }
    #expect(throws: expected) { try Kernels.axpy(1, x, &m) }
    #expect(throws: expected) { try Kernels.axpy(1, xd, &md) }
    #expect(throws: expected) {
      try x.withUnsafeBufferPointer { px in try y.withUnsafeBufferPointer { _ = try Kernels.dot(px, $0) } }
    }
    #expect(throws: expected) {
      try xd.withUnsafeBufferPointer { px in try yd.withUnsafeBufferPointer { _ = try Kernels.dot(px, $0) } }
    }
    #expect(throws: expected) {
      try x.withUnsafeBufferPointer { px in try m.withUnsafeMutableBufferPointer { try Kernels.axpy(1, px, $0) } }
    }
    #expect(throws: expected) {
      try xd.withUnsafeBufferPointer { px in try md.withUnsafeMutableBufferPointer { try Kernels.axpy(1, px, $0) } }
    }
  }
}
