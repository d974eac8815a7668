// Vectorised softmax: max (SIMDKernels.max), then e^(x_i - m) written to y while four vector
// accumulators sum it, then one division per element. The special values are those of the reference
// (Softmax+Reference.swift). Error: each output carries the error of VectorMath.exp (<= 2 ulp) plus that of
// a Float sum of n positive terms in 4·width interleaved partial sums, plus one rounding in the division;
// relative, within (3 + n / width) ulp in the worst case and a few ulp in practice.

extension SIMDKernels {
  /// `y = softmax(x)`, numerically stable, vectorised; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let x: [Float] = [0, 0]
  /// var y: [Float] = [0, 0]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { SIMDKernels.softmax(px, into: $0) } }
  /// // y == [0.5, 0.5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n), two passes over `x` and two over `y`.
  public static func softmax(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
    precondition(x.count == y.count, "softmax: length mismatch")
    guard let m = max(x), let px = x.baseAddress, let py = y.baseAddress else { return }
    let n = x.count
    let w = FloatVector.scalarCount
    let vm = FloatVector(repeating: m)
    var a0 = FloatVector(), a1 = FloatVector()
    var i = 0
    while i + 2 * w <= n {
      let e0 = VectorMath.exp(Lanes.load(px, i) - vm)
      let e1 = VectorMath.exp(Lanes.load(px, i + w) - vm)
      Lanes.store(e0, py, i)
      Lanes.store(e1, py, i + w)
      a0 += e0
      a1 += e1
      i += 2 * w
    }
    // The tail: one or two zero-padded vectors; padded lanes must not count, so they are set to 0.
    while i < n {
      var v = FloatVector()
      let k = Swift.min(w, n - i)
      for j in 0..<k { v[j] = px[i + j] }
      var e = VectorMath.exp(v - vm)
      for j in k..<w { e[j] = 0 }
      for j in 0..<k { py[i + j] = e[j] }
      a0 += e
      i += k
    }
    let total = (a0 + a1).sum()
    let vt = FloatVector(repeating: total)
    i = 0
    while i + w <= n {
      Lanes.store(Lanes.load(UnsafePointer(py), i) / vt, py, i)
      i += w
    }
    while i < n {
      py[i] /= total
      i += 1
    }
  }
}
