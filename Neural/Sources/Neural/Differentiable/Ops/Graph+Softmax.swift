// Softmax and log-softmax over the last axis, max-shifted for stability.
//   softmax backward:      dx = y ⊙ (dy − Σ dy⊙y)
//   log-softmax backward:  dx = dy − softmax(x) · Σ dy

extension Graph {
  /// Softmax over the last axis.
  ///
  /// ```swift
  /// let g = Graph()
  /// let p = try g.softmax(g.constant(Tensor(shape: Shape(2), scalars: [0, 0])))   // [0.5, 0.5]
  /// ```
  /// - Complexity: O(count).
  public func softmax(_ x: Var) throws(TensorError) -> Var { try softmaxOp(.softmax, x) }

  /// Log-softmax over the last axis.
  ///
  /// ```swift
  /// let g = Graph(); let l = try g.logSoftmax(g.constant(Tensor(zeros: Shape(3, 4))))
  /// ```
  /// - Complexity: O(count).
  public func logSoftmax(_ x: Var) throws(TensorError) -> Var { try softmaxOp(.logSoftmax, x) }

  func softmaxOp(_ op: Op, _ x: Var) throws(TensorError) -> Var {
    try check(x)
    let id = make(op, x.shape, x.id)
    let d = x.shape.last, rows = x.shape.rows
    guard d > 0 else { return v(id) }
    let s = val(x.id), z = val(id)
    for r in 0..<rows {
      let xr = s + r * d, zr = z + r * d
      var mx = xr[0]
      for j in 1..<d where xr[j] > mx { mx = xr[j] }
      var total: Float = 0
      for j in 0..<d {
        let e = FastMath.exp(xr[j] - mx)
        zr[j] = e
        total += e
      }
      if op == .softmax {
        let inv = 1 / total
        for j in 0..<d { zr[j] *= inv }
      } else {
        let lse = mx + FastMath.log(total)
        for j in 0..<d { zr[j] = xr[j] - lse }
      }
    }
    return v(id)
  }

  func backwardSoftmax(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let d = n.shape.last, rows = n.shape.rows
    let z = val(i), g = grad(i), ga = grad(n.a)
    for r in 0..<rows {
      let zr = z + r * d, gr = g + r * d, ar = ga + r * d
      if n.op == .softmax {
        var dot: Float = 0
        for j in 0..<d { dot += gr[j] * zr[j] }
        for j in 0..<d { ar[j] += zr[j] * (gr[j] - dot) }
      } else {
        var total: Float = 0
        for j in 0..<d { total += gr[j] }
        for j in 0..<d { ar[j] += gr[j] - FastMath.exp(zr[j]) * total }
      }
    }
  }
}
