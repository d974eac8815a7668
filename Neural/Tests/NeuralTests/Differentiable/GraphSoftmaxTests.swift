import Glibc
import Neural
import Testing

@Suite struct GraphSoftmaxTests {
  @Test func gradcheck() throws {
    let x = randomTensor(Shape(2, 3, 5), seed: 17, low: -3, high: 3)
    try gradCheck([x], eps: 1e-3) { g, v throws(TensorError) in try g.softmax(v[0]) }
    try gradCheck([x], eps: 1e-3) { g, v throws(TensorError) in try g.logSoftmax(v[0]) }
  }

  @Test func matchesReferenceAndIsStable() throws {
    let x = Tensor(shape: Shape(2, 3), scalars: [1, 2, 3, 1000, 1001, 1002])
    let g = Graph()
    let p = try g.value(try g.softmax(g.constant(x))).scalars
    let l = try g.value(try g.logSoftmax(g.constant(x))).scalars
    let e = [Glibc.exp(-2.0), Glibc.exp(-1.0), 1.0]
    let z = e.reduce(0, +)
    for j in 0..<3 {
      #expect(Swift.abs(Double(p[j]) - e[j] / z) < 1e-6)
      #expect(Swift.abs(Double(p[3 + j]) - e[j] / z) < 1e-6)
      #expect(Swift.abs(Double(l[3 + j]) - Glibc.log(e[j] / z)) < 1e-4)
    }
    // An empty last axis is allowed.
    #expect(try g.value(try g.softmax(g.constant(Tensor(zeros: Shape(2, 0))))).count == 0)
  }
}
