import Testing
import Neural
@testable import Forecasting

@Suite struct InformerTests {
  @Test func learnsAirPassengers() throws {
    let m = try Informer(inputSize: 24, horizon: 12, hiddenSize: 16, heads: 2, factor: 5, convHiddenSize: 32,
                         encoderLayers: 2, decoderLayers: 1, dropout: 0, maxSteps: 300, batchSize: 16,
                         learningRate: 5e-3, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func distillingRunsBatchNormStatistics() throws {
    let m = try Informer(inputSize: 12, horizon: 4, hiddenSize: 4, heads: 1, factor: 2, convHiddenSize: 8,
                         encoderLayers: 3, decoderLayers: 1, dropout: 0, maxSteps: 5, batchSize: 4, learningRate: 1e-2)
    try m.fit(try twoSeries(40), progress: nil)
    let distilling = try #require(m.stack?.distilling)
    #expect(distilling.count == 2)
    // Running statistics moved away from (0, 1) during training.
    #expect(distilling[0].runningMean.value.scalars.contains { $0 != 0 })
    #expect(distilling[0].runningVariance.value.scalars.contains { $0 != 1 })
    let plain = try Informer(inputSize: 12, horizon: 4, hiddenSize: 4, heads: 1, encoderLayers: 3, distil: false)
    var rng = NeuralRandom(seed: 1)
    _ = plain.build(&rng)
    #expect(plain.stack?.distilling.isEmpty == true)
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try Informer(inputSize: 12, horizon: 4, hiddenSize: 8, heads: 2, factor: 2, convHiddenSize: 8,
                         encoderLayers: 2, decoderLayers: 1, dropout: 0, maxSteps: 20, batchSize: 8,
                         learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try! Informer(inputSize: 8, horizon: 3, hiddenSize: 4, heads: 2, factor: 1, convHiddenSize: 8, encoderLayers: 2,
                    decoderLayers: 1, dropout: 0.1, maxSteps: 6, batchSize: 4, learningRate: 1e-2)
    }
  }

  @Test func badArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try Informer(inputSize: 8, horizon: 2, factor: 0) }
    #expect(throws: ForecastError.self) { try Informer(inputSize: 8, horizon: 2, hiddenSize: 6, heads: 4) }
    #expect(throws: ForecastError.self) { try Informer(inputSize: 8, horizon: 2, decoderInputSizeMultiplier: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    #expect(try WindowNetwork.make("Informer", c, [4, 2, 3, 8, 1, 1, 2, 0, 0.5]) == nil)
    #expect(try WindowNetwork.make("Informer", c, [4, 2, 3, 8, 1, 1, 1, 0]) == nil)
    #expect(throws: ForecastError.self) { try WindowNetwork.make("Informer", c, [4, 2, 0, 8, 1, 1, 1, 0, 0.5]) }
  }
}
