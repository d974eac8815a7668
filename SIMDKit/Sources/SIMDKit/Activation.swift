// Activation functions: the FANN catalogue, their derivatives, and the dispatching entry points.
//
// Every function takes the raw input x and a steepness s and works on z = s·x (one Float product, as FANN
// does). Outputs and derivatives are defined below, once, and every path implements exactly these
// formulas; the derivative is d/dx of the output, given both x and the output y = f(x).
//
// | function              | FANN | y = f(x), z = s·x                  | dy/dx                          |
// |-----------------------|------|------------------------------------|--------------------------------|
// | linear                | 0    | z                                  | s                              |
// | threshold             | 1    | z < 0 ? 0 : 1                      | 0                              |
// | thresholdSymmetric    | 2    | z < 0 ? -1 : 1                     | 0                              |
// | sigmoid               | 3    | 1 / (1 + e^(-2z))                  | 2s·y·(1 - y)                   |
// | sigmoidStepwise       | 4    | FANN's 6-point linear sigmoid      | 2s·y·(1 - y) (FANN's choice)   |
// | sigmoidSymmetric      | 5    | 2 / (1 + e^(-2z)) - 1 = tanh(z)    | s·(1 - y²)                     |
// | sigmoidSymmetricStep… | 6    | FANN's 6-point linear tanh         | s·(1 - y²) (FANN's choice)     |
// | gaussian              | 7    | e^(-z²)                            | -2s·z·y (0 where y = 0)        |
// | gaussianSymmetric     | 8    | 2e^(-z²) - 1                       | -2s·z·(y + 1) (0 where y = -1) |
// | elliot                | 10   | (z/2) / (1 + |z|) + 1/2            | s / (2(1 + |z|)²)              |
// | elliotSymmetric       | 11   | z / (1 + |z|)                      | s / (1 + |z|)²                 |
// | linearPiece           | 12   | min(max(z, 0), 1)                  | s (FANN's choice)              |
// | linearPieceSymmetric  | 13   | min(max(z, -1), 1)                 | s (FANN's choice)              |
// | sinSymmetric          | 14   | sin(z)                             | s·cos(z)                       |
// | cosSymmetric          | 15   | cos(z)                             | -s·sin(z)                      |
// | sin                   | 16   | sin(z)/2 + 1/2                     | s·cos(z)/2                     |
// | cos                   | 17   | cos(z)/2 + 1/2                     | -s·sin(z)/2                    |
// | relu                  | 18   | z < 0 ? 0 : z                      | z < 0 ? 0 : s                  |
// | leakyReLU             | 19   | z < 0 ? 0.01·z : z                 | z < 0 ? 0.01·s : s             |
//
// Special values: NaN in x gives NaN in y and in dy/dx for every function. Infinities give the limits:
// sigmoid(+inf) = 1, sigmoid(-inf) = 0, tanh(±inf) = ±1, gaussian(±inf) = 0, elliot(±inf) = 1 and 0,
// elliotSymmetric(±inf) = ±1, relu(+inf) = +inf; sin and cos of ±inf are NaN. Denormal inputs are ordinary.
//
// Evaluation, as in FANN: the steepness product and the rational functions in Float; e^x, tanh, sin and
// cos in Double and rounded once (the reference) or in Float with VectorMath (the SIMD path, error bounds
// in Math/VectorMath.swift). The stepwise functions (4, 6) interpolate linearly between FANN's six
// breakpoints (`fann_stepwise` in fann_activation.h, constants copied bit for bit): 0 (or -1) below the
// first, 1 above the last, evaluated in Double by the reference as FANN does and in Float by the SIMD
// path (within 1.2e-7). GAUSSIAN_STEPWISE (9) is not provided: FANN 2.2 itself returns 0 for it. Where FANN's
// training code departs from the exact derivative (it clips y to [0.01, 0.99] for sigmoid and
// [-0.98, 0.98] for sigmoidSymmetric before differentiating), a caller reproduces it by clipping y first.

