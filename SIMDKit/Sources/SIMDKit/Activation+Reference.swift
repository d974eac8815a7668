// Scalar references for the activation functions and their derivatives.
// The formulas, special values and evaluation order are tabulated in Activation.swift; this file is
// that table, one `case` per row. Transcendentals go through ScalarMath in Double, rounded once.

extension ReferenceKernels {
  /// `f(x)` with steepness `s`, one element.
  ///
  /// ```swift
  /// let y = ReferenceKernels.activation(.sigmoid, steepness: 0.5, 0)  // 0.5
  /// ```
  /// - Complexity: O(1).
  public static func activation(_ f: ActivationFunction, steepness s: Float, _ x: Float) -> Float {
    let z = s * x
    switch f {
    case .linear: return z
    case .threshold: return z.isNaN ? z : (z < 0 ? 0 : 1)
    case .thresholdSymmetric: return z.isNaN ? z : (z < 0 ? -1 : 1)
    case .sigmoid: return Float(1 / (1 + ScalarMath.exp(Double(-2 * z))))
    case .sigmoidSymmetric: return Float(ScalarMath.tanh(Double(z)))
    case .sigmoidStepwise: return Stepwise.sigmoid.evaluate(z)
    case .sigmoidSymmetricStepwise: return Stepwise.sigmoidSymmetric.evaluate(z)
    case .gaussian: return Float(ScalarMath.exp(Double(-(z * z))))
    case .gaussianSymmetric: return Float(ScalarMath.exp(Double(-(z * z))) * 2 - 1)
    case .elliot:
      if z.isInfinite { return z > 0 ? 1 : 0 }
      return (z / 2) / (1 + z.magnitude) + 0.5
    case .elliotSymmetric:
      if z.isInfinite { return z > 0 ? 1 : -1 }
      return z / (1 + z.magnitude)
    case .linearPiece: return z < 0 ? 0 : (z > 1 ? 1 : z)
    case .linearPieceSymmetric: return z < -1 ? -1 : (z > 1 ? 1 : z)
    case .sinSymmetric: return Float(ScalarMath.sin(Double(z)))
    case .cosSymmetric: return Float(ScalarMath.cos(Double(z)))
    case .sin: return Float(ScalarMath.sin(Double(z)) / 2 + 0.5)
    case .cos: return Float(ScalarMath.cos(Double(z)) / 2 + 0.5)
    case .relu: return z < 0 ? 0 : z
    case .leakyReLU: return z < 0 ? z * 0.01 : z
    }
  }

  /// `f'(x)`, given `x` and the output `y = f(x)`, one element.
  ///
  /// ```swift
  /// let d = ReferenceKernels.derivative(.sigmoid, steepness: 0.5, x: 0, y: 0.5)  // 0.25
  /// ```
  /// - Complexity: O(1).
  public static func derivative(_ f: ActivationFunction, steepness s: Float, x: Float, y: Float) -> Float {
    let z = s * x
    if z.isNaN { return z }
    switch f {
    case .linear, .linearPiece, .linearPieceSymmetric: return s
    case .threshold, .thresholdSymmetric: return 0
    case .sigmoid, .sigmoidStepwise: return 2 * s * y * (1 - y)
    case .sigmoidSymmetric, .sigmoidSymmetricStepwise: return s * (1 - y * y)
    case .gaussian: return y == 0 ? 0 : -2 * s * z * y
    case .gaussianSymmetric: return y + 1 == 0 ? 0 : -2 * s * z * (y + 1)
    case .elliot:
      let d = 1 + z.magnitude
      return s / (2 * d * d)
    case .elliotSymmetric:
      let d = 1 + z.magnitude
      return s / (d * d)
    case .sinSymmetric: return Float(Double(s) * ScalarMath.cos(Double(z)))
    case .cosSymmetric: return Float(-Double(s) * ScalarMath.sin(Double(z)))
    case .sin: return Float(Double(s) * ScalarMath.cos(Double(z)) / 2)
    case .cos: return Float(-Double(s) * ScalarMath.sin(Double(z)) / 2)
    case .relu: return z < 0 ? 0 : s
    case .leakyReLU: return z < 0 ? s * 0.01 : s
    }
  }

