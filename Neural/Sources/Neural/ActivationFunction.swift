// FANN's activation functions, numbered as FANN numbers them (the numbers `.net` files store).
//
// Invariants (FANN 2.2 / master, `fann_activation.h`, `fann_activation_derived`):
// - The forward value is computed from `sum` *after* it was multiplied by the steepness and clamped
//   to ±150/steepness, so `value(sum)` below takes the already-scaled sum.
// - Functions built on exp/sin/cos are evaluated in double precision and rounded to Float, like
//   FANN's `(fann_type)` casts of double libm results.
// - Derivatives take the steepness, the neuron's output and its (scaled) sum, and clip the output
//   exactly where FANN does (sigmoid family to [0.01, 0.99], symmetric to [−0.98, 0.98]). FANN's
//   Gaussian, sin and cos derivatives multiply the already-scaled sum by the steepness again; we
//   reproduce that so training traces agree.

/// One of FANN's 20 activation functions, with FANN's enum value as raw value.
///
/// ```swift
/// let f = ActivationFunction.sigmoidSymmetric      // FANN_SIGMOID_SYMMETRIC = 5
/// f.value(0)                                        // 0
/// f.isSymmetric                                     // true: output in [-1, 1]
/// ```
public enum ActivationFunction: UInt32, Sendable, CaseIterable {
  case linear = 0
  case threshold = 1
  case thresholdSymmetric = 2
  case sigmoid = 3
  case sigmoidStepwise = 4
  case sigmoidSymmetric = 5
  case sigmoidSymmetricStepwise = 6
  case gaussian = 7
  case gaussianSymmetric = 8
  case gaussianStepwise = 9
  case elliot = 10
  case elliotSymmetric = 11
  case linearPiece = 12
  case linearPieceSymmetric = 13
  case sinSymmetric = 14
  case cosSymmetric = 15
  case sin = 16
  case cos = 17
  case linearPieceRect = 18
  case linearPieceRectLeaky = 19

  /// Whether FANN halves the output difference for this function when computing MSE and bit
  /// fails (`fann_update_MSE`): true for functions whose range is [−1, 1].
  ///
  /// ```swift
  /// ActivationFunction.elliotSymmetric.isSymmetric   // true
  /// ```
  public var isSymmetric: Bool {
    switch self {
    case .linearPieceSymmetric, .thresholdSymmetric, .sigmoidSymmetric, .sigmoidSymmetricStepwise,
      .elliotSymmetric, .gaussianSymmetric, .sinSymmetric, .cosSymmetric:
      return true
    default:
      return false
    }
  }

  /// Whether training can use this function (FANN refuses to train through thresholds).
  ///
  /// ```swift
  /// ActivationFunction.threshold.isTrainable   // false
  /// ```
  public var isTrainable: Bool { self != .threshold && self != .thresholdSymmetric }

  /// The neuron output for an already steepness-scaled, clamped `sum`.
  ///
  /// ```swift
  /// ActivationFunction.linearPiece.value(2)   // 1
  /// ```
  /// - Complexity: O(1).
  @inline(__always)
  public func value(_ sum: Float) -> Float {
    switch self {
    case .linear: return sum
    case .linearPiece: return sum < 0 ? 0 : (sum > 1 ? 1 : sum)
    case .linearPieceSymmetric: return sum < -1 ? -1 : (sum > 1 ? 1 : sum)
    case .sigmoid: return Float(1.0 / (1.0 + cExp(Double(-2.0 * sum))))
    case .sigmoidSymmetric: return Float(2.0 / (1.0 + cExp(Double(-2.0 * sum))) - 1.0)
    case .sigmoidSymmetricStepwise:
      return Stepwise.evaluate(
        sum, Stepwise.symmetricBreaks, Stepwise.symmetricResults, min: -1, max: 1)
    case .sigmoidStepwise:
      return Stepwise.evaluate(sum, Stepwise.breaks, Stepwise.results, min: 0, max: 1)
    case .threshold: return sum < 0 ? 0 : 1
    case .thresholdSymmetric: return sum < 0 ? -1 : 1
    case .gaussian: return Float(cExp(Double(-sum * sum)))
    case .gaussianSymmetric: return Float(cExp(Double(-sum * sum)) * 2.0 - 1.0)
    case .elliot: return ((sum) / 2.0) / (1.0 + abs(sum)) + 0.5
    case .elliotSymmetric: return sum / (1.0 + abs(sum))
    case .sinSymmetric: return Float(cSin(Double(sum)))
    case .cosSymmetric: return Float(cCos(Double(sum)))
    case .sin: return Float(cSin(Double(sum)) / 2.0 + 0.5)
    case .cos: return Float(cCos(Double(sum)) / 2.0 + 0.5)
    case .gaussianStepwise: return 0
    case .linearPieceRect: return sum < 0 ? 0 : sum
    case .linearPieceRectLeaky: return sum < 0 ? Float(Double(sum) * 0.01) : sum
    }
  }

