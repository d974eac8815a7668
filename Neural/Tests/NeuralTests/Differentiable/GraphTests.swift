import Neural
import Testing

@Suite struct GraphTests {
  @Test func parameterGradientAccumulatesAndArenaIsReused() throws {
    let p = Parameter(Tensor(shape: Shape(2, 1), scalars: [0.5, -0.5]))
    let g = Graph(capacity: 16)
    var capacities: [Int] = []
    for _ in 0..<4 {
      let x = g.constant(Tensor(shape: Shape(3, 2), scalars: [1, 2, 3, 4, 5, 6]))
      let y = try g.matmul(x, g.param(p))
      try g.backward(try g.sum(y))
      capacities.append(g.arenaCapacity)
      g.reset()
      #expect(g.nodeCount == 0)
    }
    // Gradients accumulate across the four steps: dL/dw = column sums of x, four times.
    #expect(p.grad.scalars == [36, 48])
    #expect(capacities.allSatisfy { $0 == capacities[0] })
    p.zeroGrad()
    #expect(p.grad.scalars == [0, 0])
  }

  @Test func staleVariablesAreTypedErrors() throws {
    let g = Graph()
    let x = g.constant(Tensor(scalar: 1))
    g.reset()
    #expect(throws: TensorError.staleVariable) { try g.value(x) }
    #expect(throws: TensorError.staleVariable) { try g.relu(x) }
  }

  @Test func backwardNeedsAScalar() throws {
    let g = Graph()
    let x = g.constant(Tensor(zeros: Shape(2)))
    #expect(throws: TensorError.self) { try g.backward(x) }
    // Gradient before any backward is zero.
    #expect(try g.gradient(x).scalars == [0, 0])
  }

  @Test func detachStopsGradients() throws {
    let g = Graph()
    let x = g.constant(Tensor(scalar: 3))
    let d = try g.detach(x)
    let y = try g.add(try g.mul(x, x), try g.mul(d, d))
    try g.backward(y, requiringGradients: true)
    #expect(try g.gradient(x).scalars == [6])
    #expect(try g.value(d).scalars == [3])
  }

  @Test func reshapeIsAViewWithAliasedGradient() throws {
    try gradCheck([randomTensor(Shape(2, 6), seed: 1)]) { g, v throws(TensorError) in
      try g.mul(try g.reshape(v[0], Shape(3, 4)), g.constant(randomTensor(Shape(3, 4), seed: 2)))
    }
    let g = Graph()
    #expect(throws: TensorError.self) { try g.reshape(g.constant(Tensor(zeros: Shape(3))), Shape(2)) }
  }

  @Test func arenaGrowsPastItsInitialCapacity() throws {
    let g = Graph(capacity: 16)
    let x = g.constant(Tensor(repeating: 2, shape: Shape(100)))
    let y = try g.sum(try g.mul(x, x))
    #expect(g.arenaCapacity >= 200)
    #expect(try g.value(y).scalars == [400])
  }
}
