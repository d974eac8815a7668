// Test support for the differentiable layer: finite-difference gradient checks and helpers.
import Neural
import Testing

/// Deterministic test tensors (values bounded away from 0 when `awayFromZero`, for kinked ops).
func randomTensor(_ shape: Shape, seed: UInt64, low: Float = -1, high: Float = 1, awayFromZero: Bool = false) -> Tensor {
  var rng = NeuralRandom(seed: seed)
  var t = Tensor(uniform: shape, low: low, high: high, using: &rng)
  if awayFromZero {
    for i in 0..<t.count where Swift.abs(t.scalars[i]) < 0.1 { t.scalars[i] += t.scalars[i] < 0 ? -0.2 : 0.2 }
  }
  return t
}

/// Checks the analytic gradients of `build` (a function of `inputs`) against central finite
/// differences of the projected loss Σ y ⊙ R, R random. Returns the largest error found.
@discardableResult
func gradCheck(
  _ inputs: [Tensor], eps: Float = 1e-2, tolerance: Float = 2e-2, maxChecks: Int = 48,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ build: (Graph, [Var]) throws(TensorError) -> Var
) throws -> Float {
  func run(_ ts: [Tensor], backward: Bool) throws -> (Double, [Tensor]) {
    let g = Graph(capacity: 64, seed: 5)
    let vars = ts.map { g.constant($0) }
    let y = try build(g, vars)
    let r = g.constant(randomTensor(y.shape, seed: 99))
    let loss = try g.sum(try g.mul(y, r))
    let yv = try g.value(y).scalars, rv = try g.value(r).scalars
    var total = 0.0
    for i in 0..<yv.count { total += Double(yv[i]) * Double(rv[i]) }
    if !backward { return (total, []) }
    try g.backward(loss, requiringGradients: true)
    return (total, try vars.map { v throws(TensorError) in try g.gradient(v) })
  }
  let (_, analytic) = try run(inputs, backward: true)
  var worst: Float = 0
  for (k, t) in inputs.enumerated() {
    let step = Swift.max(1, t.count / maxChecks)
    for i in stride(from: 0, to: t.count, by: step) {
      var plus = inputs, minus = inputs
      plus[k].scalars[i] += eps
      minus[k].scalars[i] -= eps
      let fp = try run(plus, backward: false).0, fm = try run(minus, backward: false).0
      let numeric = Float((fp - fm) / Double(2 * eps))
      let a = analytic[k].scalars[i]
      let err = Swift.abs(a - numeric) / (1 + Swift.abs(numeric))
      worst = Swift.max(worst, err)
      #expect(err <= tolerance, "input \(k) element \(i): analytic \(a) numeric \(numeric)", sourceLocation: sourceLocation)
    }
  }
  return worst
}

/// `<repo>/Neural/Tests/NeuralTests/Fixtures/torch/<name>`, found from this file's path.
func torchFixturePath(_ name: String) -> String {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(2)
  return parts.joined(separator: "/") + "/Fixtures/torch/" + name
}
