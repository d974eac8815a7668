import Testing
@testable import Forecasting

@Suite struct PatchTSTTests {
  @Test func learnsAirPassengers() throws {
    let m = try PatchTST(inputSize: 24, horizon: 12, patchLength: 8, stride: 4, encoderLayers: 1, heads: 2, hiddenSize: 16,
                     linearHiddenSize: 32, dropout: 0.1, maxSteps: 150, batchSize: 16, learningRate: 3e-3, scaler: .standard)
    m.seed = 2
    let s = try airPassengersScore(m)
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func patchesRepeatTheLastValue() throws {
    // inputSize 5, patch 3, stride 2: N = ⌊(5 − 3)/2⌋ + 2 = 3 patches: [0,1,2], [2,3,4], [4,4,4].
    let m = try PatchTST(inputSize: 5, horizon: 1, patchLength: 3, stride: 2, heads: 1, hiddenSize: 4)
    #expect(m.patchCount == 3)
    let a = m.patchMatrix, w = 9
    let read: [Int] = (0..<w).map { c in (0..<5).first { a[$0 * w + c] == 1 }! }
    #expect(read == [0, 1, 2, 2, 3, 4, 4, 4, 4])
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try PatchTST(inputSize: 12, horizon: 4, patchLength: 4, stride: 4, encoderLayers: 1, heads: 2, hiddenSize: 4,
                     linearHiddenSize: 8, dropout: 0, maxSteps: 30, batchSize: 8, learningRate: 1e-2, scaler: .standard,
                     levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive { try PatchTST(inputSize: 8, horizon: 3, patchLength: 4, stride: 2, encoderLayers: 2, heads: 2,
                                       hiddenSize: 4, linearHiddenSize: 8, dropout: 0.1, maxSteps: 8, batchSize: 4,
                                       learningRate: 1e-2) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[4, 2, 1, 2, 4, 8], [9, 2, 1, 2, 4, 8, 0], [4, 2, 1, 3, 4, 8, 0]] {
      #expect(try WindowNetwork.make("PatchTST", c, bad) == nil)
    }
  }
}

extension PatchTSTTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try PatchTST(inputSize: 8, horizon: 2, patchLength: 9) }
    #expect(throws: ForecastError.self) { try PatchTST(inputSize: 8, horizon: 2, patchLength: 4, stride: 0) }
    #expect(throws: ForecastError.self) { try PatchTST(inputSize: 8, horizon: 2, patchLength: 4, heads: 3, hiddenSize: 8) }
    #expect(throws: ForecastError.self) { try PatchTST(inputSize: 8, horizon: 2, patchLength: 4, heads: 0) }
    #expect(throws: ForecastError.self) { try PatchTST(inputSize: 8, horizon: 2, patchLength: 4, dropout: 1) }
  }
}
