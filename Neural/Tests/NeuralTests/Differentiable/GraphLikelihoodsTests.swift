import Glibc
import Neural
import Testing

@Suite struct GraphLikelihoodsTests {
  @Test func normal() throws {
    let mu = randomTensor(Shape(5), seed: 40), s = randomTensor(Shape(5), seed: 41, low: 0.5, high: 2)
    let y = randomTensor(Shape(5), seed: 42)
    try gradCheck([mu, s, y], eps: 1e-3) { g, v throws(TensorError) in try g.normalNLL(mean: v[0], scale: v[1], target: v[2]) }
    let g = Graph()
    let l = try g.value(try g.normalNLL(mean: g.constant(Tensor(scalar: 1)), scale: g.constant(Tensor(scalar: 2)),
                                        target: g.constant(Tensor(scalar: 2)))).scalars[0]
    #expect(Swift.abs(Double(l) - (Glibc.log(2.0) + 0.5 * Glibc.log(2 * Double.pi) + 0.125)) < 1e-6)
  }

  @Test func studentT() throws {
    let mu = randomTensor(Shape(5), seed: 43), s = randomTensor(Shape(5), seed: 44, low: 0.5, high: 2)
    let nu = randomTensor(Shape(5), seed: 45, low: 1, high: 8), y = randomTensor(Shape(5), seed: 46, low: -3, high: 3)
    try gradCheck([mu, s, nu, y], eps: 1e-3) { g, v throws(TensorError) in
      try g.studentTNLL(mean: v[0], scale: v[1], degrees: v[2], target: v[3])
    }
    // ν = 1 is the Cauchy distribution: −log(1 / (π s (1 + z²))).
    let g = Graph()
    let l = try g.value(try g.studentTNLL(mean: g.constant(Tensor(scalar: 0)), scale: g.constant(Tensor(scalar: 2)),
      degrees: g.constant(Tensor(scalar: 1)), target: g.constant(Tensor(scalar: 1)))).scalars[0]
    #expect(Swift.abs(Double(l) - Glibc.log(Double.pi * 2 * 1.25)) < 1e-5)
  }

  @Test func poisson() throws {
    let rate = randomTensor(Shape(6), seed: 47, low: 0.5, high: 5)
    let y = Tensor(shape: Shape(6), scalars: [1, 1, 2, 3, 7, 4])
    try gradCheck([rate, y], eps: 1e-3) { g, v throws(TensorError) in try g.poissonNLL(rate: v[0], target: v[1]) }
    let g = Graph()
    let l = try g.value(try g.poissonNLL(rate: g.constant(Tensor(scalar: 2)), target: g.constant(Tensor(scalar: 3)))).scalars[0]
    #expect(Swift.abs(Double(l) - (2 - 3 * Glibc.log(2.0) + Glibc.log(6.0))) < 1e-5)
  }

  @Test func negativeBinomial() throws {
    let mu = randomTensor(Shape(6), seed: 48, low: 0.5, high: 5), a = randomTensor(Shape(6), seed: 49, low: 0.2, high: 2)
    let y = Tensor(shape: Shape(6), scalars: [1, 1, 2, 3, 7, 4])
    try gradCheck([mu, a, y], eps: 1e-3) { g, v throws(TensorError) in
      try g.negativeBinomialNLL(mean: v[0], dispersion: v[1], target: v[2])
    }
    // α = 1, r = 1 is geometric: P(y) = (1/(1+μ)) (μ/(1+μ))^y.
    let g = Graph()
    let l = try g.value(try g.negativeBinomialNLL(mean: g.constant(Tensor(scalar: 2)),
      dispersion: g.constant(Tensor(scalar: 1)), target: g.constant(Tensor(scalar: 3)))).scalars[0]
    #expect(Swift.abs(Double(l) + Glibc.log(1.0 / 3 * Glibc.pow(2.0 / 3, 3))) < 1e-5)
  }

  @Test func domainErrors() {
    let g = Graph()
    let one = g.constant(Tensor(scalar: 1)), zero = g.constant(Tensor(scalar: 0)), neg = g.constant(Tensor(scalar: -1))
    #expect(throws: TensorError.outOfDomain) { try g.normalNLL(mean: one, scale: zero, target: one) }
    #expect(throws: TensorError.outOfDomain) { try g.studentTNLL(mean: one, scale: one, degrees: zero, target: one) }
    #expect(throws: TensorError.outOfDomain) { try g.poissonNLL(rate: one, target: neg) }
    #expect(throws: TensorError.outOfDomain) { try g.negativeBinomialNLL(mean: zero, dispersion: one, target: one) }
    #expect(throws: TensorError.self) { try g.poissonNLL(rate: one, target: g.constant(Tensor(zeros: Shape(2)))) }
  }
}
