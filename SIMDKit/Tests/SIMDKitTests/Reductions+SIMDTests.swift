import Testing
@testable import SIMDKit

@Suite("Reductions, SIMD against reference")
struct ReductionsSIMDTests {
  static func both<R>(_ x: [Float], _ f: (UnsafeBufferPointer<Float>) -> R, _ g: (UnsafeBufferPointer<Float>) -> R) -> (R, R) {
    x.withUnsafeBufferPointer { (f($0), g($0)) }
  }

  @Test("sum: within the reordering bound, Float and Double", arguments: Fixtures.sizes)
  func sum(n: Int) {
    let x = Fixtures.uniform(n, seed: 21)
    let (fast, ref) = Self.both(x, SIMDKernels.sum, ReferenceKernels.sum)
    let bound = reorderingBound(x.map { Double($0.magnitude) }, epsilon: Double(Float.ulpOfOne))
    #expect((Double(fast) - Double(ref)).magnitude <= 2 * bound)
    let xd = Fixtures.uniformDouble(n, seed: 22)
    let fd = xd.withUnsafeBufferPointer { SIMDKernels.sum($0) }, rd = xd.withUnsafeBufferPointer { ReferenceKernels.sum($0) }
    #expect((fd - rd).magnitude <= 2 * reorderingBound(xd.map(\.magnitude), epsilon: Double.ulpOfOne))
  }

  @Test("min, max, argmax: exactly the reference on random data", arguments: Fixtures.sizes)
  func extremes(n: Int) {
    let x = Fixtures.uniform(n, in: -100...100, seed: 23)
    let (f1, r1) = Self.both(x, SIMDKernels.min, ReferenceKernels.min)
    let (f2, r2) = Self.both(x, SIMDKernels.max, ReferenceKernels.max)
    let (f3, r3) = Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax)
    #expect(f1 == r1 && f2 == r2 && f3 == r3)
    if n > 0 {
      #expect(r1 == x.min() && r2 == x.max() && r3 == x.firstIndex(of: x.max()!))
    } else {
      #expect(r1 == nil && r2 == nil && r3 == nil)
    }
  }

  @Test("the NaN rule holds wherever the NaN sits", arguments: Fixtures.sizes.filter { $0 > 0 })
  func nanEverywhere(n: Int) {
    for position in Set([0, n / 2, n - 1]) {
      var x = Fixtures.uniform(n, seed: 24)
      x[position] = .nan
      if n > 2 { x[n - 1 - position / 2] = .nan }  // a second NaN later must not change argmax
      let first = x.firstIndex { $0.isNaN }!
      let (f1, r1) = Self.both(x, SIMDKernels.min, ReferenceKernels.min)
      let (f2, r2) = Self.both(x, SIMDKernels.max, ReferenceKernels.max)
      let (f3, r3) = Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax)
      let (f4, r4) = Self.both(x, SIMDKernels.sum, ReferenceKernels.sum)
      #expect(f1!.isNaN && r1!.isNaN && f2!.isNaN && r2!.isNaN && f4.isNaN && r4.isNaN)
      #expect(f3 == first && r3 == first)
    }
  }

  @Test("edge values: infinities, denormals, signed zeros, ties", arguments: Fixtures.sizes.filter { $0 > 0 })
  func edges(n: Int) {
    var x = Fixtures.withEdges(n, seed: 25).map { $0.isNaN ? 0.25 : $0 }
    let (f1, r1) = Self.both(x, SIMDKernels.min, ReferenceKernels.min)
    let (f2, r2) = Self.both(x, SIMDKernels.max, ReferenceKernels.max)
    let (f3, r3) = Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax)
    #expect(f1 == r1 && f2 == r2 && f3 == r3)
    // All equal: argmax is 0; denormals only: exact.
    x = Array(repeating: 0x1p-136, count: n)
    #expect(Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax) == (0, 0))
    #expect(Self.both(x, SIMDKernels.max, ReferenceKernels.max) == (0x1p-136, 0x1p-136))
    // Zeros of both signs: argmax is the first zero on both paths.
    x = (0..<n).map { $0 % 2 == 0 ? -0.0 : 0.0 }
    #expect(Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax) == (0, 0))
    // -inf everywhere: max is -inf, argmax 0; +inf last: argmax n - 1.
    x = Array(repeating: -.infinity, count: n)
    #expect(Self.both(x, SIMDKernels.max, ReferenceKernels.max) == (-.infinity, -.infinity))
    x[n - 1] = .infinity
    #expect(Self.both(x, SIMDKernels.argmax, ReferenceKernels.argmax) == (n - 1, n - 1))
    if n > 1 { #expect(Self.both(x, SIMDKernels.min, ReferenceKernels.min) == (-.infinity, -.infinity)) }
    // +inf + -inf in a sum is NaN.
    if n > 1 {
      let (fs, rs) = Self.both(x, SIMDKernels.sum, ReferenceKernels.sum)
      #expect(fs.isNaN && rs.isNaN)
    }
  }
}
