import Neural
import Testing

@Suite struct GraphElementwiseTests {
  static let shapePairs: [(Shape, Shape)] = [
    (Shape(3, 4), Shape(3, 4)),  // equal
    (Shape(3, 4), Shape(4)),  // trailing bias
    (Shape(3, 4), Shape()),  // scalar
    (Shape(3, 1), Shape(1, 4)),  // outer product
    (Shape(2, 3, 4), Shape(3, 1)),  // middle
    (Shape(4), Shape(2, 3, 4)),  // left broadcast
    (Shape(2, 1, 3, 2), Shape(2, 2, 1, 2)),  // rank 4
  ]

  @Test(arguments: 0..<7, ["add", "sub", "mul", "div"])
  func gradcheckEveryBroadcastClass(pair: Int, op: String) throws {
    let (sa, sb) = Self.shapePairs[pair]
    let a = randomTensor(sa, seed: 10)
    let b = randomTensor(sb, seed: 11, low: 0.5, high: 2)
    try gradCheck([a, b]) { g, v throws(TensorError) in
      switch op {
      case "add": return try g.add(v[0], v[1])
      case "sub": return try g.sub(v[0], v[1])
      case "mul": return try g.mul(v[0], v[1])
      default: return try g.div(v[0], v[1])
      }
    }
  }

  @Test(arguments: 0..<7) func fastPathsMatchTheBroadcastReference(pair: Int) throws {
    let (sa, sb) = Self.shapePairs[pair]
    let a = randomTensor(sa, seed: 1), b = randomTensor(sb, seed: 2, low: 0.5, high: 2)
    let g = Graph()
    let sum = try g.value(try g.add(g.constant(a), g.constant(b)))
    let q = try g.value(try g.div(g.constant(a), g.constant(b)))
    // Scalar reference with explicit index arithmetic.
    let out = sum.shape
    let r = out.rank
    func index(_ s: Shape, _ flat: Int) -> Int {
      var rem = flat, idx = 0, mult = 1
      var coords = [Int](repeating: 0, count: r)
      for d in stride(from: r - 1, through: 0, by: -1) {
        coords[d] = rem % out[d]
        rem /= out[d]
      }
      for d in stride(from: s.rank - 1, through: 0, by: -1) {
        let c = coords[d + r - s.rank]
        idx += (s[d] == 1 ? 0 : c) * mult
        mult *= s[d]
      }
      return idx
    }
    for i in 0..<out.count {
      #expect(sum.scalars[i] == a.scalars[index(sa, i)] + b.scalars[index(sb, i)])
      #expect(q.scalars[i] == a.scalars[index(sa, i)] / b.scalars[index(sb, i)])
    }
  }

  @Test func scalarOps() throws {
    try gradCheck([randomTensor(Shape(5), seed: 3)]) { g, v throws(TensorError) in
      try g.mul(try g.add(v[0], scalar: 2), scalar: -3)
    }
  }

  @Test func incompatibleShapesThrow() {
    let g = Graph()
    #expect(throws: TensorError.shapeMismatch(Shape(2, 3), Shape(4))) {
      try g.add(g.constant(Tensor(zeros: Shape(2, 3))), g.constant(Tensor(zeros: Shape(4))))
    }
  }
}
