import Neural
import Testing

@Suite struct GraphNormalizationTests {
  @Test func layerNormGradcheck() throws {
    let x = randomTensor(Shape(3, 6), seed: 18, low: -2, high: 2)
    let gm = randomTensor(Shape(6), seed: 19, low: 0.5, high: 1.5), bt = randomTensor(Shape(6), seed: 20)
    try gradCheck([x, gm, bt], eps: 1e-3) { g, v throws(TensorError) in try g.layerNorm(v[0], gamma: v[1], beta: v[2]) }
  }

  @Test func layerNormNormalises() throws {
    let g = Graph()
    let x = g.constant(randomTensor(Shape(4, 16), seed: 21, low: 3, high: 9))
    let y = try g.value(try g.layerNorm(x, gamma: g.constant(Tensor(repeating: 1, shape: Shape(16))),
                                        beta: g.constant(Tensor(zeros: Shape(16)))))
    for r in 0..<4 {
      let row = Array(y.scalars[(r * 16)..<(r * 16 + 16)])
      let mean = row.reduce(0, +) / 16
      let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 16
      #expect(Swift.abs(mean) < 1e-5 && Swift.abs(variance - 1) < 1e-3)
    }
    #expect(throws: TensorError.self) { try g.layerNorm(x, gamma: x, beta: x) }
  }

  @Test func dropoutMasksAndScales() throws {
    let g = Graph(seed: 4)
    let x = g.constant(Tensor(repeating: 1, shape: Shape(10_000)))
    let y = try g.value(try g.dropout(x, p: 0.25)).scalars
    let kept = y.filter { $0 != 0 }
    #expect(kept.allSatisfy { Swift.abs($0 - 4.0 / 3) < 1e-6 })
    #expect(Swift.abs(Float(kept.count) / 10_000 - 0.75) < 0.02)
    // Gradient flows only through kept elements, scaled.
    let d = try g.dropout(x, p: 0.5)
    try g.backward(try g.sum(d), requiringGradients: true)
    let gx = try g.gradient(x).scalars
    let dv = try g.value(d).scalars
    for i in 0..<100 { #expect(gx[i] == dv[i]) }
    g.isTraining = false
    let id = try g.dropout(g.constant(Tensor(scalar: 3)), p: 0.9)
    #expect(try g.value(id).scalars == [3])
    #expect(throws: TensorError.invalidArgument) { try g.dropout(x, p: 1) }
  }

  @Test func embeddingGathersAndScatters() throws {
    let table = randomTensor(Shape(5, 3), seed: 22)
    try gradCheck([table]) { g, v throws(TensorError) in try g.embedding(v[0], indices: [4, 0, 4, 2], shape: Shape(2, 2)) }
    let g = Graph()
    let e = try g.value(try g.embedding(g.constant(table), indices: [3, 1], shape: Shape(2)))
    #expect(Array(e.scalars[0..<3]) == Array(table.scalars[9..<12]))
    #expect(throws: TensorError.outOfRange) { try g.embedding(g.constant(table), indices: [5], shape: Shape(1)) }
    #expect(throws: TensorError.self) { try g.embedding(g.constant(table), indices: [1, 2], shape: Shape(3)) }
    #expect(throws: TensorError.invalidArgument) { try g.embedding(g.constant(Tensor(zeros: Shape(3))), indices: [1], shape: Shape(1)) }
  }
}
