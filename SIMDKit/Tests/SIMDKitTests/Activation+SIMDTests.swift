import Testing
@testable import SIMDKit

/// The largest difference the SIMD path may show against the reference, per function.
/// `ulps` applies everywhere; `absolute` is allowed on top of it (sin/cos near their zeros).
struct Tolerance: Sendable {
  var ulps: Int
  var absolute: Float

  static let exact = Tolerance(ulps: 0, absolute: 0)

  /// Tolerance of the activation itself, following the VectorMath bounds (Math/VectorMath.swift).
  static func activation(_ f: ActivationFunction) -> Tolerance {
    switch f {
    case .sigmoid: Tolerance(ulps: 4, absolute: 0)
    case .sigmoidSymmetric: Tolerance(ulps: 3, absolute: 0)
    case .gaussian, .gaussianSymmetric: Tolerance(ulps: 2, absolute: 2.4e-7)
    case .sin, .cos, .sinSymmetric, .cosSymmetric: Tolerance(ulps: 3, absolute: 1.2e-7)
    case .sigmoidStepwise, .sigmoidSymmetricStepwise: Tolerance(ulps: 2, absolute: 1.2e-7)
    default: .exact
    }
  }

  /// Tolerance of the derivative, given identical `y`.
  static func derivative(_ f: ActivationFunction) -> Tolerance {
    switch f {
    case .sin, .cos, .sinSymmetric, .cosSymmetric: Tolerance(ulps: 3, absolute: 3e-7)
    default: .exact
    }
  }

  func accepts(_ got: Float, _ want: Float) -> Bool {
    if sameValue(got, want) { return true }
    if got.isNaN || want.isNaN { return false }
    return ulpDistance(got, want) <= ulps || (got - want).magnitude <= absolute
  }
}

@Suite("Activations, SIMD against reference")
struct ActivationSIMDTests {
  static let steepnesses: [Float] = [0.5, 1, 2.75]

  static func inputs(_ n: Int, seed: UInt64) -> [Float] {
    var x = Fixtures.withEdges(n, seed: seed)
    // Also cover the saturating ranges of every function.
    let wide = Fixtures.uniform(n, in: -60...60, seed: seed ^ 0x5EED)
    for i in stride(from: 1, to: n, by: 3) { x[i] = wide[i] }
    return x
  }

  @Test("activate: every function, every size, within its tolerance",
        arguments: ActivationFunction.allCases, Fixtures.sizes)
  func activate(f: ActivationFunction, n: Int) {
    let tolerance = Tolerance.activation(f)
    for s in Self.steepnesses {
      let x = Self.inputs(n, seed: UInt64(n) &* 31 &+ UInt64(f.rawValue))
      var fast = [Float](repeating: 9, count: n), ref = fast
      x.withUnsafeBufferPointer { px in
        fast.withUnsafeMutableBufferPointer { SIMDKernels.activate(f, steepness: s, px, into: $0) }
        ref.withUnsafeMutableBufferPointer { ReferenceKernels.activate(f, steepness: s, px, into: $0) }
      }
      for i in 0..<n where !tolerance.accepts(fast[i], ref[i]) {
        Issue.record("\(f) s=\(s) x=\(x[i]): simd \(fast[i]) reference \(ref[i])")
      }
    }
  }

  @Test("derivative: every function, every size, within its tolerance",
        arguments: ActivationFunction.allCases, Fixtures.sizes)
  func derivative(f: ActivationFunction, n: Int) {
    let tolerance = Tolerance.derivative(f)
    for s in Self.steepnesses {
      let x = Self.inputs(n, seed: UInt64(n) &* 37 &+ UInt64(f.rawValue))
      var y = [Float](repeating: 0, count: n)
      x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { ReferenceKernels.activate(f, steepness: s, px, into: $0) } }
      var fast = [Float](repeating: 9, count: n), ref = fast
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
        fast.withUnsafeMutableBufferPointer { SIMDKernels.derivative(f, steepness: s, x: px, y: py, into: $0) }
        ref.withUnsafeMutableBufferPointer { ReferenceKernels.derivative(f, steepness: s, x: px, y: py, into: $0) }
      } }
      for i in 0..<n where !tolerance.accepts(fast[i], ref[i]) {
        Issue.record("\(f)' s=\(s) x=\(x[i]) y=\(y[i]): simd \(fast[i]) reference \(ref[i])")
      }
    }
  }

  @Test("activate in place (output aliases input)", arguments: [.sigmoid, .relu, .sin] as [ActivationFunction])
  func inPlace(f: ActivationFunction) {
    let x = Fixtures.uniform(29, in: -3...3, seed: 81)
    var y = x
    y.withUnsafeMutableBufferPointer { SIMDKernels.activate(f, steepness: 1, UnsafeBufferPointer($0), into: $0) }
    var z = [Float](repeating: 0, count: 29)
    x.withUnsafeBufferPointer { px in z.withUnsafeMutableBufferPointer { SIMDKernels.activate(f, steepness: 1, px, into: $0) } }
    #expect(y == z)
  }
}
