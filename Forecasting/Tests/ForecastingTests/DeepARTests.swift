import Testing
@testable import Forecasting

@Suite struct DeepARTests {
  @Test(arguments: [DeepAR.Distribution.normal, .studentT])
  func learnsAirPassengersWithCalibratedIntervals(_ d: DeepAR.Distribution) throws {
    let air = try airPassengers()
    let train = try air.droppingLast(12), test = try air.lastRows(12).series[0].y
    let m = try DeepAR(inputSize: 24, horizon: 12, distribution: d, lstmHiddenSize: 16, lstmLayers: 1, samples: 200,
                   maxSteps: 150, batchSize: 16, learningRate: 1e-2)
    m.seed = 4
    try m.fit(train, progress: nil)
    let early = m.lossHistory.prefix(15).reduce(0, +), late = m.lossHistory.suffix(15).reduce(0, +)
    #expect(late < early - 5)     // mean NLL falls by more than 1/3 nat per step on average
    let f = try m.forecast(train, h: 12, levels: [80, 95])[0]
    let naive = try Naive().forecast(train, h: 12, levels: [])[0].mean
    #expect(try Metrics.mae(test, f.mean) < 0.8 * (try Metrics.mae(test, naive)))
    let i80 = try #require(f.interval(80)), i95 = try #require(f.interval(95))
    for j in 0..<12 { #expect(i95.lo[j] <= i80.lo[j] && i80.lo[j] < i80.hi[j] && i80.hi[j] <= i95.hi[j]) }
    // Reproducible sampling; a saved model draws the same paths.
    #expect(try m.forecast(train, h: 12, levels: [80]) == m.forecast(train, h: 12, levels: [80]))
    let restored = try ModelArchive.load(ModelArchive.save(m))
    #expect(try restored.forecast(train, h: 3, levels: [95]) == m.forecast(train, h: 3, levels: [95]))
  }

  @Test func samplersMatchTheirMoments() {
    var rng = ForecastRandom(seed: 9)
    let n = 20000
    let z = (0..<n).map { _ in DeepAR.gaussian(&rng) }
    let mean = z.reduce(0, +) / Double(n), variance = z.reduce(0) { $0 + $1 * $1 } / Double(n) - mean * mean
    #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    for shape in [0.5, 1.0, 3.5] {
      let g = (0..<n).map { _ in DeepAR.gamma(shape, &rng) }
      let m = g.reduce(0, +) / Double(n), v = g.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
      #expect(abs(m - shape) < 0.05 * shape + 0.02 && abs(v - shape) < 0.1 * shape + 0.03)   // Gamma(k, 1): mean = var = k
    }
    #expect(DeepAR.quantile([0, 1, 2, 3, 4], 0.5) == 2 && DeepAR.quantile([0, 10], 0.25) == 2.5)
  }

  @Test func errorsAndArchives() throws {
    let f = try twoSeries(40)
    try checkSeedAndArchive { try DeepAR(inputSize: 6, horizon: 3, distribution: .studentT, lstmHiddenSize: 4, lstmLayers: 2,
                                     samples: 5, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    let m = try DeepAR(inputSize: 6, horizon: 3, lstmHiddenSize: 4, lstmLayers: 1, samples: 5, maxSteps: 4, batchSize: 4)
    #expect(throws: ForecastError.notFitted("DeepAR")) { try m.forecast(f, h: 1, levels: []) }
    try m.fit(f, progress: nil)
    #expect(throws: ForecastError.self) { try m.forecast(f, h: 4, levels: []) }
    #expect(try m.forecast(f, h: 2, levels: []).map(\.intervals.count) == [0, 0])
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[0, 4, 1], [2, 4, 1, 5], [0, 4, 1, 0]] {
      #expect(try WindowNetwork.make("DeepAR", c, bad) == nil)
    }
    let withLevels = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                          scaler: .identity, levels: [80], alias: "x")
    #expect(try WindowNetwork.make("DeepAR", withLevels, [0, 4, 1, 5]) == nil)
  }
}

extension DeepARTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try DeepAR(inputSize: 4, horizon: 2, lstmHiddenSize: 0) }
    #expect(throws: ForecastError.self) { try DeepAR(inputSize: 4, horizon: 2, lstmLayers: 0) }
    #expect(throws: ForecastError.self) { try DeepAR(inputSize: 4, horizon: 2, samples: 0) }
    #expect(throws: ForecastError.self) { try DeepAR(inputSize: 0, horizon: 2) }
  }
}
