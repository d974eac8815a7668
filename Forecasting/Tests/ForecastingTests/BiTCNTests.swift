import Neural
import Testing
@testable import Forecasting

@Suite struct BiTCNTests {
  @Test func learnsAirPassengers() throws {
    let m = try BiTCN(inputSize: 24, horizon: 12, hiddenSize: 16, dropout: 0.1, maxSteps: 200, batchSize: 16,
                      learningRate: 5e-3, scaler: .standard)
    m.seed = 2
    let s = try covariateScore(m, try airPassengers())
    #expect(s.model < 0.8 * s.naive)
  }

  @Test func learnsAirPassengersWithCalendarColumns() throws {
    let m = try BiTCN(inputSize: 24, horizon: 12, hiddenSize: 16, dropout: 0.1, maxSteps: 200, batchSize: 16,
                      learningRate: 5e-3, scaler: .standard)
    m.seed = 2
    let s = try covariateScore(m, try airWithCalendar())
    #expect(m.futureInput != nil && m.futureCells.count == BiTCN.layers(36))
    #expect(s.model < 0.8 * s.naive)
  }

  /// The past branch never reads the future: changing the last input step leaves earlier steps'
  /// encodings unchanged; the future branch is anti-causal: changing the first step leaves later ones.
  @Test func branchesLookTheRightWay() throws {
    var rng = NeuralRandom(seed: 1)
    let cells = [BiTCNCell(2, dilation: 1, using: &rng), BiTCNCell(2, dilation: 2, using: &rng)]
    func encode(_ v: [Float], reversed: Bool) throws -> [Float] {
      let g = Graph()
      var h = g.constant(Tensor(shape: Shape(1, 5, 2), scalars: v))
      if reversed { h = try BiTCN.reversed(h, in: g) }
      var out: Var? = nil
      for c in cells { (h, out) = try c(h, out, dropout: 0, in: g) }
      return try g.value(reversed ? try BiTCN.reversed(out!, in: g) : out!).scalars
    }
    let a: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    let late: [Float] = Array(a.prefix(8)) + [-9, -10], early: [Float] = [-1, -2] + Array(a.suffix(8))
    #expect(Array(try encode(a, reversed: false).prefix(8)) == Array(try encode(late, reversed: false).prefix(8)))
    #expect(Array(try encode(a, reversed: true).suffix(8)) == Array(try encode(early, reversed: true).suffix(8)))
    #expect(try encode(a, reversed: true).prefix(2) != (try encode(early, reversed: true)).prefix(2))
    #expect(BiTCN.layers(1) == 1 && BiTCN.layers(24) == 5 && BiTCN.layers(32) == 5 && BiTCN.layers(33) == 6)
  }

  @Test func quantilesSeedsArchivesAndBadArguments() throws {
    let air = try airWithCalendar()
    let train = try air.droppingLast(4), next = try air.lastRows(4)
    let m = try BiTCN(inputSize: 12, horizon: 4, hiddenSize: 6, dropout: 0, maxSteps: 30, batchSize: 8, learningRate: 1e-2,
                      levels: [80])
    try m.fit(train, progress: nil)
    let f = try m.forecast(train, future: next, h: 4, levels: [80])[0]
    let i = try #require(f.interval(80))
    for j in 0..<4 { #expect(i.lo[j] <= f.mean[j] && f.mean[j] <= i.hi[j]) }
    try checkCovariateArchive(train, future: next) {
      try BiTCN(inputSize: 6, horizon: 3, hiddenSize: 4, dropout: 0.2, maxSteps: 8, batchSize: 4, learningRate: 1e-2)
    }
    #expect(throws: ForecastError.self) { try BiTCN(inputSize: 6, horizon: 3, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try BiTCN(inputSize: 6, horizon: 3, dropout: 1) }
    let c = WindowNetwork.Common(inputSize: 8, horizon: 3, maxSteps: 1, batchSize: 1, learningRate: 0.1,
                                 scaler: .identity, levels: [], alias: "x")
    for bad: [Double] in [[0, 0.1, 1, 0, 0, 0], [4, 1, 1, 0, 0, 0], [4.5, 0.1, 1, 0, 0, 0], [4, 0.1, 0, 1, 0, 0], [4, 0, 0]] {
      #expect(try WindowNetwork.make("BiTCN", c, bad) == nil)
    }
  }
}
