import Neural
import Testing

@Suite struct GraphMatmulTests {
  static let cases: [(Shape, Shape, Bool)] = [
    (Shape(3, 4), Shape(4, 5), false),
    (Shape(3, 4), Shape(5, 4), true),
    (Shape(2, 3, 4), Shape(4, 2), false),
    (Shape(2, 3, 4), Shape(2, 4, 5), false),
    (Shape(2, 3, 4), Shape(2, 5, 4), true),
    (Shape(2, 2, 3, 4), Shape(2, 2, 5, 4), true),
    (Shape(4), Shape(4, 3), false),
  ]

  @Test(arguments: 0..<7) func gradcheck(_ c: Int) throws {
    let (sa, sb, t) = Self.cases[c]
    try gradCheck([randomTensor(sa, seed: 4), randomTensor(sb, seed: 5)]) { g, v throws(TensorError) in
      try g.matmul(v[0], v[1], transposeB: t)
    }
  }

  @Test(arguments: 0..<7) func matchesScalarLoops(_ c: Int) throws {
    let (sa, sb, t) = Self.cases[c]
    let a = randomTensor(sa, seed: 6), b = randomTensor(sb, seed: 7)
    let g = Graph()
    let y = try g.value(try g.matmul(g.constant(a), g.constant(b), transposeB: t))
    let k = sa.last, n = y.shape.last
    let m = sa.rank >= 2 ? sa[sa.rank - 2] : 1
    let batches = sb.rank > 2 ? sa.count / (m * k) : 1
    let rows = sb.rank > 2 ? m : sa.count / k
    for bt in 0..<batches {
      for i in 0..<rows {
        for j in 0..<n {
          var s: Float = 0
          for p in 0..<k {
            let bv = sb.rank > 2
              ? (t ? b.scalars[bt * n * k + j * k + p] : b.scalars[bt * k * n + p * n + j])
              : (t ? b.scalars[j * k + p] : b.scalars[p * n + j])
            s += a.scalars[(bt * rows + i) * k + p] * bv
          }
          #expect(Swift.abs(y.scalars[(bt * rows + i) * n + j] - s) < 1e-5)
        }
      }
    }
  }

  @Test func mismatchesThrow() {
    let g = Graph()
    let a = g.constant(Tensor(zeros: Shape(2, 3)))
    #expect(throws: TensorError.self) { try g.matmul(a, g.constant(Tensor(zeros: Shape(4, 5)))) }
    #expect(throws: TensorError.self) { try g.matmul(a, g.constant(Tensor(zeros: Shape(3)))) }
    #expect(throws: TensorError.self) {
      try g.matmul(g.constant(Tensor(zeros: Shape(2, 2, 3))), g.constant(Tensor(zeros: Shape(3, 3, 2))))
    }
    #expect(throws: TensorError.self) {
      try g.matmul(g.constant(Tensor(zeros: Shape(2, 3))), g.constant(Tensor(zeros: Shape(2, 3, 2))))
    }
  }
}

@Suite struct GraphMatmulSweepTests {
  /// Forward and both gradients of every small size (0 included) against scalar loops.
  @Test(arguments: [0, 1, 2, 3, 7, 16, 33]) func sweep(m: Int) throws {
    for n in [0, 1, 4, 9, 33] {
      for k in [0, 1, 5, 32, 33] {
        let a = randomTensor(Shape(m, k), seed: UInt64(m * 1000 + k)), b = randomTensor(Shape(k, n), seed: UInt64(n * 1000 + k + 7))
        let dc = randomTensor(Shape(m, n), seed: 3)
        let g = Graph()
        let av = g.constant(a), bv = g.constant(b)
        let c = try g.matmul(av, bv)
        try g.backward(try g.sum(try g.mul(c, g.constant(dc))), requiringGradients: true)
        let cv = try g.value(c), da = try g.gradient(av), db = try g.gradient(bv)
        for i in 0..<m {
          for j in 0..<n {
            var s: Float = 0
            for p in 0..<k { s += a.scalars[i * k + p] * b.scalars[p * n + j] }
            #expect(Swift.abs(cv.scalars[i * n + j] - s) <= 1e-5 * Float(k + 1))
          }
          for p in 0..<k {
            var s: Float = 0
            for j in 0..<n { s += dc.scalars[i * n + j] * b.scalars[p * n + j] }
            #expect(Swift.abs(da.scalars[i * k + p] - s) <= 1e-5 * Float(n + 1))
          }
        }
        for p in 0..<k {
          for j in 0..<n {
            var s: Float = 0
            for i in 0..<m { s += a.scalars[i * k + p] * dc.scalars[i * n + j] }
            #expect(Swift.abs(db.scalars[p * n + j] - s) <= 1e-5 * Float(m + 1))
          }
        }
      }
    }
  }
}
