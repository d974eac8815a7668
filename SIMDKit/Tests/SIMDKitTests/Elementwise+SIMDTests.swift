import Testing
@testable import SIMDKit

@Suite("Element-wise, SIMD against reference")
struct ElementwiseSIMDTests {
  typealias Kernel = @Sendable (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void
  static let pairs: [(String, Kernel, Kernel)] = [
    ("add", { SIMDKernels.add($0, $1, into: $2) }, { ReferenceKernels.add($0, $1, into: $2) }),
    ("subtract", { SIMDKernels.subtract($0, $1, into: $2) }, { ReferenceKernels.subtract($0, $1, into: $2) }),
    ("multiply", { SIMDKernels.multiply($0, $1, into: $2) }, { ReferenceKernels.multiply($0, $1, into: $2) }),
    ("divide", { SIMDKernels.divide($0, $1, into: $2) }, { ReferenceKernels.divide($0, $1, into: $2) }),
  ]

  @Test("bit-identical to the reference, edge values included", arguments: Fixtures.sizes)
  func identicalResults(n: Int) {
    let x = Fixtures.withEdges(n, seed: 41), y = Fixtures.withEdges(n, seed: 42)
    for (name, fast, ref) in Self.pairs {
      var a = [Float](repeating: 7, count: n), b = a
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
        a.withUnsafeMutableBufferPointer { fast(px, py, $0) }
        b.withUnsafeMutableBufferPointer { ref(px, py, $0) }
      } }
      #expect(zip(a, b).allSatisfy(identical), "\(name)")
    }
  }

  @Test("the result may alias an operand", arguments: [0, 3, 17, 33])
  func aliasing(n: Int) {
    let x = Fixtures.uniform(n, seed: 43)
    var y = Fixtures.uniform(n, seed: 44)
    let expected = zip(y, x).map { $0 - $1 }
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in SIMDKernels.subtract(UnsafeBufferPointer(py), px, into: py) }
    }
    #expect(y == expected)
  }
}
