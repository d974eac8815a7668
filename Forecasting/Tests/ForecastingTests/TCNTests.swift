import Neural
import Testing
@testable import Forecasting

@Suite struct TCNTests {
  @Test func learnsAirPassengers() throws {
    let m = try TCN(inputSize: 24, horizon: 12, kernelSize: 2, dilations: [1, 2, 4, 8], encoderHiddenSize: 16,
                decoderHiddenSize: 16, decoderLayers: 1, maxSteps: 150, batchSize: 16, learningRate: 1e-2, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func encoderIsCausal() throws {
    let m = try TCN(inputSize: 8, horizon: 2, dilations: [1, 2], encoderHiddenSize: 4, decoderHiddenSize: 4, decoderLayers: 1)
    var rng = NeuralRandom(seed: 1)
    _ = m.build(&rng)
    func encoded(_ x: [Float]) throws -> [Float] {
      let g = Graph()
      var h = g.constant(Tensor(shape: Shape(1, 8, 1), scalars: x))
      for conv in m.convolutions { h = try conv(h, in: g) }
      return try g.value(h).scalars
    }
    let a = try encoded([1, 2, 3, 4, 5, 6, 7, 8]), b = try encoded([1, 2, 3, 4, 5, 6, 7, -8])
    #expect(a[0..<28] == b[0..<28])           // steps 0…6 (4 channels each) do not see step 7
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try TCN(inputSize: 12, horizon: 4, dilations: [1, 2], encoderHiddenSize: 6, decoderHiddenSize: 6,
                decoderLayers: 2, maxSteps: 30, batchSize: 8, learningRate: 1e-2, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive { try TCN(inputSize: 6, horizon: 3, kernelSize: 3, dilations: [1, 2], encoderHiddenSize: 4,
                                  decoderHiddenSize: 4, decoderLayers: 1, maxSteps: 8, batchSize: 4, learningRate: 1e-2) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[2, 4, 4, 1], [2, 4, 4, 1, 0], [0, 4, 4, 1, 1]] {
      #expect(try WindowNetwork.make("TCN", c, bad) == nil)
    }
  }
}

extension TCNTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try TCN(inputSize: 8, horizon: 2, kernelSize: 0) }
    #expect(throws: ForecastError.self) { try TCN(inputSize: 8, horizon: 2, dilations: []) }
    #expect(throws: ForecastError.self) { try TCN(inputSize: 8, horizon: 2, dilations: [1, 0]) }
    #expect(throws: ForecastError.self) { try TCN(inputSize: 8, horizon: 2, decoderLayers: 0) }
  }
}
