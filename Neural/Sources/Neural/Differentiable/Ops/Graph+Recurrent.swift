// Fused pointwise parts of the LSTM and GRU cells (the matrix products stay separate GEMMs).
// Fusing saves about a dozen graph nodes per time step and keeps the activated gates for backward.
//
// LSTM (PyTorch gate order i, f, g, o), gates = x·W_ihᵀ + h·W_hhᵀ + b:
//   i = σ(·), f = σ(·), g = tanh(·), o = σ(·);  c' = f⊙c + i⊙g;  h' = o⊙tanh(c')
//   The node's value is [2, B, H]: h' then c' (two views give the two results).
//   Backward: dc'ₜₒₜ = dc' + dh'⊙o⊙(1 − tanh²c');  do = dh'⊙tanh c';  di = dc'ₜₒₜ⊙g;
//   dg = dc'ₜₒₜ⊙i;  df = dc'ₜₒₜ⊙c;  dc = dc'ₜₒₜ⊙f; then through σ' and tanh'.
// GRU (PyTorch order r, z, n), gx = x·W_ihᵀ + b_ih, gh = h·W_hhᵀ + b_hh:
//   r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r⊙gh_n), h' = (1 − z)⊙n + z⊙h
//   Backward: dn = dh'⊙(1 − z), dz = dh'⊙(h − n), dh += dh'⊙z, dn̂ = dn⊙(1 − n²),
//   dgx_n = dn̂, dgh_n = dn̂⊙r, dr̂ = dn̂⊙gh_n⊙r(1 − r), dẑ = dz⊙z(1 − z).

extension Graph {
  /// The pointwise LSTM cell: `gates` `[B, 4H]` (pre-activation, order i, f, g, o) and the cell
  /// state `c` `[B, H]` give the new hidden and cell states.
  ///
  /// ```swift
  /// let g = Graph()
  /// let (h, c) = try g.lstmCell(gates: g.constant(Tensor(zeros: Shape(2, 8))),
  ///                             cell: g.constant(Tensor(zeros: Shape(2, 2))))
  /// ```
  /// - Complexity: O(B · H).
  public func lstmCell(gates: Var, cell: Var) throws(TensorError) -> (hidden: Var, cell: Var) {
    try check(gates)
    try check(cell)
    guard cell.shape.rank == 2, gates.shape == Shape(cell.shape[0], 4 * cell.shape[1]) else {
      throw .shapeMismatch(gates.shape, cell.shape)
    }
    let b = cell.shape[0], h = cell.shape[1]
    let id = make(.lstmCell, Shape(2, b, h), gates.id, cell.id)
    // Saved for backward: the four activated gates, then tanh(c').
    let aux = allocate(5 * b * h)
    nodes[id].i0 = aux
    let pg = val(gates.id), pc = val(cell.id), out = val(id), act = values + aux
    let tanhC = act + 4 * b * h
    for r in 0..<b {
      let gr = pg + r * 4 * h, ar = act + r * 4 * h, cr = pc + r * h
      let hr = out + r * h, cn = out + b * h + r * h
      // One simple loop per gate block, so each vectorises.
      for j in 0..<(2 * h) { ar[j] = FastMath.sigmoid(gr[j]) }
      for j in (2 * h)..<(3 * h) { ar[j] = FastMath.tanh(gr[j]) }
      for j in (3 * h)..<(4 * h) { ar[j] = FastMath.sigmoid(gr[j]) }
      for j in 0..<h { cn[j] = ar[h + j] * cr[j] + ar[j] * ar[2 * h + j] }
      let tr = tanhC + r * h
      for j in 0..<h { tr[j] = FastMath.tanh(cn[j]) }
      for j in 0..<h { hr[j] = ar[3 * h + j] * tr[j] }
    }
    let node = v(id)
    return (view(node, offset: 0, shape: cell.shape), view(node, offset: b * h, shape: cell.shape))
  }