  /// `y[i] = f(x[i])` with steepness `s`; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let x: [Float] = [0]
  /// var y: [Float] = [9]
  /// x.withUnsafeBufferPointer { px in
  ///   y.withUnsafeMutableBufferPointer { ReferenceKernels.activate(.sigmoid, steepness: 0.5, px, into: $0) }
  /// }  // y == [0.5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func activate(
    _ f: ActivationFunction, steepness s: Float, _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count, "activate: length mismatch")
    for i in x.indices { y[i] = activation(f, steepness: s, x[i]) }
  }

  /// `d[i] = f'(x[i])` given `y[i] = f(x[i])`; `d` may be the same memory as `x` or `y`.
  ///
  /// ```swift
  /// let x: [Float] = [0], y: [Float] = [0.5]
  /// var d: [Float] = [0]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   d.withUnsafeMutableBufferPointer { ReferenceKernels.derivative(.sigmoid, steepness: 0.5, x: px, y: py, into: $0) }
  /// } }  // d == [0.25]
  /// ```
  /// - Precondition: `x`, `y` and `d` have the same count.
  /// - Complexity: O(n).
  public static func derivative(
    _ f: ActivationFunction, steepness s: Float, x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
    into d: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == d.count, "derivative: length mismatch")
    for i in x.indices { d[i] = derivative(f, steepness: s, x: x[i], y: y[i]) }
  }
}

/// FANN's stepwise-linear sigmoids: six breakpoints `v`, their values `r`, and the saturation values.
struct Stepwise: Sendable {
  let v: (Double, Double, Double, Double, Double, Double)
  let r: (Double, Double, Double, Double, Double, Double)
  let low: Double
  let high: Double

  /// SIGMOID_STEPWISE's constants, from `fann_activation_switch` in FANN 2.2's fann_activation.h.
  static let sigmoid = Stepwise(
    v: (-2.64665246009826660156e+00, -1.47221946716308593750e+00, -5.49306154251098632812e-01,
        5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00),
    r: (4.99999988824129104614e-03, 5.00000007450580596924e-02, 2.50000000000000000000e-01,
        7.50000000000000000000e-01, 9.49999988079071044922e-01, 9.95000004768371582031e-01),
    low: 0, high: 1)

  /// SIGMOID_SYMMETRIC_STEPWISE's constants, from the same place.
  static let sigmoidSymmetric = Stepwise(
    v: (-2.64665293693542480469e+00, -1.47221934795379638672e+00, -5.49306154251098632812e-01,
        5.49306154251098632812e-01, 1.47221934795379638672e+00, 2.64665293693542480469e+00),
    r: (-9.90000009536743164062e-01, -8.99999976158142089844e-01, -5.00000000000000000000e-01,
        5.00000000000000000000e-01, 8.99999976158142089844e-01, 9.90000009536743164062e-01),
    low: -1, high: 1)

  /// `fann_stepwise` exactly: the same comparisons, the interpolation in Double, one rounding to Float;
  /// NaN in, NaN out (FANN's comparisons would return `high` for NaN).
  func evaluate(_ z: Float) -> Float {
    if z.isNaN { return z }
    let x = Double(z)
    func line(_ v1: Double, _ r1: Double, _ v2: Double, _ r2: Double) -> Double { ((r2 - r1) * (x - v1)) / (v2 - v1) + r1 }
    let y: Double
    if x < v.4 {
      if x < v.2 {
        y = x < v.1 ? (x < v.0 ? low : line(v.0, r.0, v.1, r.1)) : line(v.1, r.1, v.2, r.2)
      } else {
        y = x < v.3 ? line(v.2, r.2, v.3, r.3) : line(v.3, r.3, v.4, r.4)
      }
    } else {
      y = x < v.5 ? line(v.4, r.4, v.5, r.5) : high
    }
    return Float(y)
  }
}
