import Neural
import Testing

@Suite struct GraphConv1DTests {
  @Test(arguments: [(1, 1), (2, 1), (3, 2), (2, 4), (3, 5)])
  func gradcheck(kd: (Int, Int)) throws {
    let x = randomTensor(Shape(2, 6, 3), seed: 13), w = randomTensor(Shape(kd.0, 3, 2), seed: 14)
    try gradCheck([x, w]) { g, v throws(TensorError) in try g.causalConv1D(v[0], v[1], dilation: kd.1) }
  }

  @Test func matchesDirectSumAndIsCausal() throws {
    let (b, t, cin, cout, k, d) = (2, 7, 3, 4, 3, 2)
    let x = randomTensor(Shape(b, t, cin), seed: 15), w = randomTensor(Shape(k, cin, cout), seed: 16)
    let g = Graph()
    let y = try g.value(try g.causalConv1D(g.constant(x), g.constant(w), dilation: d))
    for bi in 0..<b { for ti in 0..<t { for o in 0..<cout {
      var s: Float = 0
      for kk in 0..<k {
        let src = ti - (k - 1 - kk) * d
        if src < 0 { continue }
        for c in 0..<cin { s += x[bi, src, c] * w[kk, c, o] }
      }
      #expect(Swift.abs(y[bi, ti, o] - s) < 1e-5)
    } } }
    // Changing a future input leaves earlier outputs unchanged.
    var x2 = x
    x2[0, 5, 1] += 10
    let y2 = try g.value(try g.causalConv1D(g.constant(x2), g.constant(w), dilation: d))
    for ti in 0..<5 { for o in 0..<cout { #expect(y2[0, ti, o] == y[0, ti, o]) } }
  }

  @Test func badArgumentsThrow() {
    let g = Graph()
    let x = g.constant(Tensor(zeros: Shape(1, 4, 2)))
    #expect(throws: TensorError.invalidArgument) {
      try g.causalConv1D(x, g.constant(Tensor(zeros: Shape(2, 2, 1))), dilation: 0)
    }
    #expect(throws: TensorError.self) { try g.causalConv1D(x, g.constant(Tensor(zeros: Shape(2, 3, 1)))) }
  }
}

@Suite struct GraphConv1DEmptyTests {
  @Test func emptyChannelsGiveZeros() throws {
    let g = Graph()
    let x = g.constant(Tensor(zeros: Shape(2, 3, 0)))
    let y = try g.causalConv1D(x, g.constant(Tensor(zeros: Shape(2, 0, 4))))
    #expect(try g.value(y) == Tensor(zeros: Shape(2, 3, 4)))
    try g.backward(try g.sum(y), requiringGradients: true)
    let z = try g.causalConv1D(g.constant(Tensor(zeros: Shape(1, 2, 3))), g.constant(Tensor(zeros: Shape(1, 3, 0))))
    #expect(z.shape == Shape(1, 2, 0))
  }
}
