import Glibc
import Neural
import Testing

@Suite struct GraphRecurrentTests {
  @Test func lstmCellGradcheck() throws {
    let gates = randomTensor(Shape(2, 12), seed: 23, low: -2, high: 2), c = randomTensor(Shape(2, 3), seed: 24)
    try gradCheck([gates, c], eps: 1e-3) { g, v throws(TensorError) in
      let (h, cn) = try g.lstmCell(gates: v[0], cell: v[1])
      return try g.concat([h, try g.mul(cn, scalar: 0.7)], axis: 1)
    }
  }

  @Test func lstmCellMatchesFormula() throws {
    let gates = randomTensor(Shape(1, 8), seed: 25), c = randomTensor(Shape(1, 2), seed: 26)
    let g = Graph()
    let (h, cn) = try g.lstmCell(gates: g.constant(gates), cell: g.constant(c))
    let hv = try g.value(h).scalars, cv = try g.value(cn).scalars
    func sig(_ x: Float) -> Float { 1 / (1 + Float(Double.exp(Double(-x)))) }
    for j in 0..<2 {
      let i = sig(gates.scalars[j]), f = sig(gates.scalars[2 + j])
      let gg = Float(Double.tanh(Double(gates.scalars[4 + j]))), o = sig(gates.scalars[6 + j])
      let cc = f * c.scalars[j] + i * gg
      #expect(Swift.abs(cv[j] - cc) < 1e-6)
      #expect(Swift.abs(hv[j] - o * Float(Double.tanh(Double(cc)))) < 1e-6)
    }
    #expect(throws: TensorError.self) { try g.lstmCell(gates: g.constant(gates), cell: g.constant(gates)) }
  }

  @Test func gruCellGradcheck() throws {
    let gx = randomTensor(Shape(2, 9), seed: 27, low: -2, high: 2)
    let gh = randomTensor(Shape(2, 9), seed: 28, low: -2, high: 2), h = randomTensor(Shape(2, 3), seed: 29)
    try gradCheck([gx, gh, h], eps: 1e-3) { g, v throws(TensorError) in
      try g.gruCell(inputPart: v[0], hiddenPart: v[1], hidden: v[2])
    }
    let g = Graph()
    #expect(throws: TensorError.self) {
      try g.gruCell(inputPart: g.constant(gx), hiddenPart: g.constant(h), hidden: g.constant(h))
    }
  }
}

extension Double {
  static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
}
