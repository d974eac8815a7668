// Broadcasting elementwise arithmetic: add, sub, mul, div, and scalar add/multiply.
//
// Broadcasting follows NumPy/PyTorch: shapes are aligned at their last dimension; a dimension of
// 1 (or a missing leading one) stretches to the other's size. The backward of a broadcast input
// sums the output gradient over the stretched dimensions, which the strided loop does by
// accumulating into the same input element (stride 0).
//
// Fast paths: equal shapes (one flat loop) and a right-hand side that repeats along the leading
// dimensions (a bias row). Everything else takes the general four-dimensional strided loop, which
// is also the reference the fast paths are tested against.

extension Graph {
  /// The broadcast result shape of `a` and `b`, or nil when they are incompatible.
  static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
    let rank = Swift.max(a.rank, b.rank)
    var dims = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let da = i < rank - a.rank ? 1 : a[i - (rank - a.rank)]
      let db = i < rank - b.rank ? 1 : b[i - (rank - b.rank)]
      if da == db || db == 1 { dims[i] = da } else if da == 1 { dims[i] = db } else { return nil }
    }
    return Shape(dims)
  }

  /// Strides of `s` inside the broadcast shape `out`, padded to four dims (0 where stretched).
  static func broadcastStrides(_ s: Shape, in out: Shape) -> (Int, Int, Int, Int) {
    var st = [0, 0, 0, 0]
    var acc = 1
    var i = s.rank - 1
    let shift = 4 - s.rank
    while i >= 0 {
      st[i + shift] = s[i] == 1 ? 0 : acc
      acc *= s[i]
      i -= 1
    }
    return (st[0], st[1], st[2], st[3])
  }

  /// Output dims padded to four (leading ones).
  static func dims4(_ s: Shape) -> (Int, Int, Int, Int) {
    let shift = 4 - s.rank
    var d = [1, 1, 1, 1]
    for i in 0..<s.rank { d[i + shift] = s[i] }
    return (d[0], d[1], d[2], d[3])
  }

  /// Calls `body(outIndex, aIndex, bIndex)` for every element of the broadcast output.
  @inline(__always)
  static func forEachBroadcast(
    _ out: Shape, _ sa: Shape, _ sb: Shape, _ body: (Int, Int, Int) -> Void
  ) {
    let (n0, n1, n2, n3) = dims4(out)
    let (a0, a1, a2, a3) = broadcastStrides(sa, in: out)
    let (b0, b1, b2, b3) = broadcastStrides(sb, in: out)
    var o = 0
    for i0 in 0..<n0 {
      for i1 in 0..<n1 {
        for i2 in 0..<n2 {
          var ia = i0 * a0 + i1 * a1 + i2 * a2
          var ib = i0 * b0 + i1 * b1 + i2 * b2
          for _ in 0..<n3 {
            body(o, ia, ib)
            o += 1
            ia += a3
            ib += b3
          }
        }
      }
    }
  }

  func binary(_ op: Op, _ a: Var, _ b: Var) throws(TensorError) -> Var {
    try check(a)
    try check(b)
    guard let shape = Graph.broadcast(a.shape, b.shape) else {
      throw .shapeMismatch(a.shape, b.shape)
    }
    let id = make(op, shape, a.id, b.id)
    let x = val(a.id), y = val(b.id), z = val(id)
    let n = shape.count
    if a.shape == shape && b.shape == shape {
      switch op {
      case .add: for i in 0..<n { z[i] = x[i] + y[i] }
      case .sub: for i in 0..<n { z[i] = x[i] - y[i] }
      case .mul: for i in 0..<n { z[i] = x[i] * y[i] }
      default: for i in 0..<n { z[i] = x[i] / y[i] }
      }
    } else if a.shape == shape && b.shape.count > 0 && Graph.isTrailing(b.shape, of: shape) {
      let m = b.shape.count
      var base = 0
      while base < n {
        let zr = z + base, xr = x + base
        switch op {
        case .add: for j in 0..<m { zr[j] = xr[j] + y[j] }
        case .sub: for j in 0..<m { zr[j] = xr[j] - y[j] }
        case .mul: for j in 0..<m { zr[j] = xr[j] * y[j] }
        default: for j in 0..<m { zr[j] = xr[j] / y[j] }
        }
        base += m
      }
    } else {
      Graph.forEachBroadcast(shape, a.shape, b.shape) { o, ia, ib in
        switch op {
        case .add: z[o] = x[ia] + y[ib]
        case .sub: z[o] = x[ia] - y[ib]
        case .mul: z[o] = x[ia] * y[ib]
        default: z[o] = x[ia] / y[ib]
        }
      }
    }
    return v(id)
  }

  /// True when `s` equals the trailing dimensions of `out` (so it repeats along the leading ones).
  static func isTrailing(_ s: Shape, of out: Shape) -> Bool {
    if s.rank > out.rank { return false }
    let shift = out.rank - s.rank
    for i in 0..<s.rank where s[i] != out[i + shift] { return false }
    return true
  }

  /// `a + b` with broadcasting.
  ///
  /// ```swift
  /// let g = Graph()
  /// let y = try g.add(g.constant(Tensor(zeros: Shape(2, 3))), g.constant(Tensor(zeros: Shape(3))))
  /// ```
  /// - Complexity: O(output count).
  public func add(_ a: Var, _ b: Var) throws(TensorError) -> Var { try binary(.add, a, b) }
  /// `a − b` with broadcasting.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 3)); let d = try g.sub(x, x)
  /// ```
  /// - Complexity: O(output count).
  public func sub(_ a: Var, _ b: Var) throws(TensorError) -> Var { try binary(.sub, a, b) }
  /// `a · b` elementwise with broadcasting.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 3)); let sq = try g.mul(x, x)
  /// ```
  /// - Complexity: O(output count).
  public func mul(_ a: Var, _ b: Var) throws(TensorError) -> Var { try binary(.mul, a, b) }
  /// `a / b` elementwise with broadcasting.
  ///
  /// ```swift
  /// let g = Graph(); let x = g.constant(Tensor(scalar: 3)); let one = try g.div(x, x)
  /// ```
  /// - Complexity: O(output count).
  public func div(_ a: Var, _ b: Var) throws(TensorError) -> Var { try binary(.div, a, b) }

  /// `x + c` for a constant `c`.
  ///
  /// ```swift
  /// let g = Graph(); let y = try g.add(g.constant(Tensor(scalar: 1)), scalar: 2)
  /// ```
  /// - Complexity: O(count).
  public func add(_ x: Var, scalar c: Float) throws(TensorError) -> Var {
    try scalarOp(.addScalar, x, c)
  }

  /// `x · c` for a constant `c`.
  ///
  /// ```swift
  /// let g = Graph(); let y = try g.mul(g.constant(Tensor(scalar: 1)), scalar: -1)
  /// ```
  /// - Complexity: O(count).
  public func mul(_ x: Var, scalar c: Float) throws(TensorError) -> Var {
    try scalarOp(.mulScalar, x, c)
  }

  func scalarOp(_ op: Op, _ x: Var, _ c: Float) throws(TensorError) -> Var {
    try check(x)
    let id = make(op, x.shape, x.id)
    nodes[id].f0 = c
    let s = val(x.id), z = val(id)
    if op == .addScalar {
      for i in 0..<x.shape.count { z[i] = s[i] + c }
    } else {
      for i in 0..<x.shape.count { z[i] = s[i] * c }
    }
    return v(id)
  }

  func backwardScalar(_ n: Node, _ i: Int) {
    let ga = grad(n.a), g = grad(i)
    if n.op == .addScalar {
      for j in 0..<n.shape.count { ga[j] += g[j] }
    } else {
      let c = n.f0
      for j in 0..<n.shape.count { ga[j] += g[j] * c }
    }
  }

  func backwardBinary(_ n: Node, _ i: Int) {
    let sa = nodes[n.a].shape, sb = nodes[n.b].shape
    let x = val(n.a), y = val(n.b), g = grad(i)
    let ga = grad(n.a), gb = grad(n.b)
    let needA = nodes[n.a].needsGrad, needB = nodes[n.b].needsGrad
    let op = n.op
    if sa == n.shape && sb == n.shape {
      let cnt = n.shape.count
      switch op {
      case .add:
        if needA { for j in 0..<cnt { ga[j] += g[j] } }
        if needB { for j in 0..<cnt { gb[j] += g[j] } }
      case .sub:
        if needA { for j in 0..<cnt { ga[j] += g[j] } }
        if needB { for j in 0..<cnt { gb[j] -= g[j] } }
      case .mul:
        if needA { for j in 0..<cnt { ga[j] += g[j] * y[j] } }
        if needB { for j in 0..<cnt { gb[j] += g[j] * x[j] } }
      default:
        if needA { for j in 0..<cnt { ga[j] += g[j] / y[j] } }
        if needB { for j in 0..<cnt { gb[j] -= g[j] * x[j] / (y[j] * y[j]) } }
      }
      return
    }
    if sa == n.shape && sb.count > 0 && Graph.isTrailing(sb, of: n.shape) && (op == .add || op == .sub) {
      // A bias row: dA = dC, dB = ± the column sums of dC.
      let m = sb.count, total = n.shape.count
      if needA { for j in 0..<total { ga[j] += g[j] } }
      if needB {
        let sign: Float = op == .add ? 1 : -1
        var base = 0
        while base < total {
          let gr = g + base
          for j in 0..<m { gb[j] += sign * gr[j] }
          base += m
        }
      }
      return
    }
    Graph.forEachBroadcast(n.shape, sa, sb) { o, ia, ib in
      let go = g[o]
      switch op {
      case .add:
        if needA { ga[ia] += go }
        if needB { gb[ib] += go }
      case .sub:
        if needA { ga[ia] += go }
        if needB { gb[ib] -= go }
      case .mul:
        if needA { ga[ia] += go * y[ib] }
        if needB { gb[ib] += go * x[ia] }
      default:
        if needA { ga[ia] += go / y[ib] }
        if needB { gb[ib] -= go * x[ia] / (y[ib] * y[ib]) }
      }
    }
  }
}
