import Neural
import Testing
@testable import Forecasting

@Suite struct KANTests {
  @Test func learnsAirPassengers() throws {
    let m = try KAN(inputSize: 24, horizon: 12, hiddenSize: 16, maxSteps: 200, batchSize: 16, learningRate: 3e-3,
                    scaler: .standard)
    m.seed = 2
    let s = try covariateScore(m, try airPassengers())
    #expect(s.model < 0.6 * s.naive)
  }

  /// The Cox–de Boor bases against the closed form of the uniform cubic B-spline, partition of
  /// unity inside the grid, zero outside, and the layer's gradient against finite differences.
  @Test func splineBasesAndGradients() throws {
    var rng = NeuralRandom(seed: 3)
    let kan = KANLinear(inputSize: 2, outputSize: 3, gridSize: 5, splineOrder: 3, using: &rng)
    let g = Graph()
    let xs: [Float] = [0.1, -0.73, 0.999, 3]
    let b = try g.value(try kan.bases(g.constant(Tensor(shape: Shape(2, 2), scalars: xs)), in: g))
    #expect(b.shape == Shape(2, 2, 8))
    for i in 0..<3 {
      let row = b.scalars[(i * 8)..<((i + 1) * 8)]
      #expect(abs(row.reduce(0, +) - 1) < 1e-5)
      #expect(row.allSatisfy { $0 >= -1e-6 })
    }
    #expect(b.scalars[24..<32].allSatisfy { $0 == 0 })          // x = 3 is beyond the last knot
    // Uniform cubic B-spline: at u in [0, 1) of its first interval, B = u³/6.
    let h: Float = 0.4, x: Float = 0.1
    let j = Int(((x - kan.knot(0)) / h).rounded(.down))           // interval index
    let u = (x - kan.knot(j)) / h
    #expect(abs(b.scalars[j] - u * u * u / 6) < 1e-5)
    // Gradient of Σ y with respect to the input, against central differences.
    let x0: [Float] = [0.3, -0.45]
    func f(_ v: [Float]) throws -> Float {
      let e = Graph()
      return try e.value(try e.sum(try kan(e.constant(Tensor(shape: Shape(1, 2), scalars: v)), in: e))).scalars[0]
    }
    let e = Graph()
    let p = Parameter(Tensor(shape: Shape(1, 2), scalars: x0))
    try e.backward(try e.sum(try kan(e.param(p), in: e)))
    for i in 0..<2 {
      var a = x0, c = x0
      a[i] += 1e-2
      c[i] -= 1e-2
      let numeric = (try f(a) - f(c)) / 2e-2
      #expect(abs(p.grad.scalars[i] - numeric) < 2e-3 * max(1, abs(numeric)))
    }
    #expect(throws: TensorError.self) { try kan(e.constant(Tensor(zeros: Shape(1, 3))), in: e) }
  }

  @Test func exogenousQuantilesSeedsArchivesAndBadArguments() throws {
    let air = try airWithCalendar()
    let train = try air.droppingLast(4), next = try air.lastRows(4)
    let m = try KAN(inputSize: 12, horizon: 4, hiddenSize: 8, gridSize: 3, splineOrder: 2, maxSteps: 30, batchSize: 8,
                    learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(train, progress: nil)
    let f = try m.forecast(train, future: next, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkCovariateArchive(train, future: next) {
      try KAN(inputSize: 6, horizon: 3, hiddenSize: 4, hiddenLayers: 2, maxSteps: 8, batchSize: 4, learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try KAN(inputSize: 6, horizon: 3, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try KAN(inputSize: 6, horizon: 3, gridSize: 0) }
    #expect(throws: ForecastError.self) { try KAN(inputSize: 6, horizon: 3, splineOrder: 9) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[8, 1, 0, 3, 1, 0, 0, 0], [8, 1, 5, 3], [8, 1, 5, 3, 1, 0, 0]] {
      #expect(try WindowNetwork.make("KAN", c, bad) == nil)
    }
    #expect(try WindowNetwork.make("KAN", c, [8, 0, 5, 0, 1, 0, 0, 0]) != nil)
  }
}
