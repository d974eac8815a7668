import Neural
import Testing

@Suite struct ShapeTests {
  @Test func basics() {
    let s = Shape(2, 3, 4)
    #expect(s.rank == 3 && s.count == 24 && s.last == 4 && s.rows == 6)
    #expect(s.dims == [2, 3, 4])
    #expect(s.description == "[2, 3, 4]")
    #expect(Shape().count == 1 && Shape().rows == 1 && Shape().last == 1)
    #expect(Shape(1, 2, 3, 4)[3] == 4)
    #expect(Shape(2, 3) != Shape(3, 2) && Shape(2) != Shape(2, 1))
    #expect(Shape(checking: [1, 2, 3, 4, 5]) == nil)
    #expect(Shape(checking: [1, -2]) == nil)
    #expect(Shape(checking: [3, 2]) == Shape(3, 2))
  }
}

@Suite struct TensorTests {
  @Test func constructionAndAccess() throws {
    var t = Tensor(shape: Shape(2, 2), scalars: [1, 2, 3, 4])
    #expect(t[1, 0] == 3)
    t[0, 1] = 9
    #expect(t.scalars == [1, 9, 3, 4])
    #expect(try t.reshaped(Shape(4)).shape == Shape(4))
    #expect(throws: TensorError.shapeMismatch(Shape(2, 2), Shape(3))) { try t.reshaped(Shape(3)) }
    #expect(throws: TensorError.self) { try Tensor(checking: Shape(3), scalars: [1]) }
    #expect(try Tensor(checking: Shape(1), scalars: [1]).count == 1)
    #expect(Tensor(scalar: 2).shape == Shape())
    #expect(Tensor(repeating: 1, shape: Shape(3)).scalars == [1, 1, 1])
    #expect(Tensor(scalar: 1).isApproximatelyEqual(to: Tensor(scalar: 1.000001)))
    #expect(!Tensor(scalar: 1).isApproximatelyEqual(to: Tensor(scalar: 1.1)))
    #expect(!Tensor(scalar: 1).isApproximatelyEqual(to: Tensor(zeros: Shape(1))))
  }

  @Test func normalSamplesHaveUnitMoments() {
    var rng = NeuralRandom(seed: 3)
    let t = Tensor(normal: Shape(20_000), mean: 1, std: 2, using: &rng)
    let mean = t.scalars.reduce(0, +) / Float(t.count)
    let variance = t.scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(t.count)
    #expect(Swift.abs(mean - 1) < 0.05)
    #expect(Swift.abs(variance.squareRoot() - 2) < 0.05)
  }
}
