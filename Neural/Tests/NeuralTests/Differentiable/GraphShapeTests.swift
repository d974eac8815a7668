import Neural
import Testing

@Suite struct GraphShapeTests {
  @Test(arguments: [(0, 1), (1, 2), (0, 2), (0, 3), (2, 3)])
  func transposeGradcheck(axes: (Int, Int)) throws {
    let x = randomTensor(Shape(2, 3, 2, 4), seed: 8)
    try gradCheck([x]) { g, v throws(TensorError) in try g.transpose(v[0], axes.0, axes.1) }
    let g = Graph()
    let t = try g.value(try g.transpose(g.constant(x), axes.0, axes.1))
    // Reference: element (i0,i1,i2,i3) of x appears at the swapped position.
    var d = x.shape.dims
    d.swapAt(axes.0, axes.1)
    for i0 in 0..<2 { for i1 in 0..<3 { for i2 in 0..<2 { for i3 in 0..<4 {
      var idx = [i0, i1, i2, i3]
      let src = x[i0, i1, i2, i3]
      idx.swapAt(axes.0, axes.1)
      #expect(t.scalars[((idx[0] * d[1] + idx[1]) * d[2] + idx[2]) * d[3] + idx[3]] == src)
    } } } }
    #expect(throws: TensorError.outOfRange) { try g.transpose(g.constant(x), 0, 4) }
  }

  @Test(arguments: 0..<3) func sliceGradcheck(axis: Int) throws {
    let x = randomTensor(Shape(3, 4, 5), seed: 9)
    try gradCheck([x]) { g, v throws(TensorError) in try g.slice(v[0], axis: axis, start: 1, count: 2) }
    let g = Graph()
    let s = try g.value(try g.slice(g.constant(x), axis: axis, start: 1, count: 2))
    var dims = x.shape.dims
    dims[axis] = 2
    #expect(s.shape == Shape(dims))
    #expect(throws: TensorError.outOfRange) { try g.slice(g.constant(x), axis: axis, start: 2, count: 9) }
  }

  @Test(arguments: 0..<3) func concatGradcheck(axis: Int) throws {
    var sb = [3, 4, 5]
    sb[axis] = 2
    let a = randomTensor(Shape(3, 4, 5), seed: 10), b = randomTensor(Shape(sb), seed: 11)
    try gradCheck([a, b, a]) { g, v throws(TensorError) in try g.concat([v[0], v[1], v[2]], axis: axis) }
    let g = Graph()
    let c = try g.value(try g.concat([g.constant(a), g.constant(b)], axis: axis))
    // The slices of a concat give back its parts.
    let cv = g.constant(c)
    #expect(try g.value(try g.slice(cv, axis: axis, start: 0, count: a.shape[axis])) == a)
    #expect(try g.value(try g.slice(cv, axis: axis, start: a.shape[axis], count: 2)) == b)
  }

  @Test func concatErrors() {
    let g = Graph()
    #expect(throws: TensorError.invalidArgument) { try g.concat([], axis: 0) }
    let a = g.constant(Tensor(zeros: Shape(2, 3)))
    #expect(throws: TensorError.outOfRange) { try g.concat([a], axis: 2) }
    #expect(throws: TensorError.self) { try g.concat([a, g.constant(Tensor(zeros: Shape(3, 3)))], axis: 1) }
    #expect(throws: TensorError.self) { try g.concat([a, g.constant(Tensor(zeros: Shape(6)))], axis: 0) }
  }

  @Test(arguments: 0..<2) func padGradcheck(axis: Int) throws {
    let x = randomTensor(Shape(2, 3), seed: 12)
    try gradCheck([x]) { g, v throws(TensorError) in try g.pad(v[0], axis: axis, before: 2, after: 1) }
    let g = Graph()
    let p = try g.value(try g.pad(g.constant(x), axis: 1, before: 1, after: 0))
    #expect(p.scalars[0] == 0 && p.scalars[1] == x.scalars[0])
    #expect(throws: TensorError.outOfRange) { try g.pad(g.constant(x), axis: 0, before: -1, after: 0) }
  }
}