  func backwardLSTMCell(_ n: Node, _ i: Int) {
    let b = n.shape[1], h = n.shape[2]
    let act = values + n.i0, g = grad(i), pc = val(n.b), tanhC = act + 4 * b * h
    let gg = grad(n.a), gc = grad(n.b)
    let needG = nodes[n.a].needsGrad, needC = nodes[n.b].needsGrad
    for r in 0..<b {
      let ar = act + r * 4 * h, gr = gg + r * 4 * h
      let dh = g + r * h, dcn = g + b * h + r * h, tr = tanhC + r * h, cr = pc + r * h
      for j in 0..<h {
        let ig = ar[j], fg = ar[h + j], gt = ar[2 * h + j], og = ar[3 * h + j]
        let th = tr[j]
        let dc = dcn[j] + dh[j] * og * (1 - th * th)
        if needG {
          gr[j] += dc * gt * ig * (1 - ig)
          gr[h + j] += dc * cr[j] * fg * (1 - fg)
          gr[2 * h + j] += dc * ig * (1 - gt * gt)
          gr[3 * h + j] += dh[j] * th * og * (1 - og)
        }
        if needC { gc[r * h + j] += dc * fg }
      }
    }
  }

  /// The pointwise GRU cell: input projection `gx` and hidden projection `gh` (both `[B, 3H]`,
  /// biases included, order r, z, n) and the hidden state `hidden` `[B, H]` give the new state.
  ///
  /// ```swift
  /// let g = Graph()
  /// let z = g.constant(Tensor(zeros: Shape(2, 6)))
  /// let h = try g.gruCell(inputPart: z, hiddenPart: z, hidden: g.constant(Tensor(zeros: Shape(2, 2))))
  /// ```
  /// - Complexity: O(B · H).
  public func gruCell(inputPart gx: Var, hiddenPart gh: Var, hidden: Var) throws(TensorError) -> Var {
    try check(gx)
    try check(gh)
    try check(hidden)
    guard hidden.shape.rank == 2, gx.shape == Shape(hidden.shape[0], 3 * hidden.shape[1]),
      gh.shape == gx.shape
    else { throw .shapeMismatch(gx.shape, hidden.shape) }
    let b = hidden.shape[0], h = hidden.shape[1]
    let id = make(.gruCell, hidden.shape, gx.id, gh.id, hidden.id)
    let aux = allocate(3 * b * h)
    nodes[id].i0 = aux
    let px = val(gx.id), ph = val(gh.id), hp = val(hidden.id), out = val(id), act = values + aux
    for r in 0..<b {
      let xr = px + r * 3 * h, hr = ph + r * 3 * h, ar = act + r * 3 * h
      for j in 0..<h {
        let rg = FastMath.sigmoid(xr[j] + hr[j])
        let zg = FastMath.sigmoid(xr[h + j] + hr[h + j])
        let ng = FastMath.tanh(xr[2 * h + j] + rg * hr[2 * h + j])
        ar[j] = rg
        ar[h + j] = zg
        ar[2 * h + j] = ng
        out[r * h + j] = (1 - zg) * ng + zg * hp[r * h + j]
      }
    }
    return v(id)
  }

  func backwardGRUCell(_ n: Node, _ i: Int) {
    let b = n.shape[0], h = n.shape[1]
    let act = values + n.i0, g = grad(i), ph = val(n.b), hp = val(n.c)
    let gx = grad(n.a), ghh = grad(n.b), gp = grad(n.c)
    let needX = nodes[n.a].needsGrad, needH = nodes[n.b].needsGrad, needP = nodes[n.c].needsGrad
    for r in 0..<b {
      let ar = act + r * 3 * h, hr = ph + r * 3 * h
      for j in 0..<h {
        let rg = ar[j], zg = ar[h + j], ng = ar[2 * h + j]
        let dh = g[r * h + j]
        let dn = dh * (1 - zg) * (1 - ng * ng)
        let dz = dh * (hp[r * h + j] - ng) * zg * (1 - zg)
        let dr = dn * hr[2 * h + j] * rg * (1 - rg)
        if needX {
          let xr = gx + r * 3 * h
          xr[j] += dr
          xr[h + j] += dz
          xr[2 * h + j] += dn
        }
        if needH {
          let hg = ghh + r * 3 * h
          hg[j] += dr
          hg[h + j] += dz
          hg[2 * h + j] += dn * rg
        }
        if needP { gp[r * h + j] += dh * zg }
      }
    }
  }
}
