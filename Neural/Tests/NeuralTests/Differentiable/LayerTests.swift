import Neural
import Testing

@Suite struct LayerTests {
  @Test func sequentialResidualDropout() throws {
    var rng = NeuralRandom(seed: 1)
    let body = Dense(inputSize: 4, outputSize: 4, activation: .tanh, using: &rng)
    let model = Sequential([Residual(body), Dropout(0.5), Dense(inputSize: 4, outputSize: 2, bias: false, using: &rng)])
    #expect(model.parameters.count == 3)
    let g = Graph(seed: 2)
    g.isTraining = false
    let x = randomTensor(Shape(3, 4), seed: 3)
    let y = try g.value(try model(g.constant(x), in: g))
    // Reference: x + tanh(x W + b), then · W₂.
    let g2 = Graph()
    let xv = g2.constant(x)
    let h = try g2.add(xv, try g2.tanh(try g2.add(try g2.matmul(xv, g2.constant(body.weight.value)), g2.constant(body.bias!.value))))
    let ref = try g2.value(try g2.matmul(h, g2.constant((model.layers[2] as! Dense).weight.value)))
    #expect(y.isApproximatelyEqual(to: ref))
  }

  @Test func denseGradientsReachParameters() throws {
    var rng = NeuralRandom(seed: 4)
    let d = Dense(inputSize: 3, outputSize: 2, using: &rng)
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(1, 3), scalars: [1, 2, 3]))
    try g.backward(try g.sum(try d(x, in: g)))
    #expect(d.weight.grad.scalars == [1, 1, 2, 2, 3, 3])
    #expect(d.bias!.grad.scalars == [1, 1])
  }

  @Test func layerNormEmbeddingConv() throws {
    var rng = NeuralRandom(seed: 5)
    let ln = LayerNorm(4)
    let emb = Embedding(vocabulary: 6, dimension: 4, using: &rng)
    let conv = Conv1D(inChannels: 4, outChannels: 3, kernelSize: 2, dilation: 2, activation: .relu, using: &rng)
    #expect(ln.parameters.count == 2 && emb.parameters.count == 1 && conv.parameters.count == 2)
    let g = Graph()
    let e = try emb(ids: [1, 2, 3, 4, 5, 0], shape: Shape(2, 3), in: g)
    let y = try conv(try ln(e, in: g), in: g)
    #expect(y.shape == Shape(2, 3, 3))
    try g.backward(try g.mean(y))
    #expect(emb.table.grad.scalars.contains { $0 != 0 })
    let noBias = Conv1D(inChannels: 1, outChannels: 1, kernelSize: 1, bias: false, using: &rng)
    #expect(noBias.parameters.count == 1)
  }
}

@Suite struct InitializerTests {
  @Test(arguments: [Initializer.xavierUniform, .xavierNormal, .heUniform, .heNormal, .lecunUniform])
  func variances(_ i: Initializer) {
    var rng = NeuralRandom(seed: 6)
    let t = i.tensor(Shape(200, 100), fanIn: 200, fanOut: 100, using: &rng)
    let variance = t.scalars.map { $0 * $0 }.reduce(0, +) / Float(t.count)
    let expected: Float
    switch i {
    case .xavierUniform, .xavierNormal: expected = 2.0 / 300
    case .heUniform, .heNormal: expected = 2.0 / 200
    default: expected = 1.0 / 600
    }
    #expect(Swift.abs(variance / expected - 1) < 0.05)
  }

  @Test(arguments: [Shape(4, 4), Shape(3, 7), Shape(8, 3)]) func orthogonal(_ s: Shape) {
    var rng = NeuralRandom(seed: 7)
    let t = Initializer.orthogonal.tensor(s, fanIn: s[1], fanOut: s[0], using: &rng)
    let rows = s[0], cols = s[1]
    // Rows orthonormal when rows <= cols, columns otherwise.
    let n = Swift.min(rows, cols)
    for i in 0..<n {
      for j in 0..<n {
        var dot: Float = 0
        if rows <= cols { for k in 0..<cols { dot += t[i, k] * t[j, k] } } else { for k in 0..<rows { dot += t[k, i] * t[k, j] } }
        #expect(Swift.abs(dot - (i == j ? 1 : 0)) < 1e-5)
      }
    }
    #expect(Initializer.zeros.tensor(s, fanIn: 1, fanOut: 1, using: &rng).scalars.allSatisfy { $0 == 0 })
  }
}
