// Scalar reference for softmax.
//
// softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m) with m = max(x): subtracting the maximum makes every
// exponent <= 0, so nothing overflows and the largest term is exactly 1 (the sum is >= 1, never 0).
// The reference takes m in Float (x_i - m is one Float subtraction, as on the fast path), then the
// exponentials and their sum in Double, and rounds each quotient once.
//
// Special values, identical on every path: any NaN in x makes every output NaN (m is NaN); so does a +inf
// (inf - inf is NaN), as in PyTorch and NumPy; an all -inf input gives NaN too (-inf - (-inf)).
// An empty input gives an empty output.

extension ReferenceKernels {
  /// `y = softmax(x)`, numerically stable; `y` may be the same memory as `x`.
  ///
  /// ```swift
  /// let x: [Float] = [0, 0]
  /// var y: [Float] = [0, 0]
  /// x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { ReferenceKernels.softmax(px, into: $0) } }
  /// // y == [0.5, 0.5]
  /// ```
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n), two passes over `x` and one over `y`.
  public static func softmax(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
    precondition(x.count == y.count, "softmax: length mismatch")
    guard let m = max(x) else { return }
    var total = 0.0
    for v in x { total += ScalarMath.exp(Double(v - m)) }
    for i in x.indices { y[i] = Float(ScalarMath.exp(Double(x[i] - m)) / total) }
  }
}
