import Testing
@testable import SIMDKit

@Suite("Softmax, SIMD against reference")
struct SoftmaxSIMDTests {
  @Test("within (4 + n / width) ulp of the reference; sums to 1", arguments: Fixtures.sizes)
  func agrees(n: Int) {
    for range in [Float(-1)...1, -30...30, -200...200] {
      let x = Fixtures.uniform(n, in: range, seed: 111)
      var fast = [Float](repeating: 0, count: n), ref = fast
      x.withUnsafeBufferPointer { px in
        fast.withUnsafeMutableBufferPointer { SIMDKernels.softmax(px, into: $0) }
        ref.withUnsafeMutableBufferPointer { ReferenceKernels.softmax(px, into: $0) }
      }
      let allowed = 4 + n / FloatVector.scalarCount
      for i in 0..<n where ulpDistance(fast[i], ref[i]) > allowed && (fast[i] - ref[i]).magnitude > 1e-30 {
        Issue.record("n=\(n) x=\(x[i]): simd \(fast[i]) reference \(ref[i])")
      }
      if n > 0 {
        let total = fast.reduce(0.0) { $0 + Double($1) }
        #expect((total - 1).magnitude <= 1e-5)
      }
    }
  }

  @Test("special values: NaN and +inf poison every output; -inf entries get 0", arguments: [1, 7, 8, 33])
  func specials(n: Int) {
    func run(_ x: [Float]) -> ([Float], [Float]) {
      var a = [Float](repeating: 0, count: x.count), b = a
      x.withUnsafeBufferPointer { px in
        a.withUnsafeMutableBufferPointer { SIMDKernels.softmax(px, into: $0) }
        b.withUnsafeMutableBufferPointer { ReferenceKernels.softmax(px, into: $0) }
      }
      return (a, b)
    }
    var x = Fixtures.uniform(n, seed: 112)
    x[n / 2] = .nan
    var (a, b) = run(x)
    #expect(a.allSatisfy(\.isNaN) && b.allSatisfy(\.isNaN))
    x[n / 2] = .infinity
    (a, b) = run(x)
    #expect(a.allSatisfy(\.isNaN) && b.allSatisfy(\.isNaN))
    x = Array(repeating: -.infinity, count: n)
    (a, b) = run(x)
    #expect(a.allSatisfy(\.isNaN) && b.allSatisfy(\.isNaN))
    if n > 1 {
      x[0] = 3
      (a, b) = run(x)
      #expect(a == b && a[0] == 1 && a[1] == 0)
    }
  }
}
