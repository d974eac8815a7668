import Testing
import Neural
@testable import Forecasting

@Suite struct FEDformerTests {
  @Test func learnsAirPassengers() throws {
    let m = try FEDformer(inputSize: 24, horizon: 12, modes: 8, hiddenSize: 16, convHiddenSize: 32, encoderLayers: 1,
                          decoderLayers: 1, movingAverageWindow: 7, dropout: 0, maxSteps: 150, batchSize: 16,
                          learningRate: 3e-3, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func blocksAreSharedAndModesFollowTheSeed() throws {
    let m = try FEDformer(inputSize: 12, horizon: 4, modes: 3, hiddenSize: 8, encoderLayers: 2, decoderLayers: 2,
                          movingAverageWindow: 3)
    var rng = NeuralRandom(seed: 7)
    let p = m.build(&rng)
    let stack = try #require(m.stack)
    #expect(stack.mixers.count == 3)                         // one encoder block, one decoder block, one cross
    #expect(stack.encoder[0].mixing.mixer === stack.encoder[1].mixing.mixer)
    #expect(stack.decoder[0].crossMixing.mixer === stack.decoder[1].crossMixing.mixer)
    #expect(Set(p.map { ObjectIdentifier($0) }).count == p.count)   // no parameter listed twice
    let block = try #require(stack.mixers[0] as? FourierBlock)
    #expect(block.modes.count == 3 && block.modes.allSatisfy { (0..<6).contains($0) })
    var again = NeuralRandom(seed: 7)
    _ = m.build(&again)
    #expect((m.stack?.mixers[0] as? FourierBlock)?.modes == block.modes)
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try FEDformer(inputSize: 12, horizon: 4, modes: 4, hiddenSize: 8, convHiddenSize: 8, encoderLayers: 1,
                          decoderLayers: 1, movingAverageWindow: 5, dropout: 0, maxSteps: 20, batchSize: 8,
                          learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try! FEDformer(inputSize: 8, horizon: 3, modes: 2, hiddenSize: 8, convHiddenSize: 8, encoderLayers: 2,
                     decoderLayers: 1, movingAverageWindow: 3, dropout: 0.1, maxSteps: 6, batchSize: 4, learningRate: 1e-2)
    }
  }

  @Test func badArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try FEDformer(inputSize: 8, horizon: 2, hiddenSize: 12) }
    #expect(throws: ForecastError.self) { try FEDformer(inputSize: 8, horizon: 2, modes: 0) }
    #expect(throws: ForecastError.self) { try FEDformer(inputSize: 8, horizon: 2, movingAverageWindow: 2) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    #expect(try WindowNetwork.make("FEDformer", c, [4, 8, 8, 1, 1, 3, 0]) == nil)
    #expect(throws: ForecastError.self) { try WindowNetwork.make("FEDformer", c, [4, 8, 8, 1, 1, 3, 0, 1.5]) }
  }
}
