import Testing
@testable import Forecasting

@Suite struct NHITSTests {
  @Test func learnsAirPassengers() throws {
    let m = try NHITS(inputSize: 24, horizon: 12, hiddenSize: 32, numLayers: 1, maxSteps: 200, batchSize: 16,
                  learningRate: 3e-3, scaler: .standard)
    m.seed = 5
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func poolingAndInterpolationMatrices() {
    // Kernel 2 over 5 values: windows {0,1}, {2,3}, {4} (ceil mode).
    let p = NHITS.poolingMatrix(inputSize: 5, kernel: 2)
    let expected: [Double] = [0.5, 0, 0, 0.5, 0, 0, 0, 0.5, 0, 0, 0.5, 0, 0, 0, 1]
    #expect(p == expected)
    // PyTorch: F.interpolate(tensor([[[0., 1.]]]), size=4, mode="linear") = [0, 0.25, 0.75, 1].
    let m = NHITS.interpolationMatrix(knots: 2, horizon: 4)
    let out: [Double] = (0..<4).map { t in m[4 + t] }
    #expect(out == [0, 0.25, 0.75, 1])
    // One knot: a constant.
    #expect(NHITS.interpolationMatrix(knots: 1, horizon: 3) == [1, 1, 1])
  }

  @Test func quantilesSeedsAndArchives() throws {
    let air = try airPassengers()
    let m = try NHITS(inputSize: 12, horizon: 4, hiddenSize: 8, numLayers: 1, maxSteps: 40, batchSize: 8,
                  learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkSeedAndArchive {
      try NHITS(inputSize: 9, horizon: 3, poolKernels: [3, 1], downsampling: [2, 1], blocksPerStack: 2, hiddenSize: 6,
            numLayers: 1, maxSteps: 10, batchSize: 4, learningRate: 1e-2)
    }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[1, 8, 1, 2, 0], [1, 8, 1, 2], [0, 8, 1, 2, 2]] {
      #expect(try WindowNetwork.make("NHITS", c, bad) == nil)
    }
    #expect(try WindowNetwork.make("Unknown", c, []) == nil)
  }
}

extension NHITSTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try NHITS(inputSize: 8, horizon: 2, poolKernels: [], downsampling: []) }
    #expect(throws: ForecastError.self) { try NHITS(inputSize: 8, horizon: 2, poolKernels: [2, 1], downsampling: [1]) }
    #expect(throws: ForecastError.self) { try NHITS(inputSize: 8, horizon: 2, poolKernels: [0], downsampling: [1]) }
    #expect(throws: ForecastError.self) { try NHITS(inputSize: 8, horizon: 2, hiddenSize: 0) }
  }
}