  /// FANN's derivative (`fann_activation_derived`) from steepness, output `value` and scaled `sum`.
  ///
  /// ```swift
  /// ActivationFunction.linear.derivative(steepness: 0.5, value: 3, sum: 3)   // 0.5
  /// ```
  /// - Complexity: O(1).
  @inline(__always)
  public func derivative(steepness s: Float, value v: Float, sum: Float) -> Float {
    switch self {
    case .linear, .linearPiece, .linearPieceSymmetric:
      return s
    case .linearPieceRectLeaky:
      return v < 0 ? Float(Double(s) * 0.01) : s
    case .linearPieceRect:
      return v < 0 ? 0 : s
    case .sigmoid, .sigmoidStepwise:
      let c = min(max(v, 0.01), 0.99)
      return 2.0 * s * c * (1.0 - c)
    case .sigmoidSymmetric, .sigmoidSymmetricStepwise:
      let c = min(max(v, -0.98), 0.98)
      return s * (1.0 - (c * c))
    case .gaussian:
      return -2.0 * sum * v * s * s
    case .gaussianSymmetric:
      return -2.0 * sum * (v + 1.0) * s * s
    case .elliot:
      let a = 1.0 + abs(sum)
      return s * 1.0 / (2.0 * a * a)
    case .elliotSymmetric:
      let a = 1.0 + abs(sum)
      return s * 1.0 / (a * a)
    case .sinSymmetric: return Float(Double(s) * cCos(Double(s * sum)))
    case .cosSymmetric: return Float(Double(s) * -cSin(Double(s * sum)))
    case .sin: return Float(Double(s) * cCos(Double(s * sum)) / 2.0)
    case .cos: return Float(Double(s) * -cSin(Double(s * sum)) / 2.0)
    case .threshold, .thresholdSymmetric, .gaussianStepwise:
      return 0
    }
  }
}

/// FANN's six-piece linear approximations of the sigmoids (`fann_stepwise`), with FANN's constants.
enum Stepwise {
  static let breaks: (Double, Double, Double, Double, Double, Double) = (
    -2.64665246009826660156e+00, -1.47221946716308593750e+00, -5.49306154251098632812e-01,
    5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00
  )
  static let results: (Double, Double, Double, Double, Double, Double) = (
    4.99999988824129104614e-03, 5.00000007450580596924e-02, 2.50000000000000000000e-01,
    7.50000000000000000000e-01, 9.49999988079071044922e-01, 9.95000004768371582031e-01
  )
  static let symmetricBreaks: (Double, Double, Double, Double, Double, Double) = (
    -2.64665293693542480469e+00, -1.47221934795379638672e+00, -5.49306154251098632812e-01,
    5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00
  )
  static let symmetricResults: (Double, Double, Double, Double, Double, Double) = (
    -9.90000009536743164062e-01, -8.99999976158142089844e-01, -5.00000000000000000000e-01,
    5.00000000000000000000e-01, 8.99999976158142089844e-01, 9.90000009536743164062e-01
  )

  @inline(__always)
  static func line(_ v1: Double, _ r1: Double, _ v2: Double, _ r2: Double, _ x: Double) -> Double {
    (((r2 - r1) * (x - v1)) / (v2 - v1)) + r1
  }

  @inline(__always)
  static func evaluate(
    _ sum: Float, _ v: (Double, Double, Double, Double, Double, Double),
    _ r: (Double, Double, Double, Double, Double, Double), min: Float, max: Float
  ) -> Float {
    let x = Double(sum)
    if x < v.4 {
      if x < v.2 {
        if x < v.1 {
          if x < v.0 { return min }
          return Float(line(v.0, r.0, v.1, r.1, x))
        }
        return Float(line(v.1, r.1, v.2, r.2, x))
      }
      if x < v.3 { return Float(line(v.2, r.2, v.3, r.3, x)) }
      return Float(line(v.3, r.3, v.4, r.4, x))
    }
    if x < v.5 { return Float(line(v.4, r.4, v.5, r.5, x)) }
    return max
  }
}
