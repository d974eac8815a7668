#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SIMDKit

@Suite("Activations, reference")
struct ActivationReferenceTests {
  /// FANN's own formulas (fann_activation.h), evaluated as FANN evaluates them: products in Float,
  /// exp/sin/cos in Double with libm, rounded to Float.
  static func fann(_ f: ActivationFunction, _ s: Float, _ x: Float) -> Float {
    let v = s * x
    switch f {
    case .linear: return v
    case .threshold: return v < 0 ? 0 : 1
    case .thresholdSymmetric: return v < 0 ? -1 : 1
    case .sigmoid: return Float(1 / (1 + Glibc.exp(Double(-2 * v))))
    case .sigmoidSymmetric: return Float(2 / (1 + Glibc.exp(Double(-2 * v))) - 1)
    case .gaussian: return Float(Glibc.exp(Double(-v * v)))
    case .gaussianSymmetric: return Float(Glibc.exp(Double(-v * v)) * 2 - 1)
    case .elliot: return ((v / 2) / (1 + Swift.abs(v))) + 0.5
    case .elliotSymmetric: return v / (1 + Swift.abs(v))
    case .linearPiece: return v < 0 ? 0 : (v > 1 ? 1 : v)
    case .linearPieceSymmetric: return v < -1 ? -1 : (v > 1 ? 1 : v)
    case .sinSymmetric: return Float(Glibc.sin(Double(v)))
    case .cosSymmetric: return Float(Glibc.cos(Double(v)))
    case .sin: return Float(Glibc.sin(Double(v)) / 2 + 0.5)
    case .cos: return Float(Glibc.cos(Double(v)) / 2 + 0.5)
    case .relu: return v < 0 ? 0 : v
    case .leakyReLU: return v < 0 ? v * 0.01 : v
    }
  }

  @Test("matches FANN's formulas on finite inputs", arguments: ActivationFunction.allCases)
  func matchesFANN(f: ActivationFunction) {
    let x = Fixtures.uniform(3_000, in: -8...8, seed: 91)
    for s in [0.25, 0.5, 1, 3] as [Float] {
      for v in x {
        let ours = ReferenceKernels.activation(f, steepness: s, v), theirs = Self.fann(f, s, v)
        // sigmoidSymmetric: FANN's 2/(1+e^-2z) - 1 cancels near 0; we compute tanh, so compare absolutely there.
        let ok = ulpDistance(ours, theirs) <= 1 || (f == .sigmoidSymmetric && (ours - theirs).magnitude <= 1.2e-7)
        if !ok { Issue.record("\(f) s=\(s) x=\(v): ours \(ours) FANN \(theirs)") }
      }
    }
  }

  @Test("special values")
  func specials() {
    func a(_ f: ActivationFunction, _ x: Float) -> Float { ReferenceKernels.activation(f, steepness: 1, x) }
    #expect(a(.sigmoid, .infinity) == 1 && a(.sigmoid, -.infinity) == 0 && a(.sigmoid, 0) == 0.5)
    #expect(a(.sigmoidSymmetric, .infinity) == 1 && a(.sigmoidSymmetric, -.infinity) == -1)
    #expect(a(.gaussian, .infinity) == 0 && a(.gaussian, 0) == 1 && a(.gaussianSymmetric, -.infinity) == -1)
    #expect(a(.elliot, .infinity) == 1 && a(.elliot, -.infinity) == 0 && a(.elliot, 0) == 0.5)
    #expect(a(.elliotSymmetric, .infinity) == 1 && a(.elliotSymmetric, -.infinity) == -1)
    #expect(a(.relu, .infinity) == .infinity && a(.relu, -.infinity) == 0 && a(.leakyReLU, -.infinity) == -.infinity)
    #expect(a(.sin, .infinity).isNaN && a(.cosSymmetric, -.infinity).isNaN)
    #expect(a(.threshold, 0x1p-133) == 1 && a(.threshold, -0x1p-133) == 0 && a(.thresholdSymmetric, -1) == -1)
    for f in ActivationFunction.allCases {
      #expect(a(f, .nan).isNaN, "\(f)(NaN)")
      #expect(ReferenceKernels.derivative(f, steepness: 1, x: .nan, y: .nan).isNaN, "\(f)'(NaN)")
    }
  }

  @Test("derivatives agree with central differences", arguments: ActivationFunction.allCases)
  func derivatives(f: ActivationFunction) {
    guard f != .threshold, f != .thresholdSymmetric, f != .linearPiece, f != .linearPieceSymmetric else { return }
    for s in [0.5, 1.5] as [Float] {
      for x in Fixtures.uniform(200, in: -3...3, seed: 92) where x.magnitude > 0.05 {
        let y = ReferenceKernels.activation(f, steepness: s, x)
        let d = ReferenceKernels.derivative(f, steepness: s, x: x, y: y)
        let h = 1e-3
        func g(_ t: Double) -> Double { Double(ReferenceKernels.activation(f, steepness: s, Float(t))) }
        let numeric = (g(Double(x) + h) - g(Double(x) - h)) / (2 * h)
        #expect((Double(d) - numeric).magnitude <= 2e-3 * Swift.max(1, numeric.magnitude), "\(f) s=\(s) x=\(x)")
      }
    }
  }

  @Test("derivative corner cases: gaussian tails, piecewise kinks, FANN's surrogate slopes")
  func derivativeCorners() {
    func d(_ f: ActivationFunction, _ x: Float) -> Float {
      ReferenceKernels.derivative(f, steepness: 2, x: x, y: ReferenceKernels.activation(f, steepness: 2, x))
    }
    #expect(d(.gaussian, .infinity) == 0 && d(.gaussianSymmetric, -.infinity) == 0)
    #expect(d(.relu, -1) == 0 && d(.relu, 0) == 2 && d(.leakyReLU, -1) == 0.02)
    #expect(d(.linearPiece, 5) == 2 && d(.linearPieceSymmetric, -5) == 2 && d(.linear, 0) == 2)
    #expect(d(.threshold, 1) == 0 && d(.thresholdSymmetric, -1) == 0)
    #expect(d(.elliot, .infinity) == 0 && d(.elliotSymmetric, 0) == 2 && d(.elliot, 0) == 1)
    #expect(d(.sigmoid, 0) == 1 && d(.sigmoidSymmetric, 0) == 2)
  }
}
