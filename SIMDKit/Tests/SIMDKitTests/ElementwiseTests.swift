import Testing
@testable import SIMDKit

@Suite("Element-wise, entry points")
struct ElementwiseTests {
  @Test("out-of-place array forms")
  func outOfPlace() throws {
    #expect(try Kernels.add([1, 2] as [Float], [3, 4]) == [4, 6])
    #expect(try Kernels.subtract([1, 2] as [Float], [3, 4]) == [-2, -2])
    #expect(try Kernels.multiply([1, 2] as [Float], [3, 4]) == [3, 8])
    #expect(try Kernels.divide([1, 2] as [Float], [4, 4]) == [0.25, 0.5])
  }

  @Test("in-place array forms read as English")
  func inPlace() throws {
    let x: [Float] = [1, 2]
    var y: [Float] = [3, 4]
    try Kernels.add(x, to: &y)
    #expect(y == [4, 6])
    try Kernels.subtract(x, from: &y)
    #expect(y == [3, 4])
    try Kernels.multiply(&y, by: x)
    #expect(y == [3, 8])
    try Kernels.divide(&y, by: x)
    #expect(y == [3, 4])
  }

  @Test("buffer forms, out of place and in place, match the array forms", arguments: [0, 9, 33])
  func buffers(n: Int) throws {
    let x = Fixtures.uniform(n, seed: 51), y = Fixtures.uniform(n, seed: 52)
    var r = [Float](repeating: 0, count: n)
    typealias Out = (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) throws(KernelError) -> Void
    let outs: [(Out, [Float])] = [
      ({ a, b, c throws(KernelError) in try Kernels.add(a, b, into: c) }, try Kernels.add(x, y)),
      ({ a, b, c throws(KernelError) in try Kernels.subtract(a, b, into: c) }, try Kernels.subtract(x, y)),
      ({ a, b, c throws(KernelError) in try Kernels.multiply(a, b, into: c) }, try Kernels.multiply(x, y)),
      ({ a, b, c throws(KernelError) in try Kernels.divide(a, b, into: c) }, try Kernels.divide(x, y)),
    ]
    for (kernel, expected) in outs {
      try x.withUnsafeBufferPointer { px in try y.withUnsafeBufferPointer { py in
        try r.withUnsafeMutableBufferPointer { try kernel(px, py, $0) }
      } }
      #expect(r == expected)
    }
    var a = y, b = y
    try x.withUnsafeBufferPointer { px in try a.withUnsafeMutableBufferPointer { try Kernels.add(px, to: $0) } }
    try Kernels.add(x, to: &b)
    #expect(a == b)
    try x.withUnsafeBufferPointer { px in try a.withUnsafeMutableBufferPointer { try Kernels.subtract(px, from: $0) } }
    try Kernels.subtract(x, from: &b)
    #expect(a == b)
    try x.withUnsafeBufferPointer { px in try a.withUnsafeMutableBufferPointer { try Kernels.multiply($0, by: px) } }
    try Kernels.multiply(&b, by: x)
    #expect(a == b)
    try x.withUnsafeBufferPointer { px in try a.withUnsafeMutableBufferPointer { try Kernels.divide($0, by: px) } }
    try Kernels.divide(&b, by: x)
    #expect(a == b)
  }

  @Test("length mismatches throw")
  func mismatches() {
    let x: [Float] = [1, 2, 3]
    var y: [Float] = [1, 2]
    let e = KernelError.lengthMismatch(expected: 3, actual: 2)
    let e2 = KernelError.lengthMismatch(expected: 2, actual: 3)
    #expect(throws: e) { try Kernels.add(x, y) }
    #expect(throws: e) { try Kernels.subtract(x, y) }
    #expect(throws: e) { try Kernels.multiply(x, y) }
    #expect(throws: e) { try Kernels.divide(x, y) }
    #expect(throws: e2) { try Kernels.add(x, to: &y) }
    #expect(throws: e2) { try Kernels.subtract(x, from: &y) }
    #expect(throws: e2) { try Kernels.multiply(&y, by: x) }
    #expect(throws: e2) { try Kernels.divide(&y, by: x) }
    var out2: [Float] = [0, 0]
    #expect(throws: e) {
      try x.withUnsafeBufferPointer { px in try out2.withUnsafeMutableBufferPointer { try Kernels.add(px, UnsafeBufferPointer($0), into: $0) } }
    }
    for kernel in [0, 1, 2, 3] {
      #expect(throws: e2) {
        try x.withUnsafeBufferPointer { px in try out2.withUnsafeMutableBufferPointer { o in
          switch kernel {
          case 0: try Kernels.add(px, to: o)
          case 1: try Kernels.subtract(px, from: o)
          case 2: try Kernels.multiply(o, by: px)
          default: try Kernels.divide(o, by: px)
          }
        } }
      }
      #expect(throws: e) {
        try x.withUnsafeBufferPointer { px in try out2.withUnsafeMutableBufferPointer { o in
          let short = UnsafeBufferPointer(o)
          switch kernel {
          case 0: try Kernels.add(px, short, into: o)
          case 1: try Kernels.subtract(px, short, into: o)
          case 2: try Kernels.multiply(px, short, into: o)
          default: try Kernels.divide(px, short, into: o)
          }
        } }
      }
    }
  }
}
