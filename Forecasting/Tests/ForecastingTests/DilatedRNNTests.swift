import Neural
import Testing
@testable import Forecasting

@Suite struct DilatedRNNTests {
  @Test func learnsAirPassengers() throws {
    let m = try DilatedRNN(inputSize: 24, horizon: 12, cell: .gru, dilations: [[1, 2], [4]], encoderHiddenSize: 16,
                           decoderHiddenSize: 16, decoderLayers: 1, maxSteps: 150, batchSize: 16, learningRate: 1e-2)
    m.seed = 2
    let s = try covariateScore(m, try airPassengers())
    #expect(s.model < 0.8 * s.naive)
  }

  /// A layer of dilation d equals running the cell separately on each of the d interleaved
  /// sub-sequences (the definition), including a length that d does not divide.
  @Test func dilationInterleavesSubsequences() throws {
    var rng = NeuralRandom(seed: 4)
    let rnn = Recurrent(.lstm, inputSize: 2, hiddenSize: 3, layers: 1, using: &rng)
    let t = 7, d = 3
    let xs = (0..<(2 * t * 2)).map { Float($0 % 5) / 5 - 0.3 }
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(2, t, 2), scalars: xs))
    let y = try g.value(try DilatedRNN.dilated(rnn, x, dilation: d, in: g))
    #expect(y.shape == Shape(2, t, 3))
    for b in 0..<2 {
      for phase in 0..<d {
        let steps = Array(stride(from: phase, to: t, by: d))
        var sub: [Float] = []
        for s in steps { sub += xs[((b * t + s) * 2)..<((b * t + s) * 2 + 2)] }
        let ref = try g.value(try rnn(g.constant(Tensor(shape: Shape(1, steps.count, 2), scalars: sub)), in: g).output)
        for (k, s) in steps.enumerated() {
          for c in 0..<3 { #expect(abs(y.scalars[(b * t + s) * 3 + c] - ref.scalars[k * 3 + c]) < 1e-5) }
        }
      }
    }
  }

  @Test func exogenousQuantilesSeedsArchivesAndBadArguments() throws {
    let air = try airWithCalendar()
    let train = try air.droppingLast(4), next = try air.lastRows(4)
    let m = try DilatedRNN(inputSize: 12, horizon: 4, cell: .lstm, dilations: [[1], [2, 4]], encoderHiddenSize: 6,
                           decoderHiddenSize: 6, decoderLayers: 2, maxSteps: 30, batchSize: 8, learningRate: 1e-2,
                           levels: [80])
    try m.fit(train, progress: nil)
    #expect(m.futureCount == 2 && m.staticCount == 1)
    let f = try m.forecast(train, future: next, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkCovariateArchive(train, future: next) {
      try DilatedRNN(inputSize: 6, horizon: 3, cell: .rnn, dilations: [[1, 2]], encoderHiddenSize: 4, decoderHiddenSize: 4,
                     decoderLayers: 1, maxSteps: 8, batchSize: 4, learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try DilatedRNN(inputSize: 6, horizon: 3, dilations: []) }
    #expect(throws: ForecastError.self) { try DilatedRNN(inputSize: 6, horizon: 3, dilations: [[1, 0]]) }
    #expect(throws: ForecastError.self) { try DilatedRNN(inputSize: 6, horizon: 3, encoderHiddenSize: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[3, 4, 4, 1, 1, 1, 1, 0, 0, 0, 0], [1, 4, 4, 1, 1, 2, 1, 0, 0, 0, 0], [1, 4, 4, 1, 0, 0, 0, 0, 0],
                          [1, 4, 4, 1, 1, 1, 0, 0, 0, 0, 0], [1, 4, 4, 1, 0, 0, 0]] {
      #expect(try WindowNetwork.make("DilatedRNN", c, bad) == nil)
    }
    #expect(try WindowNetwork.make("DilatedRNN", c, [1, 4, 4, 1, 2, 1, 2, 1, 2, 4, 0, 0, 0, 0]) != nil)
  }
}
