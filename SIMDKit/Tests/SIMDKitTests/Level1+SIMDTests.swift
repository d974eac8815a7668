import Testing
@testable import SIMDKit

@Suite("Level 1, SIMD against reference")
struct Level1SIMDTests {
  @Test("dot: SIMD within the reordering bound of the reference", arguments: Fixtures.sizes)
  func dotFloat(n: Int) {
    let x = Fixtures.uniform(n, seed: 1), y = Fixtures.uniform(n, seed: 2)
    let fast = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { SIMDKernels.dot(px, $0) } }
    let ref = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { ReferenceKernels.dot(px, $0) } }
    let exact = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let bound = reorderingBound(zip(x, y).map { (Double($0) * Double($1)).magnitude }, epsilon: Double(Float.ulpOfOne))
    #expect((Double(fast) - exact).magnitude <= bound)
    #expect((Double(fast) - Double(ref)).magnitude <= 2 * bound)
  }

  @Test("dot in Double: SIMD within the reordering bound", arguments: Fixtures.sizes)
  func dotDouble(n: Int) {
    let x = Fixtures.uniformDouble(n, seed: 3), y = Fixtures.uniformDouble(n, seed: 4)
    let fast = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { SIMDKernels.dot(px, $0) } }
    let ref = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { ReferenceKernels.dot(px, $0) } }
    let bound = reorderingBound(zip(x, y).map { ($0 * $1).magnitude }, epsilon: Double.ulpOfOne)
    #expect((fast - ref).magnitude <= 2 * bound)
  }

  @Test("dot: NaN and infinities propagate as in the reference", arguments: Fixtures.sizes.filter { $0 > 0 })
  func dotEdges(n: Int) {
    let x = Fixtures.withEdges(n, seed: 5), y = Fixtures.uniform(n, seed: 6)
    let fast = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { SIMDKernels.dot(px, $0) } }
    let ref = x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { ReferenceKernels.dot(px, $0) } }
    #expect(fast.isNaN == ref.isNaN)
    if ref.isInfinite { #expect(fast == ref) }
  }

  @Test("axpy and scal: bit-identical to the reference, Float", arguments: Fixtures.sizes)
  func axpyScalFloat(n: Int) {
    let x = Fixtures.withEdges(n, seed: 7)
    var y1 = Fixtures.uniform(n, seed: 8), y2 = y1
    x.withUnsafeBufferPointer { px in
      y1.withUnsafeMutableBufferPointer { SIMDKernels.axpy(-1.75, px, $0) }
      y2.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(-1.75, px, $0) }
    }
    #expect(zip(y1, y2).allSatisfy(identical))
    y1.withUnsafeMutableBufferPointer { SIMDKernels.scal(0.3, $0) }
    y2.withUnsafeMutableBufferPointer { ReferenceKernels.scal(0.3, $0) }
    #expect(zip(y1, y2).allSatisfy(identical))
  }

  @Test("axpy and scal: bit-identical to the reference, Double", arguments: Fixtures.sizes)
  func axpyScalDouble(n: Int) {
    let x = Fixtures.uniformDouble(n, seed: 9)
    var y1 = Fixtures.uniformDouble(n, seed: 10), y2 = y1
    x.withUnsafeBufferPointer { px in
      y1.withUnsafeMutableBufferPointer { SIMDKernels.axpy(2.5, px, $0) }
      y2.withUnsafeMutableBufferPointer { ReferenceKernels.axpy(2.5, px, $0) }
    }
    #expect(y1 == y2)
    y1.withUnsafeMutableBufferPointer { SIMDKernels.scal(-0.1, $0) }
    y2.withUnsafeMutableBufferPointer { ReferenceKernels.scal(-0.1, $0) }
    #expect(y1 == y2)
  }
}
