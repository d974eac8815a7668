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
    case .sigmoidStepwise: return stepwise(v, sigmoidV, sigmoidR, 0, 1)
    case .sigmoidSymmetricStepwise: return stepwise(v, symmetricV, symmetricR, -1, 1)
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

  // fann_stepwise and its constants, transcribed from fann_activation.h independently of the source.
  static let sigmoidV = [-2.64665246009826660156e+00, -1.47221946716308593750e+00, -5.49306154251098632812e-01,
                         5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00]
  static let sigmoidR = [4.99999988824129104614e-03, 5.00000007450580596924e-02, 2.50000000000000000000e-01,
                         7.50000000000000000000e-01, 9.49999988079071044922e-01, 9.95000004768371582031e-01]
  static let symmetricV = [-2.64665293693542480469e+00, -1.47221934795379638672e+00, -5.49306154251098632812e-01,
                           5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00]
  static let symmetricR = [-9.90000009536743164062e-01, -8.99999976158142089844e-01, -5.00000000000000000000e-01,
                           5.00000000000000000000e-01, 8.99999976158142089844e-01, 9.90000009536743164062e-01]
  static func stepwise(_ z: Float, _ v: [Double], _ r: [Double], _ low: Double, _ high: Double) -> Float {
    let x = Double(z)
    if x < v[0] { return Float(low) }
    if x >= v[5] { return Float(high) }
    let k = (0..<5).last { x >= v[$0] }!
    return Float(((r[k + 1] - r[k]) * (x - v[k])) / (v[k + 1] - v[k]) + r[k])
  }

  @Test("stepwise sigmoids: breakpoints hit their values, saturation outside, NaN propagates")
  func stepwiseShape() {
    for (i, v) in Self.sigmoidV.enumerated() {
      #expect(ulpDistance(ReferenceKernels.activation(.sigmoidStepwise, steepness: 1, Float(v)), Float(Self.sigmoidR[i])) <= 1 || i == 5)
    }
    #expect(ReferenceKernels.activation(.sigmoidStepwise, steepness: 1, -10) == 0)
    #expect(ReferenceKernels.activation(.sigmoidStepwise, steepness: 1, 10) == 1)
    #expect(ReferenceKernels.activation(.sigmoidSymmetricStepwise, steepness: 1, -10) == -1)
    #expect(ReferenceKernels.activation(.sigmoidSymmetricStepwise, steepness: 1, 0) == 0)
    #expect(ReferenceKernels.activation(.sigmoidStepwise, steepness: 1, 0) == 0.5)
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
    // Piecewise functions and FANN's stepwise sigmoids use surrogate slopes, not their own derivatives.
    let surrogates: [ActivationFunction] = [.threshold, .thresholdSymmetric, .linearPiece, .linearPieceSymmetric,
                                            .sigmoidStepwise, .sigmoidSymmetricStepwise]
    guard !surrogates.contains(f) else { return }
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
