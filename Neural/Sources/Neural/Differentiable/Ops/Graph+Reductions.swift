// Reductions: the sum or mean of all elements (a scalar), or along one axis (that axis removed).
// Backward spreads the output gradient back over the reduced elements (divided by n for a mean).

extension Graph {
  /// The sum of all elements, as a scalar.
  ///
  /// ```swift
  /// let g = Graph(); let s = try g.sum(g.constant(Tensor(repeating: 1, shape: Shape(2, 3))))  // 6
  /// ```
  /// - Complexity: O(count).
  public func sum(_ x: Var) throws(TensorError) -> Var { try reduceAll(.sum, x) }

  /// The mean of all elements, as a scalar.
  ///
  /// ```swift
  /// let g = Graph(); let m = try g.mean(g.constant(Tensor(repeating: 2, shape: Shape(4))))  // 2
  /// ```
  /// - Complexity: O(count).
  public func mean(_ x: Var) throws(TensorError) -> Var { try reduceAll(.mean, x) }

  func reduceAll(_ op: Op, _ x: Var) throws(TensorError) -> Var {
    try check(x)
    let id = make(op, Shape(), x.id)
    let s = val(x.id)
    var acc: Float = 0
    for i in 0..<x.shape.count { acc += s[i] }
    val(id).pointee = op == .mean && x.shape.count > 0 ? acc / Float(x.shape.count) : acc
    return v(id)
  }

  /// Sum along `axis` (the axis is removed from the shape).
  ///
  /// ```swift
  /// let g = Graph()
  /// let s = try g.sum(g.constant(Tensor(repeating: 1, shape: Shape(2, 3))), axis: 1)  // [3, 3]
  /// ```
  /// - Complexity: O(count).
  public func sum(_ x: Var, axis: Int) throws(TensorError) -> Var {
    try reduceAxis(.sumAxis, x, axis)
  }

  /// Mean along `axis` (the axis is removed from the shape).
  ///
  /// ```swift
  /// let g = Graph()
  /// let m = try g.mean(g.constant(Tensor(repeating: 1, shape: Shape(2, 3))), axis: 0)  // [1, 1, 1]
  /// ```
  /// - Complexity: O(count).
  public func mean(_ x: Var, axis: Int) throws(TensorError) -> Var {
    try reduceAxis(.meanAxis, x, axis)
  }

  /// (outer, n, inner) decomposition of `shape` around `axis`.
  static func split(_ shape: Shape, _ axis: Int) -> (Int, Int, Int) {
    var outer = 1, inner = 1
    for i in 0..<axis { outer *= shape[i] }
    for i in (axis + 1)..<shape.rank { inner *= shape[i] }
    return (outer, shape[axis], inner)
  }

  func reduceAxis(_ op: Op, _ x: Var, _ axis: Int) throws(TensorError) -> Var {
    try check(x)
    guard axis >= 0 && axis < x.shape.rank else { throw .outOfRange }
    var dims = x.shape.dims
    dims.remove(at: axis)
    let id = make(op, Shape(dims), x.id)
    nodes[id].i0 = axis
    let (outer, n, inner) = Graph.split(x.shape, axis)
    let s = val(x.id), z = val(id)
    let scale: Float = op == .meanAxis && n > 0 ? 1 / Float(n) : 1
    for o in 0..<outer {
      let zo = z + o * inner
      for j in 0..<inner { zo[j] = 0 }
      for k in 0..<n {
        let so = s + (o * n + k) * inner
        for j in 0..<inner { zo[j] += so[j] }
      }
      for j in 0..<inner { zo[j] *= scale }
    }
    return v(id)
  }

  func backwardReduction(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let src = nodes[n.a].shape
    let ga = grad(n.a), g = grad(i)
    switch n.op {
    case .sum, .mean:
      let cnt = src.count
      let gv = n.op == .mean && cnt > 0 ? g.pointee / Float(cnt) : g.pointee
      for j in 0..<cnt { ga[j] += gv }
    default:
      let (outer, len, inner) = Graph.split(src, n.i0)
      let scale: Float = n.op == .meanAxis && len > 0 ? 1 / Float(len) : 1
      for o in 0..<outer {
        let go = g + o * inner
        for k in 0..<len {
          let gr = ga + (o * len + k) * inner
          for j in 0..<inner { gr[j] += go[j] * scale }
        }
      }
    }
  }
}
