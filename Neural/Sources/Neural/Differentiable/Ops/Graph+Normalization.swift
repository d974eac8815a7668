// Layer normalisation, dropout and embedding lookup.
//
// LayerNorm over the last axis (D), saving the mean and 1/σ of each row for backward:
//   x̂ = (x − μ)·r,  r = 1/√(σ² + ε),  y = γ ⊙ x̂ + β
//   dγ += Σ_rows dy ⊙ x̂,  dβ += Σ_rows dy,
//   dx = r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)),  ĝ = dy ⊙ γ
// Dropout (inverted): keeps each element with probability 1 − p and scales it by 1/(1 − p); the
// mask is saved in the arena; identity when the graph is not training.
// Embedding: rows of a [V, D] table gathered by integer indices; backward scatter-adds.

extension Graph {
  /// Layer normalisation over the last axis with scale `gamma` and shift `beta` (both `[D]`).
  ///
  /// ```swift
  /// let g = Graph()
  /// let x = g.constant(Tensor(zeros: Shape(4, 8)))
  /// let y = try g.layerNorm(x, gamma: g.constant(Tensor(repeating: 1, shape: Shape(8))),
  ///                         beta: g.constant(Tensor(zeros: Shape(8))))
  /// ```
  /// - Complexity: O(count).
  public func layerNorm(
    _ x: Var, gamma: Var, beta: Var, epsilon: Float = 1e-5
  ) throws(TensorError) -> Var {
    try check(x)
    try check(gamma)
    try check(beta)
    let d = x.shape.last
    guard x.shape.rank >= 1, d > 0, gamma.shape == Shape(d), beta.shape == Shape(d) else {
      throw .shapeMismatch(x.shape, gamma.shape)
    }
    let rows = x.shape.rows
    let id = make(.layerNorm, x.shape, x.id, gamma.id, beta.id)
    let aux = allocate(2 * rows)
    nodes[id].i0 = aux
    nodes[id].f0 = epsilon
    let s = val(x.id), z = val(id), gm = val(gamma.id), bt = val(beta.id)
    let stats = values + aux
    for r in 0..<rows {
      let xr = s + r * d, zr = z + r * d
      var mean: Float = 0
      for j in 0..<d { mean += xr[j] }
      mean /= Float(d)
      var variance: Float = 0
      for j in 0..<d {
        let c = xr[j] - mean
        variance += c * c
      }
      variance /= Float(d)
      let rstd = 1 / (variance + epsilon).squareRoot()
      stats[2 * r] = mean
      stats[2 * r + 1] = rstd
      for j in 0..<d { zr[j] = (xr[j] - mean) * rstd * gm[j] + bt[j] }
    }
    return v(id)
  }

  func backwardLayerNorm(_ n: Node, _ i: Int) {
    let d = n.shape.last, rows = n.shape.rows
    let s = val(n.a), gm = val(n.b), g = grad(i)
    let gx = grad(n.a), gg = grad(n.b), gb = grad(n.c)
    let stats = values + n.i0
    let needX = nodes[n.a].needsGrad, needG = nodes[n.b].needsGrad, needB = nodes[n.c].needsGrad
    for r in 0..<rows {
      let xr = s + r * d, gr = g + r * d
      let mean = stats[2 * r], rstd = stats[2 * r + 1]
      var sumG: Float = 0, sumGX: Float = 0
      for j in 0..<d {
        let xh = (xr[j] - mean) * rstd
        let gh = gr[j] * gm[j]
        sumG += gh
        sumGX += gh * xh
        if needG { gg[j] += gr[j] * xh }
        if needB { gb[j] += gr[j] }
      }
      if needX {
        let mg = sumG / Float(d), mgx = sumGX / Float(d)
        let xo = gx + r * d
        for j in 0..<d {
          let xh = (xr[j] - mean) * rstd
          xo[j] += rstd * (gr[j] * gm[j] - mg - xh * mgx)
        }
      }
    }
  }

  /// Inverted dropout with drop probability `p` in [0, 1) while ``isTraining``; the identity
  /// otherwise.
  ///
  /// ```swift
  /// let g = Graph(seed: 1)
  /// let y = try g.dropout(g.constant(Tensor(repeating: 1, shape: Shape(100))), p: 0.1)
  /// ```
  /// - Complexity: O(count).
  public func dropout(_ x: Var, p: Float) throws(TensorError) -> Var {
    try check(x)
    guard p >= 0, p < 1 else { throw .invalidArgument }
    if !isTraining || p == 0 { return x }
    let id = make(.dropout, x.shape, x.id)
    let n = x.shape.count
    let aux = allocate(n)
    nodes[id].i0 = aux
    let mask = values + aux, s = val(x.id), z = val(id)
    let scale = 1 / (1 - p)
    for j in 0..<n {
      let m: Float = random.unit() < p ? 0 : scale
      mask[j] = m
      z[j] = s[j] * m
    }
    return v(id)
  }

  func backwardDropout(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let mask = values + n.i0, g = grad(i), ga = grad(n.a)
    for j in 0..<n.shape.count { ga[j] += g[j] * mask[j] }
  }

  /// Gathers rows of `table` (`[V, D]`) at `indices` (shape `shape`, values in 0..<V) into a
  /// tensor of shape `shape + [D]`.
  ///
  /// ```swift
  /// let g = Graph()
  /// let table = g.constant(Tensor(zeros: Shape(10, 4)))
  /// let e = try g.embedding(table, indices: [1, 2, 3], shape: Shape(3))   // [3, 4]
  /// ```
  /// - Complexity: O(indices · D).
  public func embedding(_ table: Var, indices: [Int], shape: Shape) throws(TensorError) -> Var {
    try check(table)
    guard table.shape.rank == 2, shape.rank < 4 else { throw .invalidArgument }
    guard indices.count == shape.count else { throw .shapeMismatch(shape, Shape(indices.count)) }
    let vocab = table.shape[0], d = table.shape[1]
    for k in indices where k < 0 || k >= vocab { throw .outOfRange }
    var dims = shape.dims
    dims.append(d)
    let id = make(.embedding, Shape(dims), table.id)
    nodes[id].i0 = ints.count
    for k in indices { ints.append(Int32(k)) }
    let t = val(table.id), z = val(id)
    for (r, k) in indices.enumerated() { (z + r * d).update(from: t + k * d, count: d) }
    return v(id)
  }

  func backwardEmbedding(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let d = n.shape.last, count = n.shape.rows
    let g = grad(i), gt = grad(n.a)
    for r in 0..<count {
      let row = gt + Int(ints[n.i0 + r]) * d, src = g + r * d
      for j in 0..<d { row[j] += src[j] }
    }
  }
}
