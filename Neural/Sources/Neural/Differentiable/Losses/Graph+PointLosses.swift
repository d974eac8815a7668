// Point-forecast losses, each the mean over all elements of a per-element loss of e = ŷ − y:
//   MSE      e²                                   d/dŷ = 2e
//   MAE      |e|                                  d/dŷ = sign e (0 at 0, as PyTorch)
//   Huber    e²/2 if |e| <= δ, else δ(|e| − δ/2)  d/dŷ = e clipped to [−δ, δ]
//   Pinball  max(q(y − ŷ), (q − 1)(y − ŷ))        d/dŷ = −q if y > ŷ, else 1 − q
// Multi-quantile: predictions [..., Q] against targets [...], one pinball per quantile level,
// averaged over every element and level. Gradients flow to the prediction and to the target
// (the target's derivative is the negative of the prediction's), so a target may be a Var too.

extension Graph {
  /// Mean squared error.
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.mseLoss(g.constant(Tensor(scalar: 3)), g.constant(Tensor(scalar: 1)))   // 4
  /// ```
  /// - Complexity: O(count).
  public func mseLoss(_ prediction: Var, _ target: Var) throws(TensorError) -> Var {
    try pointLoss(.mse, prediction, target, 0)
  }

  /// Mean absolute error.
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.maeLoss(g.constant(Tensor(scalar: 3)), g.constant(Tensor(scalar: 1)))   // 2
  /// ```
  /// - Complexity: O(count).
  public func maeLoss(_ prediction: Var, _ target: Var) throws(TensorError) -> Var {
    try pointLoss(.mae, prediction, target, 0)
  }

  /// Huber loss with threshold `delta` > 0 (PyTorch's `HuberLoss`).
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.huberLoss(g.constant(Tensor(scalar: 3)), g.constant(Tensor(scalar: 1)), delta: 1)  // 1.5
  /// ```
  /// - Complexity: O(count).
  public func huberLoss(_ prediction: Var, _ target: Var, delta: Float = 1) throws(TensorError) -> Var {
    guard delta > 0 else { throw .invalidArgument }
    return try pointLoss(.huber, prediction, target, delta)
  }

  /// Pinball (quantile) loss at level `quantile` in (0, 1).
  ///
  /// ```swift
  /// let g = Graph()
  /// let l = try g.pinballLoss(g.constant(Tensor(scalar: 0)), g.constant(Tensor(scalar: 1)), quantile: 0.9)  // 0.9
  /// ```
  /// - Complexity: O(count).
  public func pinballLoss(_ prediction: Var, _ target: Var, quantile: Float) throws(TensorError) -> Var {
    guard quantile > 0, quantile < 1 else { throw .invalidArgument }
    return try pointLoss(.pinball, prediction, target, quantile)
  }

  /// Pinball loss averaged over several quantile levels: `prediction` is `target.shape + [Q]`.
  ///
  /// ```swift
  /// let g = Graph()
  /// let p = g.constant(Tensor(zeros: Shape(8, 3)))
  /// let y = g.constant(Tensor(zeros: Shape(8)))
  /// let l = try g.multiQuantileLoss(p, y, quantiles: [0.1, 0.5, 0.9])
  /// ```
  /// - Complexity: O(count · Q).
  public func multiQuantileLoss(
    _ prediction: Var, _ target: Var, quantiles: [Float]
  ) throws(TensorError) -> Var {
    try check(prediction)
    try check(target)
    guard !quantiles.isEmpty, target.shape.rank < 4 else { throw .invalidArgument }
    for q in quantiles where !(q > 0 && q < 1) { throw .invalidArgument }
    var dims = target.shape.dims
    dims.append(quantiles.count)
    guard prediction.shape == Shape(dims) else { throw .shapeMismatch(prediction.shape, Shape(dims)) }
    let id = make(.multiQuantile, Shape(), prediction.id, target.id)
    let aux = allocate(quantiles.count)
    nodes[id].i0 = aux
    nodes[id].i1 = quantiles.count
    for (k, q) in quantiles.enumerated() { values[aux + k] = q }
    let p = val(prediction.id), y = val(target.id)
    let nq = quantiles.count
    var total: Double = 0
    for r in 0..<target.shape.count {
      for k in 0..<nq {
        let diff = y[r] - p[r * nq + k], q = values[aux + k]
        total += Double(diff >= 0 ? q * diff : (q - 1) * diff)
      }
    }
    val(id).pointee = Float(total / Double(Swift.max(prediction.shape.count, 1)))
    return v(id)
  }

  func pointLoss(_ op: Op, _ a: Var, _ b: Var, _ param: Float) throws(TensorError) -> Var {
    try check(a)
    try check(b)
    guard a.shape == b.shape else { throw .shapeMismatch(a.shape, b.shape) }
    let id = make(op, Shape(), a.id, b.id)
    nodes[id].f0 = param
    let p = val(a.id), y = val(b.id)
    var total: Double = 0
    for j in 0..<a.shape.count {
      let e = p[j] - y[j]
      switch op {
      case .mse: total += Double(e * e)
      case .mae: total += Double(Swift.abs(e))
      case .huber:
        let ae = Swift.abs(e)
        total += Double(ae <= param ? 0.5 * e * e : param * (ae - 0.5 * param))
      default: total += Double(e <= 0 ? -param * e : (1 - param) * e)
      }
    }
    val(id).pointee = Float(total / Double(Swift.max(a.shape.count, 1)))
    return v(id)
  }

  func backwardPointLoss(_ n: Node, _ i: Int) {
    let pa = nodes[n.a], p = val(n.a), y = val(n.b)
    let gp = grad(n.a), gy = grad(n.b)
    let needP = pa.needsGrad, needY = nodes[n.b].needsGrad
    let scale = grad(i).pointee / Float(Swift.max(pa.shape.count, 1))
    let param = n.f0
    if n.op == .multiQuantile {
      let nq = n.i1
      for r in 0..<nodes[n.b].shape.count {
        for k in 0..<nq {
          let q = values[n.i0 + k]
          let d = (y[r] - p[r * nq + k] >= 0 ? -q : 1 - q) * scale
          if needP { gp[r * nq + k] += d }
          if needY { gy[r] -= d }
        }
      }
      return
    }
    for j in 0..<pa.shape.count {
      let e = p[j] - y[j]
      var d: Float
      switch n.op {
      case .mse: d = 2 * e
      case .mae: d = e > 0 ? 1 : (e < 0 ? -1 : 0)
      case .huber: d = Swift.min(Swift.max(e, -param), param)
      default: d = e < 0 ? -param : 1 - param
      }
      d *= scale
      if needP { gp[j] += d }
      if needY { gy[j] -= d }
    }
  }
}
