import Testing
import Neural
@testable import Forecasting

@Suite struct TimesNetTests {
  @Test func learnsAirPassengers() throws {
    let m = try TimesNet(inputSize: 24, horizon: 12, hiddenSize: 8, convHiddenSize: 8, topK: 2, numKernels: 2,
                         encoderLayers: 1, dropout: 0, maxSteps: 150, batchSize: 16, learningRate: 3e-3)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func blockFindsTheDominantPeriod() throws {
    // Frequency 0 is never a period; the others rank by amplitude (T = 24: frequency 4 is period 6).
    var amplitude = [Float](repeating: 0.1, count: 13)
    amplitude[0] = 9
    amplitude[4] = 5
    amplitude[8] = 2
    #expect(TimesBlock.topFrequencies(amplitude, count: 2) == [4, 8])
    var rng = NeuralRandom(seed: 1)
    let block = TimesBlock(hiddenSize: 2, convHiddenSize: 3, topK: 2, kernels: 2, using: &rng)
    let g = Graph()
    let wave = (0..<48).map { i in Float(((i / 2) % 6) < 3 ? 1 : -1) }      // [2, 12, 2], period 6
    let x = g.constant(Tensor(shape: Shape(2, 12, 2), scalars: wave))
    let y = try block(x, in: g)
    #expect(y.shape == Shape(2, 12, 2))
    try g.backward(try g.mean(try g.apply(.square, y)))
    for p in block.parameters { #expect(p.grad.scalars.contains { $0 != 0 }) }
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try TimesNet(inputSize: 12, horizon: 4, hiddenSize: 4, convHiddenSize: 4, topK: 2, numKernels: 2,
                         encoderLayers: 1, dropout: 0, maxSteps: 20, batchSize: 8, learningRate: 1e-2, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try TimesNet(inputSize: 8, horizon: 3, hiddenSize: 4, convHiddenSize: 4, topK: 2, numKernels: 2, encoderLayers: 2,
                   dropout: 0.1, maxSteps: 6, batchSize: 4, learningRate: 1e-2)
    }
  }

  @Test func badArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 4, horizon: 2, topK: 4) }
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 8, horizon: 2, topK: 0) }
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 8, horizon: 2, numKernels: 0) }
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 8, horizon: 2, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 8, horizon: 2, encoderLayers: 0) }
    #expect(throws: ForecastError.self) { try TimesNet(inputSize: 8, horizon: 2, dropout: 1) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    #expect(try WindowNetwork.make("TimesNet", c, [4, 4, 2, 2, 1]) == nil)
    #expect(throws: ForecastError.self) { try WindowNetwork.make("TimesNet", c, [4, 4, 9, 2, 1, 0]) }
  }
}
