// Activation functions over contiguous runs of neurons or samples: the fast paths' elementwise work.
//
// The fast paths keep a layer's sums and values contiguous (one neuron's samples in the batch paths,
// one layer's neurons in a single forward pass), so the per-element work the reference does with
// `value(_:)` and `derivative(steepness:value:sum:)` runs here as vector loops over one function and
// one steepness:
// - `activate(steepness:sums:values:count:)`: sum = clamp(s · sum, ±150/s), value = f(sum);
// - `multiplyDerivative(steepness:values:sums:errors:count:)`: error *= f'(value, sum).
// The steepness product, the clamp, the rational and piecewise functions and every derivative are the
// reference's Float formulas lane by lane (no reduction, no fused multiply-add), so they equal the
// scalar results bit for bit. The functions built on exp, tanh, sin and cos use SIMDKit's vector math
// in Float (within 1–3 ulp of the reference's double libm rounded to Float: SIMDKit/Math/VectorMath.swift);
// that is the fast paths' only departure besides the gemm summation order. LEAKY_RECT (which FANN
// computes in double) and GAUSSIAN_STEPWISE keep the scalar formula.
// The oracle is the scalar `value(_:)` / `derivative(…)` (tests: ActivationFunctionLanesTests).
import SIMDKit

extension ActivationFunction {
  /// The SIMDKit kernel computing this function on already scaled sums (steepness 1), when there is one.
  var vectorKernel: SIMDKit.ActivationFunction? {
    switch self {
    case .sigmoid, .sigmoidSymmetric, .gaussian, .gaussianSymmetric, .sigmoidStepwise,
      .sigmoidSymmetricStepwise, .sinSymmetric, .cosSymmetric, .sin, .cos:
      return SIMDKit.ActivationFunction(rawValue: Int(rawValue))
    default:
      return nil
    }
  }

  /// Scales `count` sums by the steepness, clamps them to ±150/s (both in place), and writes the
  /// activations to `values`.
  ///
  /// ```swift
  /// // sums [0, 1] → [0, 0.5] (scaled), values → [0.5, sigmoid(0.5)]
  /// ActivationFunction.activateRun(.sigmoid, steepness: 0.5, sums: s, values: v, count: 2)
  /// ```
  /// - Complexity: O(count).
  static func activateRun(
    _ f: ActivationFunction, steepness s: Float, sums: UnsafeMutablePointer<Float>,
    values: UnsafeMutablePointer<Float>, count n: Int
  ) {
    guard n > 0 else { return }
    let maxSum = 150 / s
    let vs = SIMD8<Float>(repeating: s), hi = SIMD8<Float>(repeating: maxSum)
    var i = 0
    while i + 8 <= n {
      var z = vs * load8(sums, i)
      z.replace(with: hi, where: z .> hi)
      z.replace(with: -hi, where: z .< -hi)
      store8(z, sums, i)
      i += 8
    }
    while i < n {
      var z = s * sums[i]
      if z > maxSum { z = maxSum } else if z < -maxSum { z = -maxSum }
      sums[i] = z
      i += 1
    }
    if let kernel = f.vectorKernel {
      SIMDKernels.activate(
        kernel, steepness: 1, UnsafeBufferPointer(start: sums, count: n),
        into: UnsafeMutableBufferPointer(start: values, count: n))
      if f == .sigmoidStepwise || f == .sigmoidSymmetricStepwise {
        // FANN's comparisons send NaN to the upper end; SIMDKit keeps NaN. Only NaN lanes differ.
        for j in 0..<n where sums[j] != sums[j] { values[j] = f.value(sums[j]) }
      }
      return
    }
    let zero = SIMD8<Float>(), one = SIMD8<Float>(repeating: 1)
    i = 0
    switch f {
    case .linear:
      while i + 8 <= n { store8(load8(sums, i), values, i); i += 8 }
    case .linearPiece:
      while i + 8 <= n {
        var z = load8(sums, i)
        z.replace(with: zero, where: z .< zero)
        z.replace(with: one, where: z .> one)
        store8(z, values, i)
        i += 8
      }
    case .linearPieceSymmetric:
      while i + 8 <= n {
        var z = load8(sums, i)
        z.replace(with: -one, where: z .< -one)
        z.replace(with: one, where: z .> one)
        store8(z, values, i)
        i += 8
      }
    case .linearPieceRect:
      while i + 8 <= n {
        var z = load8(sums, i)
        z.replace(with: zero, where: z .< zero)
        store8(z, values, i)
        i += 8
      }
    case .elliot:
      while i + 8 <= n {
        let z = load8(sums, i)
        let a = z.replacing(with: -z, where: z .< zero)  // |z| (−0 stays −0: 1 + −0 = 1)
        store8(((z / 2) / (one + a)) + 0.5, values, i)
        i += 8
      }
    case .elliotSymmetric:
      while i + 8 <= n {
        let z = load8(sums, i)
        let a = z.replacing(with: -z, where: z .< zero)
        store8(z / (one + a), values, i)
        i += 8
      }
    default:
      break
    }
    while i < n {
      values[i] = f.value(sums[i])
      i += 1
    }
  }

  /// Multiplies `count` errors by FANN's derivative at the matching values and (scaled) sums.
  ///
  /// ```swift
  /// // e[i] *= 2·0.5·c·(1 − c), c = v[i] clipped to [0.01, 0.99]
  /// ActivationFunction.multiplyDerivativeRun(.sigmoid, steepness: 0.5, values: v, sums: s, errors: e, count: n)
  /// ```
  /// - Complexity: O(count).
  static func multiplyDerivativeRun(
    _ f: ActivationFunction, steepness s: Float, values: UnsafePointer<Float>, sums: UnsafePointer<Float>,
    errors: UnsafeMutablePointer<Float>, count n: Int
  ) {
    var i = 0
    let vs = SIMD8<Float>(repeating: s), one = SIMD8<Float>(repeating: 1)
    switch f {
    case .linear, .linearPiece, .linearPieceSymmetric:
      while i + 8 <= n { store8(load8(errors, i) * vs, errors, i); i += 8 }
    case .sigmoid, .sigmoidStepwise:
      let lo = SIMD8<Float>(repeating: 0.01), hi = SIMD8<Float>(repeating: 0.99)
      while i + 8 <= n {
        var c = load8(values, i)
        c.replace(with: lo, where: c .< lo)
        c.replace(with: hi, where: c .> hi)
        store8(load8(errors, i) * (2.0 * vs * c * (one - c)), errors, i)
        i += 8
      }
    case .sigmoidSymmetric, .sigmoidSymmetricStepwise:
      let lo = SIMD8<Float>(repeating: -0.98), hi = SIMD8<Float>(repeating: 0.98)
      while i + 8 <= n {
        var c = load8(values, i)
        c.replace(with: lo, where: c .< lo)
        c.replace(with: hi, where: c .> hi)
        store8(load8(errors, i) * (vs * (one - (c * c))), errors, i)
        i += 8
      }
    default:
      break
    }
    while i < n {
      errors[i] *= f.derivative(steepness: s, value: values[i], sum: sums[i])
      i += 1
    }
  }
}

@inline(__always)
private func load8(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
  SIMD8(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5], p[i + 6], p[i + 7])
}

@inline(__always)
private func load8(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> SIMD8<Float> {
  load8(UnsafePointer(p), i)
}

@inline(__always)
private func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
  for j in 0..<8 { p[i + j] = v[j] }
}