/// An activation function, numbered as FANN numbers it (the value stored in `.net` files).
///
/// ```swift
/// let f = ActivationFunction(rawValue: 3)  // .sigmoid
/// let y = try Kernels.activate(.sigmoid, steepness: 0.5, [0])  // [0.5]
/// ```
public enum ActivationFunction: Int, Sendable, Equatable, CaseIterable {
  /// `y = s·x`.
  case linear = 0
  /// `y = s·x < 0 ? 0 : 1`.
  case threshold = 1
  /// `y = s·x < 0 ? -1 : 1`.
  case thresholdSymmetric = 2
  /// `y = 1 / (1 + e^(-2·s·x))`, FANN's SIGMOID.
  case sigmoid = 3
  /// FANN's SIGMOID_STEPWISE (its default): `sigmoid` linearly interpolated between six breakpoints.
  case sigmoidStepwise = 4
  /// `y = tanh(s·x) = 2 / (1 + e^(-2·s·x)) - 1`, FANN's SIGMOID_SYMMETRIC.
  case sigmoidSymmetric = 5
  /// FANN's SIGMOID_SYMMETRIC_STEPWISE: `sigmoidSymmetric` linearly interpolated between six breakpoints.
  case sigmoidSymmetricStepwise = 6
  /// `y = e^(-(s·x)²)`.
  case gaussian = 7
  /// `y = 2·e^(-(s·x)²) - 1`.
  case gaussianSymmetric = 8
  /// `y = (s·x/2) / (1 + |s·x|) + 1/2`.
  case elliot = 10
  /// `y = s·x / (1 + |s·x|)`.
  case elliotSymmetric = 11
  /// `y = min(max(s·x, 0), 1)`.
  case linearPiece = 12
  /// `y = min(max(s·x, -1), 1)`.
  case linearPieceSymmetric = 13
  /// `y = sin(s·x)`.
  case sinSymmetric = 14
  /// `y = cos(s·x)`.
  case cosSymmetric = 15
  /// `y = sin(s·x)/2 + 1/2`.
  case sin = 16
  /// `y = cos(s·x)/2 + 1/2`.
  case cos = 17
  /// `y = max(s·x, 0)` (FANN's LINEAR_PIECE_RECT).
  case relu = 18
  /// `y = s·x < 0 ? 0.01·s·x : s·x` (FANN's LINEAR_PIECE_RECT_LEAKY).
  case leakyReLU = 19
}

extension Kernels {
  /// `y[i] = f(x[i])` with steepness `s`; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let y = try Kernels.activate(.sigmoidSymmetric, steepness: 1, [0, 100])  // [0, 1]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when `x` and `y` differ in length.
  /// - Complexity: O(n).
  public static func activate(
    _ f: ActivationFunction, steepness s: Float, _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    dispatchActivate(f, s, x, y)
  }

  /// The array `[f(x[i])]` with steepness `s`.
  ///
  /// ```swift
  /// let y = try Kernels.activate(.relu, steepness: 1, [-1, 2])  // [0, 2]
  /// ```
  /// - Throws: never for arrays (the output is sized to match); typed for symmetry with the buffer form.
  /// - Complexity: O(n).
  public static func activate(_ f: ActivationFunction, steepness s: Float, _ x: [Float]) throws(KernelError) -> [Float] {
    [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { dispatchActivate(f, s, $0, out) }
      count = x.count
    }
  }

  /// `d[i] = f'(x[i])`, the derivative with respect to x, given the outputs `y[i] = f(x[i])`.
  ///
  /// ```swift
  /// let x: [Float] = [0]
  /// let y = try Kernels.activate(.sigmoid, steepness: 0.5, x)
  /// let d = try Kernels.derivative(.sigmoid, steepness: 0.5, x: x, y: y)  // [0.25]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` unless `x`, `y`, `d` have one length.
  /// - Complexity: O(n).
  public static func derivative(
    _ f: ActivationFunction, steepness s: Float, x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
    into d: UnsafeMutableBufferPointer<Float>
  ) throws(KernelError) {
    try checkLengths(x.count, y.count)
    try checkLengths(x.count, d.count)
    dispatchDerivative(f, s, x, y, d)
  }

  /// The array of derivatives `[f'(x[i])]`, given the outputs `y[i] = f(x[i])`.
  ///
  /// ```swift
  /// let d = try Kernels.derivative(.sigmoidSymmetric, steepness: 1, x: [0], y: [0])  // [1]
  /// ```
  /// - Throws: ``KernelError/lengthMismatch(expected:actual:)`` when `x` and `y` differ in length.
  /// - Complexity: O(n).
  public static func derivative(
    _ f: ActivationFunction, steepness s: Float, x: [Float], y: [Float]
  ) throws(KernelError) -> [Float] {
    try checkLengths(x.count, y.count)
    return [Float](unsafeUninitializedCapacity: x.count) { out, count in
      x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dispatchDerivative(f, s, px, py, out) } }
      count = x.count
    }
  }

  static func dispatchActivate(
    _ f: ActivationFunction, _ s: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.activate(f, steepness: s, x, into: y)
    case .simd: SIMDKernels.activate(f, steepness: s, x, into: y)
    }
  }

  static func dispatchDerivative(
    _ f: ActivationFunction, _ s: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
    _ d: UnsafeMutableBufferPointer<Float>
  ) {
    switch KernelPath.active {
    case .reference: ReferenceKernels.derivative(f, steepness: s, x: x, y: y, into: d)
    case .simd: SIMDKernels.derivative(f, steepness: s, x: x, y: y, into: d)
    }
  }
}
