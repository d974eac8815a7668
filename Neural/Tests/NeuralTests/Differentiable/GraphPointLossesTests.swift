import Neural
import Testing

@Suite struct GraphPointLossesTests {
  @Test(arguments: ["mse", "mae", "huber", "pinball"]) func gradcheck(_ name: String) throws {
    let p = randomTensor(Shape(3, 4), seed: 30, low: -2, high: 2)
    var y = randomTensor(Shape(3, 4), seed: 31, low: -2, high: 2)
    // Keep |ŷ − y| away from the kinks at 0 and at ±δ.
    for i in 0..<y.count {
      let e = p.scalars[i] - y.scalars[i]
      if Swift.abs(e) < 0.1 || Swift.abs(Swift.abs(e) - 0.8) < 0.1 { y.scalars[i] += 0.3 }
    }
    try gradCheck([p, y], eps: 1e-3) { g, v throws(TensorError) in
      switch name {
      case "mse": return try g.mseLoss(v[0], v[1])
      case "mae": return try g.maeLoss(v[0], v[1])
      case "huber": return try g.huberLoss(v[0], v[1], delta: 0.8)
      default: return try g.pinballLoss(v[0], v[1], quantile: 0.3)
      }
    }
  }

  @Test func values() throws {
    let g = Graph()
    let p = g.constant(Tensor(shape: Shape(2), scalars: [3, 0]))
    let y = g.constant(Tensor(shape: Shape(2), scalars: [1, 1]))
    #expect(try g.value(try g.mseLoss(p, y)).scalars == [2.5])
    #expect(try g.value(try g.maeLoss(p, y)).scalars == [1.5])
    // Huber δ = 1: |2| → 1.5, |1| → 0.5.
    #expect(try g.value(try g.huberLoss(p, y, delta: 1)).scalars == [1])
    // Pinball q = 0.9: over-forecast by 2 → 0.2, under by 1 → 0.9.
    #expect(Swift.abs(try g.value(try g.pinballLoss(p, y, quantile: 0.9)).scalars[0] - 0.55) < 1e-6)
    #expect(throws: TensorError.invalidArgument) { try g.huberLoss(p, y, delta: 0) }
    #expect(throws: TensorError.invalidArgument) { try g.pinballLoss(p, y, quantile: 1) }
    #expect(throws: TensorError.self) { try g.mseLoss(p, g.constant(Tensor(zeros: Shape(3)))) }
  }

  @Test func multiQuantile() throws {
    let qs: [Float] = [0.1, 0.5, 0.9]
    let p = randomTensor(Shape(4, 3), seed: 32, low: -2, high: 2)
    let y = randomTensor(Shape(4), seed: 33, low: 3, high: 4)
    try gradCheck([p, y], eps: 1e-3) { g, v throws(TensorError) in try g.multiQuantileLoss(v[0], v[1], quantiles: qs) }
    // Equals the average of the single-quantile losses.
    let g = Graph()
    let pv = g.constant(p), yv = g.constant(y)
    let multi = try g.value(try g.multiQuantileLoss(pv, yv, quantiles: qs)).scalars[0]
    var single: Float = 0
    for (k, q) in qs.enumerated() {
      let col = try g.reshape(try g.slice(pv, axis: 1, start: k, count: 1), Shape(4))
      single += try g.value(try g.pinballLoss(col, yv, quantile: q)).scalars[0]
    }
    #expect(Swift.abs(multi - single / 3) < 1e-5)
    #expect(throws: TensorError.invalidArgument) { try g.multiQuantileLoss(pv, yv, quantiles: []) }
    #expect(throws: TensorError.invalidArgument) { try g.multiQuantileLoss(pv, yv, quantiles: [0.5, 1.5, 0.2]) }
    #expect(throws: TensorError.self) { try g.multiQuantileLoss(pv, yv, quantiles: [0.5]) }
  }
}
