import Neural
import Testing
@testable import Forecasting

@Suite struct NBEATSTests {
  @Test func genericLearnsAirPassengers() throws {
    let m = try NBEATS(inputSize: 24, horizon: 12, stacks: [.identity, .identity, .identity], hiddenSize: 32, numLayers: 1,
                   maxSteps: 200, batchSize: 16, learningRate: 3e-3, scaler: .standard)
    m.seed = 5
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func interpretableLearnsAirPassengers() throws {
    let m = try NBEATS(inputSize: 24, horizon: 12, stacks: [.trend, .seasonality], hiddenSize: 32, numLayers: 1,
                   maxSteps: 200, batchSize: 16, learningRate: 3e-3, scaler: .standard, alias: "NBEATSi")
    m.seed = 5
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func basesMatchNeuralForecast() {
    // Trend: rows (t/T)^i; θ = [P backcast, P·Q forecast].
    let (tb, tf) = Basis.trend(degree: 2, inputSize: 4, horizon: 2, outputs: 1)
    #expect(tb.shape == Shape(6, 4) && tf.shape == Shape(6, 2))
    #expect(Array(tb.scalars[8..<12]) == [0, 0.0625, 0.25, 0.5625])     // (t/4)² for t = 0…3
    #expect(tf.scalars[0..<6].allSatisfy { $0 == 0 })                    // backcast coefficients
    #expect(Array(tf.scalars[6..<12]) == [1, 1, 0, 0.5, 0, 0.25])          // (t/2)^p, p = 0, 1, 2
    // Seasonality with 2 harmonics and horizon 4: frequencies 0, 1, 1.5 → 3 cos + 3 sin rows.
    let (sb, sf) = Basis.seasonality(harmonics: 2, inputSize: 3, horizon: 4, outputs: 2)
    #expect(sb.shape == Shape(6 + 12, 3) && sf.shape == Shape(18, 8))
    // cos row of f = 1 at t = 1: cos(−2π/4) = 0; sin row of f = 1 at t = 1: sin(−π/2) = −1.
    #expect(abs(sb.scalars[1 * 3 + 1]) < 1e-6 && abs(sb.scalars[4 * 3 + 1] + 1) < 1e-6)
    // Forecast coefficient (p = 0, q = 1) feeds only output 1 of every step.
    let row = Array(sf.scalars[(6 + 1) * 8..<((6 + 2) * 8)])
    #expect(row == [0, 1, 0, 1, 0, 1, 0, 1])
    #expect(Basis.flip(3).scalars == [0, 0, 1, 0, 1, 0, 1, 0, 0])
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try NBEATS(inputSize: 12, horizon: 4, stacks: [.trend, .seasonality, .identity], hiddenSize: 8, numLayers: 1,
                   maxSteps: 40, batchSize: 8, learningRate: 1e-2, scaler: .standard, levels: [90])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [90])[0]
    let i = try #require(f.interval(90))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try NBEATS(inputSize: 8, horizon: 3, stacks: [.identity, .trend, .seasonality], blocksPerStack: 2, hiddenSize: 6,
             numLayers: 1, maxSteps: 10, batchSize: 4, learningRate: 1e-2)
    }
    for bad: [Double] in [[1, 8, 1, 2, 2, 7], [0, 8, 1, 2, 2, 0], [1, 8, 1]] {
      let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                   scaler: .identity, levels: [], alias: "x")
      #expect(try WindowNetwork.make("NBEATS", c, bad) == nil)
    }
  }
}

extension NBEATSTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try NBEATS(inputSize: 8, horizon: 2, stacks: []) }
    #expect(throws: ForecastError.self) { try NBEATS(inputSize: 8, horizon: 2, blocksPerStack: 0) }
    #expect(throws: ForecastError.self) { try NBEATS(inputSize: 8, horizon: 2, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try NBEATS(inputSize: 8, horizon: 2, harmonics: 0) }
    #expect(throws: ForecastError.self) { try NBEATS(inputSize: 8, horizon: 2, polynomials: -1) }
  }
}
