import Testing
@testable import Forecasting

@Suite struct RecurrentModelsTests {
  @Test(arguments: ["RNN", "LSTM", "GRU"])
  func learnsAirPassengers(_ kind: String) throws {
    let m: RecurrentNetwork
    switch kind {
    case "RNN": m = try RNN(inputSize: 24, horizon: 12, encoderHiddenSize: 16, encoderLayers: 1, decoderHiddenSize: 16,
                        decoderLayers: 1, maxSteps: 150, batchSize: 16, learningRate: 1e-2, scaler: .standard)
    case "LSTM": m = try LSTM(inputSize: 24, horizon: 12, encoderHiddenSize: 16, encoderLayers: 1, decoderHiddenSize: 16,
                          decoderLayers: 1, maxSteps: 150, batchSize: 16, learningRate: 1e-2, scaler: .standard)
    default: m = try GRU(inputSize: 24, horizon: 12, encoderHiddenSize: 16, encoderLayers: 1, decoderHiddenSize: 16,
                     decoderLayers: 1, maxSteps: 150, batchSize: 16, learningRate: 1e-2, scaler: .standard)
    }
    m.seed = 2
    #expect(m.kind == kind && m.alias == kind)
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try GRU(inputSize: 12, horizon: 4, encoderHiddenSize: 6, encoderLayers: 2, decoderHiddenSize: 6,
                decoderLayers: 2, maxSteps: 30, batchSize: 8, learningRate: 1e-2, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive { try RNN(inputSize: 6, horizon: 3, encoderHiddenSize: 4, encoderLayers: 2, decoderHiddenSize: 4,
                                  decoderLayers: 2, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    try checkSeedAndArchive { try LSTM(inputSize: 6, horizon: 3, encoderHiddenSize: 4, encoderLayers: 1, decoderHiddenSize: 4,
                                   decoderLayers: 1, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    try checkSeedAndArchive { try GRU(inputSize: 6, horizon: 3, encoderHiddenSize: 4, encoderLayers: 1, decoderHiddenSize: 4,
                                  decoderLayers: 1, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[4, 1, 4], [0, 1, 4, 1], [4, 1, 4, 0.5]] {
      #expect(try WindowNetwork.make("LSTM", c, bad) == nil)
    }
  }
}

extension RecurrentModelsTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try RNN(inputSize: 4, horizon: 2, encoderHiddenSize: 0) }
    #expect(throws: ForecastError.self) { try LSTM(inputSize: 4, horizon: 2, encoderLayers: 0) }
    #expect(throws: ForecastError.self) { try GRU(inputSize: 4, horizon: 2, decoderHiddenSize: 0) }
    #expect(throws: ForecastError.self) { try GRU(inputSize: 4, horizon: 2, decoderLayers: 0) }
    #expect(throws: ForecastError.self) { try LSTM(inputSize: 0, horizon: 2) }
  }
}
