import Foundation
import Neural
import Testing
@testable import Forecasting

/// `airPanel()` with future calendar columns (sin and cos of the month) and a static column.
func airPanelWithCalendar() throws -> SeriesFrame {
  let p = try airPanel()
  let series = p.series.enumerated().map { k, s in
    let month = (0..<s.count).map { 2 * Double.pi * Double($0 % 12) / 12 }
    return Series(id: s.id, ds: s.ds, y: s.y, historical: [s.y.map { $0 / 100 }], future: [month.map(sin), month.map(cos)],
                  statics: [Double(k)])
  }
  return try SeriesFrame(freq: .months, series: series, historicalNames: ["scaled"], futureNames: ["sin", "cos"],
                         staticNames: ["k"])
}

@Suite struct TSMixerxTests {
  @Test func learnsAPanelWithExogenousColumns() throws {
    let m = try TSMixerx(inputSize: 24, horizon: 12, nSeries: 2, nBlock: 1, ffDim: 16, maxSteps: 200, batchSize: 16,
                         learningRate: 3e-3)
    m.seed = 2
    let s = try covariateScore(m, try airPanelWithCalendar())
    #expect(m.historicalCount == 1 && m.futureCount == 2 && m.staticCount == 1)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func mixersNormaliseOverStepsAndFeatures() throws {
    var rng = NeuralRandom(seed: 1)
    let t = TemporalMixer(steps: 3, features: 2, using: &rng)
    let f = FeatureMixer(steps: 3, input: 2, output: 4, ffDim: 5, using: &rng)
    let same = FeatureMixer(steps: 3, input: 2, output: 2, ffDim: 5, using: &rng)
    #expect(f.projection != nil && same.projection == nil)
    let g = Graph()
    let x = g.constant(Tensor(shape: Shape(2, 3, 2), scalars: (0..<12).map { Float($0) }))
    for y in [try t(x, dropout: 0, in: g), try f(x, dropout: 0, in: g)] {
      let v = try g.value(y)
      let per = v.shape.count / 2
      for b in 0..<2 {
        let row = v.scalars[(b * per)..<((b + 1) * per)]
        let mean = row.reduce(0, +) / Float(per)
        #expect(abs(mean) < 1e-4)                                // LayerNorm over all (H, C) values
      }
    }
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let panel = try airPanelWithCalendar()
    let train = try panel.droppingLast(4), next = try panel.lastRows(4)
    let m = try TSMixerx(inputSize: 12, horizon: 4, nSeries: 2, nBlock: 1, ffDim: 8, maxSteps: 30, batchSize: 8,
                         learningRate: 1e-2, levels: [80])
    try m.fit(train, progress: nil)
    for s in try m.forecast(train, future: next, h: 4, levels: [80]) {
      let i = try #require(s.interval(80))
      for j in 0..<4 { #expect(i.lo[j] <= s.mean[j] && s.mean[j] <= i.hi[j]) }
    }
    try checkCovariateArchive(train, future: next) {
      try TSMixerx(inputSize: 6, horizon: 3, nSeries: 2, nBlock: 2, ffDim: 4, dropout: 0.1, maxSteps: 8, batchSize: 4,
                   learningRate: 1e-2)
    }
    try checkCovariateArchive(try airPanel(), future: nil) {
      try TSMixerx(inputSize: 6, horizon: 3, nSeries: 2, nBlock: 1, ffDim: 4, revin: false, maxSteps: 8, batchSize: 4,
                   learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try TSMixerx(inputSize: 6, horizon: 3, nSeries: 2, dropout: -0.1) }
    #expect(throws: ForecastError.self) { try TSMixerx(inputSize: 6, horizon: 3, nSeries: 2, ffDim: 0) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[2, 2, 8, 0.1, 3, 1, 0, 0, 0], [2, 0, 8, 0.1, 1, 1, 0, 0, 0], [2, 2, 8, 0.1, 1, 0, 1, 0, 0],
                          [2, 2, 8, 1]] {
      #expect(try WindowNetwork.make("TSMixerx", c, bad) == nil)
    }
  }
}
