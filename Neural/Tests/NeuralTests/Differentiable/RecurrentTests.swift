import Neural
import Testing

@Suite struct RecurrentTests {
  @Test(arguments: [RecurrentKind.rnn, .lstm, .gru]) func sequenceGradcheck(_ kind: RecurrentKind) throws {
    var rng = NeuralRandom(seed: 8)
    let layer = Recurrent(kind, inputSize: 2, hiddenSize: 3, layers: 2, using: &rng)
    let x = randomTensor(Shape(2, 4, 2), seed: 9)
    try gradCheck([x], eps: 1e-3) { g, v throws(TensorError) in try layer(v[0], in: g).output }
    // Parameter gradients against finite differences of one weight element per parameter.
    for p in layer.parameters {
      for q in layer.parameters { q.zeroGrad() }
      let g = Graph()
      let r = randomTensor(Shape(2, 4, 3), seed: 10)
      func loss() throws -> Float {
        let g = Graph()
        return try g.value(try g.sum(try g.mul(try layer(g.constant(x), in: g).output, g.constant(r)))).scalars[0]
      }
      try g.backward(try g.sum(try g.mul(try layer(g.constant(x), in: g).output, g.constant(r))))
      let analytic = p.grad.scalars[1]
      p.value.scalars[1] += 1e-2
      let up = try loss()
      p.value.scalars[1] -= 2e-2
      let down = try loss()
      p.value.scalars[1] += 1e-2
      let numeric = (up - down) / 2e-2
      #expect(Swift.abs(analytic - numeric) <= 2e-2 * (1 + Swift.abs(numeric)))
      p.zeroGrad()
    }
  }

  @Test func truncationCutsLongRangeGradients() throws {
    var rng = NeuralRandom(seed: 11)
    let lstm = Recurrent(.lstm, inputSize: 1, hiddenSize: 2, using: &rng)
    let x = randomTensor(Shape(1, 6, 1), seed: 12)
    func gradientOfLastOutput(truncation: Int) throws -> [Float] {
      let g = Graph()
      let xv = g.constant(x)
      let (y, _) = try lstm(xv, in: g, truncation: truncation)
      try g.backward(try g.sum(try g.slice(y, axis: 1, start: 5, count: 1)), requiringGradients: true)
      return try g.gradient(xv).scalars
    }
    let full = try gradientOfLastOutput(truncation: 0), cut = try gradientOfLastOutput(truncation: 3)
    #expect(full[0] != 0 && cut[0] == 0 && cut[1] == 0 && cut[2] == 0)
    #expect(cut[5] == full[5] && cut[3] != 0)
  }

  @Test func stateCarriesAndCellMatchesUnroll() throws {
    var rng = NeuralRandom(seed: 13)
    for kind in [RecurrentKind.rnn, .lstm, .gru] {
      let layer = Recurrent(kind, inputSize: 2, hiddenSize: 3, using: &rng)
      let x = randomTensor(Shape(2, 3, 2), seed: 14)
      let g = Graph()
      let (y, s) = try layer(g.constant(x), in: g)
      // Step by step with cell().
      var h = g.constant(Tensor(zeros: Shape(2, 3)))
      var c: Var? = kind == .lstm ? g.constant(Tensor(zeros: Shape(2, 3))) : nil
      for t in 0..<3 {
        let xt = try g.reshape(try g.slice(g.constant(x), axis: 1, start: t, count: 1), Shape(2, 2))
        (h, c) = try layer.cell(xt, hidden: h, cell: c, in: g)
      }
      #expect(try g.value(h).isApproximatelyEqual(to: try g.value(s.hidden[0])))
      let last = try g.value(try g.reshape(try g.slice(y, axis: 1, start: 2, count: 1), Shape(2, 3)))
      #expect(last.isApproximatelyEqual(to: try g.value(h)))
      // Continuing from the returned state equals running the longer sequence.
      let (y2, _) = try layer(g.constant(x), in: g, state: s)
      #expect(y2.shape == Shape(2, 3, 3))
      #expect(throws: TensorError.invalidArgument) { try layer.cell(g.constant(Tensor(zeros: Shape(2, 2))), hidden: h, cell: nil, layer: 5, in: g) }
      #expect(throws: TensorError.invalidArgument) { try layer(g.constant(x), in: g, state: RecurrentState(hidden: [])) }
      #expect(throws: TensorError.self) { try layer(g.constant(Tensor(zeros: Shape(2, 3, 5))), in: g) }
      #expect(throws: TensorError.invalidArgument) { try layer(g.constant(x), in: g, truncation: -1) }
    }
  }

  @Test func emptySequence() throws {
    var rng = NeuralRandom(seed: 15)
    let layer = Recurrent(.gru, inputSize: 2, hiddenSize: 3, using: &rng)
    let g = Graph()
    let (y, _) = try layer(g.constant(Tensor(zeros: Shape(2, 0, 2))), in: g)
    #expect(y.shape == Shape(2, 0, 3))
    #expect(RecurrentKind.lstm.gates == 4 && RecurrentKind.gru.gates == 3 && RecurrentKind.rnn.gates == 1)
  }
}
