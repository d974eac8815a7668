import Neural
import Testing

@Suite struct AttentionTests {
  @Test(arguments: [false, true]) func gradcheck(causal: Bool) throws {
    var rng = NeuralRandom(seed: 16)
    let mha = MultiHeadAttention(dimension: 4, heads: 2, using: &rng)
    let q = randomTensor(Shape(2, 3, 4), seed: 17), kv = randomTensor(Shape(2, 5, 4), seed: 18)
    try gradCheck([q, kv], eps: 1e-3) { g, v throws(TensorError) in
      try mha(v[0], attendingTo: causal ? v[0] : v[1], causal: causal, in: g)
    }
  }

  @Test func causalMaskHidesTheFuture() throws {
    var rng = NeuralRandom(seed: 19)
    let mha = MultiHeadAttention(dimension: 4, heads: 1, using: &rng)
    var x = randomTensor(Shape(1, 4, 4), seed: 20)
    let g = Graph()
    let y1 = try g.value(try mha(g.constant(x), attendingTo: g.constant(x), causal: true, in: g))
    x[0, 3, 0] += 5
    let y2 = try g.value(try mha(g.constant(x), attendingTo: g.constant(x), causal: true, in: g))
    for t in 0..<3 { for d in 0..<4 { #expect(Swift.abs(y1[0, t, d] - y2[0, t, d]) < 1e-6) } }
    #expect(Swift.abs(y1[0, 3, 0] - y2[0, 3, 0]) > 1e-4)
    #expect(throws: TensorError.self) { try mha(g.constant(Tensor(zeros: Shape(1, 2, 3))), in: g) }
  }

  @Test func encoderLayerTrains() throws {
    var rng = NeuralRandom(seed: 21)
    let layer = TransformerEncoderLayer(dimension: 8, heads: 2, feedForward: 16, dropout: 0.1, causal: true, using: &rng)
    let opt = Optimizer(layer.parameters, rule: .adam(), learningRate: 1e-2)
    let x = randomTensor(Shape(2, 5, 8), seed: 22), y = randomTensor(Shape(2, 5, 8), seed: 23)
    let g = Graph(seed: 1)
    var losses: [Float] = []
    for _ in 0..<30 {
      let loss = try g.mseLoss(try layer(g.constant(x), in: g), g.constant(y))
      losses.append(try g.value(loss).scalars[0])
      try g.backward(loss)
      opt.step()
      g.reset()
    }
    #expect(losses.last! < losses.first! * 0.7)
    #expect(layer.parameters.count == 16)
  }
}
