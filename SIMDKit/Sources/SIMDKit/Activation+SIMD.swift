// Vectorised activation functions and derivatives.
//
// One loop per function (the `switch` is outside the loop), each lane evaluating exactly the formula
// of the table in Activation.swift in Float. The rational and piecewise functions therefore match the
// reference bit for bit; the transcendental ones use VectorMath and match within its stated bounds.
// The tail (n mod width elements) is computed as one zero-padded vector, so an element's result never
// depends on its position in the buffer.

extension SIMDKernels {
  /// `y[i] = f(x[i])` with steepness `s`, vectorised; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let x: [Float] = [0]
  /// var y: [Float] = [9]
  /// x.withUnsafeBufferPointer { px in
  ///   y.withUnsafeMutableBufferPointer { SIMDKernels.activate(.sigmoid, steepness: 0.5, px, into: $0) }
  /// }  // y == [0.5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n).
  public static func activate(
    _ f: ActivationFunction, steepness s: Float, _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count, "activate: length mismatch")
    let one = FloatVector(repeating: 1), zero = FloatVector(), inf = FloatVector(repeating: .infinity)
    switch f {
    case .linear:
      map(x, y, s) { z in z }
    case .threshold:
      map(x, y, s) { z in one.replacing(with: zero, where: z .< zero).replacing(with: z, where: z .!= z) }
    case .thresholdSymmetric:
      map(x, y, s) { z in one.replacing(with: -one, where: z .< zero).replacing(with: z, where: z .!= z) }
    case .sigmoid:
      // t = e^(-2|z|) never overflows; y = 1/(1+t) for z >= 0 and t/(1+t) = e^(2z)/(1+e^(2z)) for z < 0,
      // which keeps the tiny (even subnormal) values of the left tail instead of rounding them to 0.
      map(x, y, s) { z in
        let t = VectorMath.exp(-2 * Lanes.abs(z))
        return one.replacing(with: t, where: z .< zero) / (one + t)
      }
    case .sigmoidSymmetric:
      map(x, y, s) { z in VectorMath.tanh(z) }
    case .gaussian:
      map(x, y, s) { z in VectorMath.exp(-(z * z)) }
    case .gaussianSymmetric:
      map(x, y, s) { z in VectorMath.exp(-(z * z)) * 2 - one }
    case .elliot:
      map(x, y, s) { z in
        ((z / 2) / (one + Lanes.abs(z)) + 0.5).replacing(with: one, where: z .== inf).replacing(with: zero, where: z .== -inf)
      }
    case .elliotSymmetric:
      map(x, y, s) { z in
        (z / (one + Lanes.abs(z))).replacing(with: one, where: z .== inf).replacing(with: -one, where: z .== -inf)
      }
    case .linearPiece:
      map(x, y, s) { z in z.replacing(with: zero, where: z .< zero).replacing(with: one, where: z .> one) }
    case .linearPieceSymmetric:
      map(x, y, s) { z in z.replacing(with: -one, where: z .< -one).replacing(with: one, where: z .> one) }
    case .sinSymmetric:
      map(x, y, s) { z in VectorMath.sinCos(z).sin }
    case .cosSymmetric:
      map(x, y, s) { z in VectorMath.sinCos(z).cos }
    case .sin:
      map(x, y, s) { z in VectorMath.sinCos(z).sin / 2 + 0.5 }
    case .cos:
      map(x, y, s) { z in VectorMath.sinCos(z).cos / 2 + 0.5 }
    case .relu:
      map(x, y, s) { z in z.replacing(with: zero, where: z .< zero) }
    case .leakyReLU:
      map(x, y, s) { z in z.replacing(with: z * 0.01, where: z .< zero) }
    }
  }

  /// `d[i] = f'(x[i])` given `y[i] = f(x[i])`, vectorised; `d` may be the same memory as `x` or `y`.
  ///
  /// ```swift
  /// let x: [Float] = [0], y: [Float] = [0.5]
  /// var d: [Float] = [0]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
  ///   d.withUnsafeMutableBufferPointer { SIMDKernels.derivative(.sigmoid, steepness: 0.5, x: px, y: py, into: $0) }
  /// } }  // d == [0.25]
  /// ```
  /// - Precondition: `x`, `y` and `d` have the same count.
  /// - Complexity: O(n).
  public static func derivative(
    _ f: ActivationFunction, steepness s: Float, x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
    into d: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(x.count == y.count && x.count == d.count, "derivative: length mismatch")
    let vs = FloatVector(repeating: s), one = FloatVector(repeating: 1), zero = FloatVector()
    switch f {
    case .linear, .linearPiece, .linearPieceSymmetric:
      map2(x, y, d, s) { _, _ in vs }
    case .threshold, .thresholdSymmetric:
      map2(x, y, d, s) { _, _ in zero }
    case .sigmoid:
      map2(x, y, d, s) { _, v in 2 * vs * v * (one - v) }
    case .sigmoidSymmetric:
      map2(x, y, d, s) { _, v in vs * (one - v * v) }
    case .gaussian:
      map2(x, y, d, s) { z, v in (-2 * vs * z * v).replacing(with: zero, where: v .== zero) }
    case .gaussianSymmetric:
      map2(x, y, d, s) { z, v in
        let v1 = v + one
        return (-2 * vs * z * v1).replacing(with: zero, where: v1 .== zero)
      }
    case .elliot:
      map2(x, y, d, s) { z, _ in
        let q = one + Lanes.abs(z)
        return vs / (2 * q * q)
      }
    case .elliotSymmetric:
      map2(x, y, d, s) { z, _ in
        let q = one + Lanes.abs(z)
        return vs / (q * q)
      }
    case .sinSymmetric:
      map2(x, y, d, s) { z, _ in vs * VectorMath.sinCos(z).cos }
    case .cosSymmetric:
      map2(x, y, d, s) { z, _ in -vs * VectorMath.sinCos(z).sin }
    case .sin:
      map2(x, y, d, s) { z, _ in vs * VectorMath.sinCos(z).cos / 2 }
    case .cos:
      map2(x, y, d, s) { z, _ in -vs * VectorMath.sinCos(z).sin / 2 }
    case .relu:
      map2(x, y, d, s) { z, _ in vs.replacing(with: zero, where: z .< zero) }
    case .leakyReLU:
      map2(x, y, d, s) { z, _ in vs.replacing(with: vs * 0.01, where: z .< zero) }
    }
  }

  /// Applies `f` to `s·x`, one vector at a time; the tail as one zero-padded vector.
  /// `f` has exactly one call site, so the optimiser inlines it into the loop.
  @inline(__always)
  static func map(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ s: Float,
    _ f: (FloatVector) -> FloatVector
  ) {
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress else { return }
    let w = FloatVector.scalarCount
    let vs = FloatVector(repeating: s)
    var i = 0
    while i < n {
      let full = i + w <= n
      var v = FloatVector()
      if full {
        v = Lanes.load(px, i)
      } else {
        for j in 0..<(n - i) { v[j] = px[i + j] }
      }
      let r = f(vs * v)
      if full {
        Lanes.store(r, py, i)
      } else {
        for j in 0..<(n - i) { py[i + j] = r[j] }
      }
      i += w
    }
  }

  /// Applies `f` to `(s·x, y)`, one vector at a time; the tail as one zero-padded vector.
  /// Lanes where `s·x` is NaN get that NaN (the NaN rule of every derivative).
  @inline(__always)
  static func map2(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ d: UnsafeMutableBufferPointer<Float>,
    _ s: Float, _ f: (FloatVector, FloatVector) -> FloatVector
  ) {
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress, let pd = d.baseAddress else { return }
    let w = FloatVector.scalarCount
    let vs = FloatVector(repeating: s)
    var i = 0
    while i < n {
      let full = i + w <= n
      var u = FloatVector(), v = FloatVector()
      if full {
        u = Lanes.load(px, i)
        v = Lanes.load(py, i)
      } else {
        for j in 0..<(n - i) {
          u[j] = px[i + j]
          v[j] = py[i + j]
        }
      }
      let z = vs * u
      let r = f(z, v).replacing(with: z, where: z .!= z)
      if full {
        Lanes.store(r, pd, i)
      } else {
        for j in 0..<(n - i) { pd[i + j] = r[j] }
      }
      i += w
    }
  }
}
