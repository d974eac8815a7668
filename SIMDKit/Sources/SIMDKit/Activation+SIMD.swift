// Vectorised activation functions and derivatives.
//
// One loop per function (the `switch` is outside the loop), each lane evaluating exactly the formula
// of the table in Activation.swift in Float. The rational and piecewise functions therefore match the
// reference bit for bit; the transcendental ones use VectorMath and match within its stated bounds.
// The tail (n mod width elements) is computed as one zero-padded vector, so an element's result never
// depends on its position in the buffer.
//
// Each function is a small struct conforming to `ActivationLanes` / `DerivativeLanes` and the loops are
// generic over it, not closures: generic specialisation plus `@inline(__always)` inlines the lane code
// into the loop on every target, whereas the optimiser's closure inlining differed between native and
// wasm32 builds (on wasm32 every vector paid a call, and the derivative ran 7x slower than the
// auto-vectorised scalar reference).
// The loops index with wrapping arithmetic (`&+`, `n &- w`): with checked `i + w <= n` the derivative
// loop kept an overflow branch per vector and ran at 0.24x the auto-vectorised reference on wasm32;
// wrapping indices and four vectors per iteration bring it level with it (~1x: this memory-bound
// kernel has nothing left for SIMD to win over LLVM's own vectorisation; against the scalar wasm
// variant it is ~3x). Measured by SIMDKit/WasmCheck/bench-kernels.sh.

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
    switch f {
    case .linear: map(x, y, s, LinearLanes())
    case .threshold: map(x, y, s, ThresholdLanes())
    case .thresholdSymmetric: map(x, y, s, ThresholdSymmetricLanes())
    case .sigmoid: map(x, y, s, SigmoidLanes())
    case .sigmoidSymmetric: map(x, y, s, SigmoidSymmetricLanes())
    case .sigmoidStepwise: map(x, y, s, StepwiseLanes(Stepwise.sigmoid))
    case .sigmoidSymmetricStepwise: map(x, y, s, StepwiseLanes(Stepwise.sigmoidSymmetric))
    case .gaussian: map(x, y, s, GaussianLanes())
    case .gaussianSymmetric: map(x, y, s, GaussianSymmetricLanes())
    case .elliot: map(x, y, s, ElliotLanes())
    case .elliotSymmetric: map(x, y, s, ElliotSymmetricLanes())
    case .linearPiece: map(x, y, s, LinearPieceLanes())
    case .linearPieceSymmetric: map(x, y, s, LinearPieceSymmetricLanes())
    case .sinSymmetric: map(x, y, s, SinSymmetricLanes())
    case .cosSymmetric: map(x, y, s, CosSymmetricLanes())
    case .sin: map(x, y, s, SinLanes())
    case .cos: map(x, y, s, CosLanes())
    case .relu: map(x, y, s, ReLULanes())
    case .leakyReLU: map(x, y, s, LeakyReLULanes())
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
    let vs = FloatVector(repeating: s)
    switch f {
    case .linear, .linearPiece, .linearPieceSymmetric: map2(x, y, d, s, ConstantSlope(s: vs))
    case .threshold, .thresholdSymmetric: map2(x, y, d, s, ZeroSlope(s: vs))
    case .sigmoid, .sigmoidStepwise: map2(x, y, d, s, SigmoidSlope(s: vs))
    case .sigmoidSymmetric, .sigmoidSymmetricStepwise: map2(x, y, d, s, SigmoidSymmetricSlope(s: vs))
    case .gaussian: map2(x, y, d, s, GaussianSlope(s: vs))
    case .gaussianSymmetric: map2(x, y, d, s, GaussianSymmetricSlope(s: vs))
    case .elliot: map2(x, y, d, s, ElliotSlope(s: vs))
    case .elliotSymmetric: map2(x, y, d, s, ElliotSymmetricSlope(s: vs))
    case .sinSymmetric: map2(x, y, d, s, SinSymmetricSlope(s: vs))
    case .cosSymmetric: map2(x, y, d, s, CosSymmetricSlope(s: vs))
    case .sin: map2(x, y, d, s, SinSlope(s: vs))
    case .cos: map2(x, y, d, s, CosSlope(s: vs))
    case .relu: map2(x, y, d, s, ReLUSlope(s: vs))
    case .leakyReLU: map2(x, y, d, s, LeakyReLUSlope(s: vs))
    }
  }

  /// Applies `f` to `s·x`, one vector at a time; the tail as one zero-padded vector.
  @inline(__always)
  static func map<F: ActivationLanes>(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ s: Float, _ f: F
  ) {
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress else { return }
    let w = FloatVector.scalarCount
    let vs = FloatVector(repeating: s)
    var i = 0
    while i <= n &- w {  // wrapping: no overflow check in the loop (n ≥ 0, so n - w cannot wrap)
      Lanes.store(f.apply(vs * Lanes.load(px, i)), py, i)
      i = i &+ w
    }
    if i < n {
      var v = FloatVector()
      for j in 0..<(n - i) { v[j] = px[i + j] }
      let r = f.apply(vs * v)
      for j in 0..<(n - i) { py[i + j] = r[j] }
    }
  }

  /// Applies `f` to `(s·x, y)`, one vector at a time; the tail as one zero-padded vector.
  /// Lanes where `s·x` is NaN get that NaN (the NaN rule of every derivative).
  @inline(__always)
  static func map2<F: DerivativeLanes>(
    _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ d: UnsafeMutableBufferPointer<Float>,
    _ s: Float, _ f: F
  ) {
    let n = x.count
    guard n > 0, let px = x.baseAddress, let py = y.baseAddress, let pd = d.baseAddress else { return }
    let w = FloatVector.scalarCount
    let vs = FloatVector(repeating: s)
    var i = 0
    // Four vectors per iteration with wrapping index arithmetic (n ≥ 0, so n - 4w cannot wrap): no
    // overflow checks in the loop, and four independent chains for the engine to overlap.
    while i <= n &- 4 &* w {
      for u in 0..<4 {
        let j = i &+ u &* w
        let z = vs * Lanes.load(px, j)
        Lanes.store(f.apply(z, Lanes.load(py, j)).replacing(with: z, where: z .!= z), pd, j)
      }
      i = i &+ 4 &* w
    }
    while i <= n &- w {
      let z = vs * Lanes.load(px, i)
      Lanes.store(f.apply(z, Lanes.load(py, i)).replacing(with: z, where: z .!= z), pd, i)
      i = i &+ w
    }
    if i < n {
      var u = FloatVector(), v = FloatVector()
      for j in 0..<(n - i) {
        u[j] = px[i + j]
        v[j] = py[i + j]
      }
      let z = vs * u
      let r = f.apply(z, v).replacing(with: z, where: z .!= z)
      for j in 0..<(n - i) { pd[i + j] = r[j] }
    }
  }
}

