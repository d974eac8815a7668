// Shape operations: transpose (swap two axes), slice, concat and zero padding along one axis.
// Reshape and slices of the leading axis are views (no copy; gradients alias, see Graph.swift);
// the others copy, and their backward adds the output gradient back at the source positions.

extension Graph {
  /// Swaps axes `a0` and `a1`.
  ///
  /// ```swift
  /// let g = Graph()
  /// let t = try g.transpose(g.constant(Tensor(zeros: Shape(2, 3, 4))), 1, 2)   // [2, 4, 3]
  /// ```
  /// - Complexity: O(count).
  public func transpose(_ x: Var, _ a0: Int, _ a1: Int) throws(TensorError) -> Var {
    try check(x)
    let r = x.shape.rank
    guard a0 >= 0, a1 >= 0, a0 < r, a1 < r else { throw .outOfRange }
    var dims = x.shape.dims
    dims.swapAt(a0, a1)
    let id = make(.transpose, Shape(dims), x.id)
    nodes[id].i0 = a0
    nodes[id].i1 = a1
    let src = val(x.id), z = val(id)
    transposeLoop(x.shape, a0, a1) { o, s in z[o] = src[s] }
    return v(id)
  }

  /// Calls `body(outIndex, sourceIndex)` for every element of the transposed tensor.
  @inline(__always)
  func transposeLoop(_ src: Shape, _ a0: Int, _ a1: Int, _ body: (Int, Int) -> Void) {
    let shift = 4 - src.rank
    let (s0, s1, s2, s3) = src.strides
    var st = [s0, s1, s2, s3]
    var d = [1, 1, 1, 1], ss = [0, 0, 0, 0]
    for i in 0..<src.rank {
      d[i + shift] = src[i]
      ss[i + shift] = st[i]
    }
    d.swapAt(a0 + shift, a1 + shift)
    ss.swapAt(a0 + shift, a1 + shift)
    st = ss
    var o = 0
    for i0 in 0..<d[0] {
      for i1 in 0..<d[1] {
        for i2 in 0..<d[2] {
          var s = i0 * st[0] + i1 * st[1] + i2 * st[2]
          for _ in 0..<d[3] {
            body(o, s)
            o += 1
            s += st[3]
          }
        }
      }
    }
  }

  func backwardTranspose(_ n: Node, _ i: Int) {
    guard nodes[n.a].needsGrad else { return }
    let g = grad(i), ga = grad(n.a)
    transposeLoop(nodes[n.a].shape, n.i0, n.i1) { o, s in ga[s] += g[o] }
  }

  /// Elements `start..<start+count` along `axis`. A slice of the outermost non-trivial axis is a
  /// view (no copy).
  ///
  /// ```swift
  /// let g = Graph()
  /// let s = try g.slice(g.constant(Tensor(zeros: Shape(4, 6))), axis: 1, start: 2, count: 3)  // [4, 3]
  /// ```
  /// - Complexity: O(result count), O(1) for a view.
  public func slice(_ x: Var, axis: Int, start: Int, count: Int) throws(TensorError) -> Var {
    try check(x)
    guard axis >= 0, axis < x.shape.rank, start >= 0, count >= 0, start + count <= x.shape[axis]
    else { throw .outOfRange }
    var dims = x.shape.dims
    dims[axis] = count
    let (outer, n, inner) = Graph.split(x.shape, axis)
    if outer == 1 { return view(x, offset: start * inner, shape: Shape(dims)) }
    let id = make(.slice, Shape(dims), x.id)
    nodes[id].i0 = axis
    nodes[id].i1 = start
    let s = val(x.id), z = val(id)
    for o in 0..<outer {
      (z + o * count * inner).update(from: s + (o * n + start) * inner, count: count * inner)
    }
    return v(id)
  }

  func backwardSlice(_ node: Node, _ i: Int) {
    guard nodes[node.a].needsGrad else { return }
    let (outer, n, inner) = Graph.split(nodes[node.a].shape, node.i0)
    let count = node.shape[node.i0]
    let g = grad(i), ga = grad(node.a)
    for o in 0..<outer {
      let src = g + o * count * inner, dst = ga + (o * n + node.i1) * inner
      for j in 0..<(count * inner) { dst[j] += src[j] }
    }
  }

