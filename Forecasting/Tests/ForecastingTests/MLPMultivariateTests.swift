import Neural
import Testing
@testable import Forecasting

@Suite struct MLPMultivariateTests {
  @Test func learnsAPanel() throws {
    let m = try MLPMultivariate(inputSize: 24, horizon: 12, nSeries: 2, hiddenSize: 64, maxSteps: 300, batchSize: 16,
                                learningRate: 1e-3, scaler: .standard)
    m.seed = 3
    let s = try covariateScore(m, try airPanel())
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let panel = try airPanel()
    let m = try MLPMultivariate(inputSize: 12, horizon: 4, nSeries: 2, hiddenSize: 16, maxSteps: 40, batchSize: 8,
                                learningRate: 1e-2, scaler: .standard, levels: [80])
    try m.fit(panel, progress: nil)
    let f = try m.forecast(panel, h: 4, levels: [80])
    #expect(f.count == 2)
    for s in f {
      let i = try #require(s.interval(80))
      for j in 0..<4 { #expect(i.lo[j] <= s.mean[j] && s.mean[j] <= i.hi[j]) }
    }
    // Histories must hold the panel's series and end together.
    var short = panel
    short.series.removeLast()
    #expect(throws: ForecastError.self) { try m.forecast(short, h: 4, levels: []) }
    var shifted = panel
    shifted.series[1] = shifted.series[1].prefix(140)
    #expect(throws: ForecastError.self) { try m.forecast(shifted, h: 4, levels: []) }
    try checkCovariateArchive(try airWithCalendarPanel(), future: nil) {
      try MLPMultivariate(inputSize: 6, horizon: 3, nSeries: 2, hiddenSize: 8, numLayers: 2, maxSteps: 8, batchSize: 4,
                          learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try MLPMultivariate(inputSize: 6, horizon: 3, nSeries: 2, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try MLPMultivariate(inputSize: 6, horizon: 3, nSeries: 2, numLayers: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[2, 8, 1], [0, 8, 1, 0, 0, 0, 0], [2, 8, 1, 1, 0, 0, 5000], [2, 8, 0.5, 0, 0, 0, 0]] {
      #expect(try WindowNetwork.make("MLPMultivariate", c, bad) == nil)
    }
  }
}

/// A two-series panel with a historical and a static column (no future columns).
func airWithCalendarPanel() throws -> SeriesFrame {
  let p = try airPanel()
  let s = p.series.enumerated().map { k, s in
    Series(id: s.id, ds: s.ds, y: s.y, historical: [s.y.map { $0 / 100 }], statics: [Double(k)])
  }
  return try SeriesFrame(freq: .months, series: s, historicalNames: ["scaled"], staticNames: ["k"])
}