/// One activation as lane arithmetic on `z = s·x`.
protocol ActivationLanes {
  func apply(_ z: FloatVector) -> FloatVector
}

/// One derivative as lane arithmetic on `z = s·x` and the output `y`; `s` is the steepness vector.
protocol DerivativeLanes {
  func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector
}

// Constants as computed properties, not stored globals: a global `let` of a vector type is initialised
// lazily (a once-guard on every access), a computed one folds into the instruction stream.
private var one: FloatVector { FloatVector(repeating: 1) }
private var zero: FloatVector { FloatVector() }
private var inf: FloatVector { FloatVector(repeating: .infinity) }

struct LinearLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return z
  }
}

struct ThresholdLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return one.replacing(with: zero, where: z .< zero).replacing(with: z, where: z .!= z)
  }
}

struct ThresholdSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return one.replacing(with: -one, where: z .< zero).replacing(with: z, where: z .!= z)
  }
}

struct SigmoidLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    // t = e^(-2|z|) never overflows; y = 1/(1+t) for z >= 0 and t/(1+t) = e^(2z)/(1+e^(2z)) for z < 0,
    // which keeps the tiny (even subnormal) values of the left tail instead of rounding them to 0.
    let t = VectorMath.exp(-2 * Lanes.abs(z))
    return one.replacing(with: t, where: z .< zero) / (one + t)
  }
}

struct SigmoidSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.tanh(z)
  }
}

struct GaussianLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.exp(-(z * z))
  }
}

struct GaussianSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.exp(-(z * z)) * 2 - one
  }
}

struct ElliotLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return ((z / 2) / (one + Lanes.abs(z)) + 0.5).replacing(with: one, where: z .== inf).replacing(with: zero, where: z .== -inf)
  }
}

struct ElliotSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return (z / (one + Lanes.abs(z))).replacing(with: one, where: z .== inf).replacing(with: -one, where: z .== -inf)
  }
}