  /// Joins tensors along `axis`; all other dimensions must agree.
  ///
  /// ```swift
  /// let g = Graph(); let a = g.constant(Tensor(zeros: Shape(2, 3)))
  /// let c = try g.concat([a, a], axis: 1)      // [2, 6]
  /// ```
  /// - Complexity: O(result count).
  public func concat(_ xs: [Var], axis: Int) throws(TensorError) -> Var {
    guard let first = xs.first else { throw .invalidArgument }
    guard axis >= 0, axis < first.shape.rank else { throw .outOfRange }
    var total = 0
    var needs = false
    for x in xs {
      try check(x)
      guard x.shape.rank == first.shape.rank else { throw .shapeMismatch(first.shape, x.shape) }
      for d in 0..<first.shape.rank where d != axis && x.shape[d] != first.shape[d] {
        throw .shapeMismatch(first.shape, x.shape)
      }
      total += x.shape[axis]
      needs = needs || nodes[x.id].needsGrad
    }
    var dims = first.shape.dims
    dims[axis] = total
    let id = make(.concat, Shape(dims))
    nodes[id].needsGrad = needs
    nodes[id].i0 = ints.count
    nodes[id].i1 = xs.count
    nodes[id].i2 = axis
    for x in xs { ints.append(Int32(truncatingIfNeeded: x.id)) }
    let (outer, _, inner) = Graph.split(Shape(dims), axis)
    let z = val(id)
    var at = 0
    for x in xs {
      let len = x.shape[axis] * inner
      let s = val(x.id)
      for o in 0..<outer { (z + o * total * inner + at).update(from: s + o * len, count: len) }
      at += len
    }
    return v(id)
  }

  func backwardConcat(_ node: Node, _ i: Int) {
    let (outer, total, inner) = Graph.split(node.shape, node.i2)
    let g = grad(i)
    var at = 0
    for k in 0..<node.i1 {
      let src = Int(ints[node.i0 + k])
      let len = nodes[src].shape[node.i2] * inner
      if nodes[src].needsGrad {
        let gs = grad(src)
        for o in 0..<outer {
          let from = g + o * total * inner + at, to = gs + o * len
          for j in 0..<len { to[j] += from[j] }
        }
      }
      at += len
    }
  }

  /// Pads `axis` with `before` zeros in front and `after` zeros behind.
  ///
  /// ```swift
  /// let g = Graph()
  /// let p = try g.pad(g.constant(Tensor(zeros: Shape(2, 3))), axis: 1, before: 2, after: 0)  // [2, 5]
  /// ```
  /// - Complexity: O(result count).
  public func pad(_ x: Var, axis: Int, before: Int, after: Int) throws(TensorError) -> Var {
    try check(x)
    guard axis >= 0, axis < x.shape.rank, before >= 0, after >= 0 else { throw .outOfRange }
    var dims = x.shape.dims
    dims[axis] += before + after
    let id = make(.pad, Shape(dims), x.id)
    nodes[id].i0 = axis
    nodes[id].i1 = before
    let (outer, n, inner) = Graph.split(x.shape, axis)
    let m = dims[axis]
    let s = val(x.id), z = val(id)
    z.update(repeating: 0, count: outer * m * inner)
    for o in 0..<outer {
      (z + (o * m + before) * inner).update(from: s + o * n * inner, count: n * inner)
    }
    return v(id)
  }

  func backwardPad(_ node: Node, _ i: Int) {
    guard nodes[node.a].needsGrad else { return }
    let (outer, n, inner) = Graph.split(nodes[node.a].shape, node.i0)
    let m = node.shape[node.i0]
    let g = grad(i), ga = grad(node.a)
    for o in 0..<outer {
      let src = g + (o * m + node.i1) * inner, dst = ga + o * n * inner
      for j in 0..<(n * inner) { dst[j] += src[j] }
    }
  }
}
