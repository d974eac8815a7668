import Neural
import Testing

@Suite struct GraphReductionsTests {
  @Test func wholeTensor() throws {
    try gradCheck([randomTensor(Shape(3, 4), seed: 1)]) { g, v throws(TensorError) in try g.sum(v[0]) }
    try gradCheck([randomTensor(Shape(2, 2, 3), seed: 2)]) { g, v throws(TensorError) in try g.mean(v[0]) }
    let g = Graph()
    #expect(try g.value(try g.mean(g.constant(Tensor(shape: Shape(4), scalars: [1, 2, 3, 6])))).scalars == [3])
  }

  @Test(arguments: 0..<3) func alongEachAxis(axis: Int) throws {
    let x = randomTensor(Shape(2, 3, 4), seed: 3)
    try gradCheck([x]) { g, v throws(TensorError) in try g.sum(v[0], axis: axis) }
    try gradCheck([x]) { g, v throws(TensorError) in try g.mean(v[0], axis: axis) }
    let g = Graph()
    let s = try g.value(try g.sum(g.constant(x), axis: axis))
    var dims = x.shape.dims
    dims.remove(at: axis)
    #expect(s.shape == Shape(dims))
    // Reference: the sum of all elements is preserved.
    #expect(Swift.abs(s.scalars.reduce(0, +) - x.scalars.reduce(0, +)) < 1e-4)
  }

  @Test func badAxisThrows() {
    let g = Graph()
    #expect(throws: TensorError.outOfRange) { try g.sum(g.constant(Tensor(zeros: Shape(2))), axis: 1) }
  }
}