struct LinearPieceLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return z.replacing(with: zero, where: z .< zero).replacing(with: one, where: z .> one)
  }
}

struct LinearPieceSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return z.replacing(with: -one, where: z .< -one).replacing(with: one, where: z .> one)
  }
}

struct SinSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.sinCos(z).sin
  }
}

struct CosSymmetricLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.sinCos(z).cos
  }
}

struct SinLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.sinCos(z).sin / 2 + 0.5
  }
}

struct CosLanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return VectorMath.sinCos(z).cos / 2 + 0.5
  }
}

struct ReLULanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return z.replacing(with: zero, where: z .< zero)
  }
}

struct LeakyReLULanes: ActivationLanes {
  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    return z.replacing(with: z * 0.01, where: z .< zero)
  }
}

struct ConstantSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s
  }
}

struct ZeroSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return zero
  }
}

struct SigmoidSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return 2 * s * y * (one - y)
  }
}

struct SigmoidSymmetricSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s * (one - y * y)
  }
}

struct GaussianSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return (-2 * s * z * y).replacing(with: zero, where: y .== zero)
  }
}

struct GaussianSymmetricSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    let y1 = y + one
    return (-2 * s * z * y1).replacing(with: zero, where: y1 .== zero)
  }
}

struct ElliotSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    let q = one + Lanes.abs(z)
    return s / (2 * q * q)
  }
}

struct ElliotSymmetricSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    let q = one + Lanes.abs(z)
    return s / (q * q)
  }
}

struct SinSymmetricSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s * VectorMath.sinCos(z).cos
  }
}

struct CosSymmetricSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return -s * VectorMath.sinCos(z).sin
  }
}

struct SinSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s * VectorMath.sinCos(z).cos / 2
  }
}

struct CosSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return -s * VectorMath.sinCos(z).sin / 2
  }
}

struct ReLUSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s.replacing(with: zero, where: z .< zero)
  }
}

struct LeakyReLUSlope: DerivativeLanes {
  let s: FloatVector
  @inline(__always) func apply(_ z: FloatVector, _ y: FloatVector) -> FloatVector {
    return s.replacing(with: s * 0.01, where: z .< zero)
  }
}

/// FANN's stepwise sigmoids in Float lanes: each lane picks its segment's end points with selects, then
/// one interpolation `r_a + (r_b - r_a)(z - v_a) / (v_b - v_a)` (the reference does the same in Double).
struct StepwiseLanes: ActivationLanes {
  let v: (FloatVector, FloatVector, FloatVector, FloatVector, FloatVector, FloatVector)
  let r: (FloatVector, FloatVector, FloatVector, FloatVector, FloatVector, FloatVector)
  let low: FloatVector
  let high: FloatVector

  init(_ table: Stepwise) {
    func f(_ d: Double) -> FloatVector { FloatVector(repeating: Float(d)) }
    v = (f(table.v.0), f(table.v.1), f(table.v.2), f(table.v.3), f(table.v.4), f(table.v.5))
    r = (f(table.r.0), f(table.r.1), f(table.r.2), f(table.r.3), f(table.r.4), f(table.r.5))
    low = f(table.low)
    high = f(table.high)
  }

  @inline(__always) func apply(_ z: FloatVector) -> FloatVector {
    var va = v.0, ra = r.0, vb = v.1, rb = r.1
    var m = z .>= v.1
    va.replace(with: v.1, where: m); ra.replace(with: r.1, where: m); vb.replace(with: v.2, where: m); rb.replace(with: r.2, where: m)
    m = z .>= v.2
    va.replace(with: v.2, where: m); ra.replace(with: r.2, where: m); vb.replace(with: v.3, where: m); rb.replace(with: r.3, where: m)
    m = z .>= v.3
    va.replace(with: v.3, where: m); ra.replace(with: r.3, where: m); vb.replace(with: v.4, where: m); rb.replace(with: r.4, where: m)
    m = z .>= v.4
    va.replace(with: v.4, where: m); ra.replace(with: r.4, where: m); vb.replace(with: v.5, where: m); rb.replace(with: r.5, where: m)
    let y = ((rb - ra) * (z - va)) / (vb - va) + ra
    return y.replacing(with: low, where: z .< v.0).replacing(with: high, where: z .>= v.5).replacing(with: z, where: z .!= z)
  }
}
