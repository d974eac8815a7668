import Glibc
import Neural
import Testing

@Suite struct GraphActivationsTests {
  @Test(arguments: Activation.allCases) func gradcheck(_ f: Activation) throws {
    let positive = f == .log || f == .sqrt
    let x = randomTensor(Shape(3, 7), seed: 21, low: positive ? 0.3 : -2, high: 2, awayFromZero: !positive)
    try gradCheck([x], eps: 1e-3) { g, v throws(TensorError) in try g.apply(f, v[0]) }
  }

  @Test func valuesMatchScalarReferences() throws {
    let xs: [Float] = [-3, -0.5, -0.0001, 0, 0.0002, 0.7, 4]
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(xs.count), scalars: xs))
    let sig = try g.value(try g.sigmoid(x)).scalars
    let th = try g.value(try g.tanh(x)).scalars
    let re = try g.value(try g.relu(x)).scalars
    for (i, v) in xs.enumerated() {
      let d = Double(v)
      #expect(Swift.abs(Double(sig[i]) - 1 / (1 + Glibc.exp(-d))) < 1e-6)
      #expect(Swift.abs(Double(th[i]) - Glibc.tanh(d)) < 1e-6)
      #expect(re[i] == Swift.max(v, 0))
    }
  }
}
