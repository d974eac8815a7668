// The fast paths' run kernels (ActivationFunction+Lanes.swift) against the scalar reference:
// `value(_:)` and `derivative(steepness:value:sum:)` element by element.
@testable import Neural
import Testing

@Suite("Activation runs against the scalar reference")
struct ActivationFunctionLanesTests {
  /// Sums covering both tails, the clamp (±150/s), zeros of both signs and the saturation regions.
  static func sums(_ n: Int, seed: UInt64) -> [Float] {
    var rng = NeuralRandom(seed: seed)
    let edges: [Float] = [0, -0.0, 1e30, -1e30, 400, -400, 0.01, -0.99, 2.7, -2.7, 1, -1]
    return (0..<n).map { i in i < edges.count && n > 20 ? edges[i] : rng.uniform(-6, 6) }
  }

  @Test("activateRun: scaled sums bit-exact, values exact or within vector-math bounds",
    arguments: ActivationFunction.allCases)
  func activationRuns(f: ActivationFunction) {
    for s: Float in [1, 0.5, 0.25] {
      for n in Array(0...33) + [1000] {
        var sums = Self.sums(n, seed: UInt64(n) + 1)
        var expectedSums = sums
        var values = [Float](repeating: .nan, count: n)
        var expected = [Float](repeating: 0, count: n)
        for i in 0..<n {
          var z = s * expectedSums[i]
          let m = 150 / s
          if z > m { z = m } else if z < -m { z = -m }
          expectedSums[i] = z
          expected[i] = f.value(z)
        }
        sums.withUnsafeMutableBufferPointer { sp in
          values.withUnsafeMutableBufferPointer { vp in
            ActivationFunction.activateRun(f, steepness: s, sums: sp.baseAddress!, values: vp.baseAddress!, count: n)
          }
        }
        #expect(sums == expectedSums, "\(f) n=\(n) s=\(s)")
        for i in 0..<n {
          if f.vectorKernel == nil {
            #expect(values[i] == expected[i], "\(f) n=\(n) i=\(i)")
          } else {
            // SIMDKit's Float vector math: a few ulp, or 1.2e-7 absolute near zeros of sin/cos.
            let tol = max(4 * expected[i].magnitude.ulp, 2.4e-7)
            #expect((values[i] - expected[i]).magnitude <= tol, "\(f) n=\(n) i=\(i): \(values[i]) vs \(expected[i])")
          }
        }
      }
    }
  }

  @Test("multiplyDerivativeRun equals the scalar derivative bit for bit", arguments: ActivationFunction.allCases)
  func derivativeRuns(f: ActivationFunction) {
    var rng = NeuralRandom(seed: 9)
    for s: Float in [1, 0.5] {
      for n in Array(0...33) + [1000] {
        let sums = Self.sums(n, seed: UInt64(n) + 7)
        // Values around and beyond the derivative clips (0.01/0.99, ±0.98).
        let values = (0..<n).map { i in i % 7 == 0 ? Float(0.995) : rng.uniform(-1.2, 1.2) }
        var errors = (0..<n).map { _ in rng.uniform(-2, 2) }
        let expected = (0..<n).map { i in errors[i] * f.derivative(steepness: s, value: values[i], sum: sums[i]) }
        values.withUnsafeBufferPointer { vp in
          sums.withUnsafeBufferPointer { sp in
            errors.withUnsafeMutableBufferPointer { ep in
              ActivationFunction.multiplyDerivativeRun(
                f, steepness: s, values: vp.baseAddress!, sums: sp.baseAddress!, errors: ep.baseAddress!, count: n)
            }
          }
        }
        for i in 0..<n { #expect(errors[i].bitPattern == expected[i].bitPattern, "\(f) n=\(n) i=\(i)") }
      }
    }
  }

  @Test func nanSumsStayNaN() {
    for f in ActivationFunction.allCases {
      var sums: [Float] = Array(repeating: .nan, count: 9)
      var values = [Float](repeating: 0, count: 9)
      sums.withUnsafeMutableBufferPointer { sp in
        values.withUnsafeMutableBufferPointer { vp in
          ActivationFunction.activateRun(f, steepness: 1, sums: sp.baseAddress!, values: vp.baseAddress!, count: 9)
        }
      }
      #expect(sums.allSatisfy { $0.isNaN })
      let reference = f.value(.nan)
      for v in values { #expect(v.isNaN == reference.isNaN, "\(f)") }
    }
  }
}
