import Testing
@testable import Forecasting

@Suite struct MLPTests {
  @Test func learnsAirPassengersAndBeatsNaive() throws {
    let air = try airPassengers()
    let train = try air.droppingLast(12), test = try air.lastRows(12).series[0].y
    let mlp = try MLP(inputSize: 24, horizon: 12, hiddenSize: 32, numLayers: 2, maxSteps: 400, batchSize: 16,
                  learningRate: 3e-3, scaler: .standard)
    mlp.seed = 11
    var steps = 0
    try mlp.fit(train, progress: { p in
      steps += 1
      #expect(p.model == "MLP" && p.totalSteps == 400 && p.step == steps)
    })
    #expect(steps == 400 && mlp.lossHistory.count == 400)
    let early = mlp.lossHistory.prefix(20).reduce(0, +) / 20, late = mlp.lossHistory.suffix(20).reduce(0, +) / 20
    #expect(late < 0.5 * early)
    let f = try mlp.forecast(train, h: 12, levels: [])[0].mean
    let naive = try Naive().forecast(train, h: 12, levels: [])[0].mean
    let maeMLP = try Metrics.mae(test, f), maeNaive = try Metrics.mae(test, naive)
    #expect(maeMLP < 0.6 * maeNaive)
    // A shorter horizon is the prefix of the full one.
    #expect(try mlp.forecast(train, h: 5, levels: [])[0].mean == Array(f.prefix(5)))
  }

  @Test func sameSeedSameModelDifferentSeedDifferentModel() throws {
    let f = try twoSeries(40)
    func fitted(_ seed: UInt64, _ loss: MLP.Loss, _ scaler: ScalerKind) throws -> MLP {
      let m = try MLP(inputSize: 8, horizon: 4, hiddenSize: 8, numLayers: 1, maxSteps: 60, batchSize: 8, learningRate: 1e-2,
                  scaler: scaler, loss: loss)
      m.seed = seed
      try m.fit(f, progress: nil)
      return m
    }
    for (loss, scaler) in [(MLP.Loss.mae, ScalerKind.robust), (.mse, .minMax), (.mae, .identity)] {
      let a = try fitted(5, loss, scaler), b = try fitted(5, loss, scaler), c = try fitted(6, loss, scaler)
      #expect(a.weights == b.weights && a.weights != c.weights)
      #expect(a.lossHistory.suffix(5).reduce(0, +) < a.lossHistory.prefix(5).reduce(0, +))
    }
    let m = try MLP(inputSize: 3, horizon: 2, hiddenSize: 5, numLayers: 2)
    #expect(m.layerSizes == [3, 5, 5, 2] && m.parameterCount == 3 * 5 + 5 + 5 * 5 + 5 + 5 * 2 + 2)
  }

  @Test func gradientsMatchFiniteDifferences() throws {
    // One MSE step with a tiny learning rate moves the loss by ≈ −lr·|g|₁-ish; instead compare the
    // analytic gradient implied by the first Adam step (sign of the update) with finite differences.
    let f = try SeriesFrame(id: "s", freq: .days(1), start: ts("2020-01-01"), y: (0..<12).map { Double($0 * $0 % 7) })
    let m = try MLP(inputSize: 4, horizon: 2, hiddenSize: 3, numLayers: 2, maxSteps: 1, batchSize: 1, learningRate: 1e-6,
                scaler: .identity, loss: .mse)
    m.seed = 3
    // Reconstruct the initial weights and the sampled window with the same generator.
    var rng = ForecastRandom(seed: 3)
    m.initialise(&rng)
    let w0 = m.weights, b0 = m.biases
    let windows = try Windows(f, inputSize: 4, horizon: 2)
    let i = rng.below(windows.count)
    let x = windows.input(i), t = windows.target(i)
    let probe = try MLP(inputSize: 4, horizon: 2, hiddenSize: 3, numLayers: 2, scaler: .identity)
    func loss(_ w: [[Double]], _ b: [[Double]]) -> Double {
      probe.setState(w, b)
      let o = probe.forward(x)[3]
      return ((o[0] - t[0]) * (o[0] - t[0]) + (o[1] - t[1]) * (o[1] - t[1])) / 2
    }
    try m.fit(f, progress: nil)
    // Adam's first step is −lr·sign(g) (for |g| ≫ ε): compare the signs with finite differences.
    var checked = 0
    for l in 0..<3 {
      for k in w0[l].indices {
        var wp = w0, wm = w0
        wp[l][k] += 1e-6
        wm[l][k] -= 1e-6
        let g = (loss(wp, b0) - loss(wm, b0)) / 2e-6
        guard abs(g) > 1e-3 else { continue }
        let moved = m.weights[l][k] - w0[l][k]
        #expect((moved < 0) == (g > 0))
        checked += 1
      }
    }
    #expect(checked > 10)
  }

  @Test func multiQuantileLossGivesOrderedCalibratedIntervals() throws {
    let air = try airPassengers()
    let train = try air.droppingLast(12), test = try air.lastRows(12).series[0].y
    let mlp = try MLP(inputSize: 24, horizon: 12, hiddenSize: 32, numLayers: 2, maxSteps: 400, batchSize: 16,
                  learningRate: 3e-3, scaler: .standard, levels: [95, 50])
    mlp.seed = 4
    #expect(close(mlp.quantiles, [0.025, 0.25, 0.5, 0.75, 0.975], rel: 1e-14) && mlp.levels == [50, 95])
    #expect(mlp.layerSizes.last == 60)
    try mlp.fit(train, progress: nil)
    let early = mlp.lossHistory.prefix(20).reduce(0, +) / 20, late = mlp.lossHistory.suffix(20).reduce(0, +) / 20
    #expect(late < 0.5 * early)
    let f = try mlp.forecast(train, h: 12, levels: [50, 95])[0]
    let i50 = f.interval(50)!, i95 = f.interval(95)!
    for j in 0..<12 { #expect(i95.lo[j] <= i50.lo[j] && i50.lo[j] <= f.mean[j] && f.mean[j] <= i50.hi[j] && i50.hi[j] <= i95.hi[j]) }
    let naive = try Naive().forecast(train, h: 12, levels: [])[0].mean
    #expect(try Metrics.mae(test, f.mean) < (try Metrics.mae(test, naive)))
    #expect(try Metrics.coverage(test, lo: i95.lo, hi: i95.hi) >= 0.75)
    #expect(try mlp.forecast(train, h: 12, levels: [])[0].intervals.isEmpty)
    #expect(throws: ForecastError.invalidArgument("MLP was not trained for level 80.0")) {
      try mlp.forecast(train, h: 12, levels: [80])
    }
    // A point MLP ignores requested levels (no intervals of its own), like WindowAverage.
    let point = try MLP(inputSize: 4, horizon: 2, hiddenSize: 4, numLayers: 1, maxSteps: 3)
    try point.fit(train, progress: nil)
    #expect(try point.forecast(train, h: 2, levels: [80])[0].intervals.isEmpty)
  }

  @Test func learnsFromHistoricalAndStaticExogenousColumns() throws {
    // y_t = 50 + s·10·x_{t−2} + small noise, x random, s = ±1 a static of the series: the next two
    // values depend on x in the input window and on s, so only the exogenous network can learn them.
    var rng = ForecastRandom(seed: 8)
    var series: [Series] = []
    for (id, sign) in [("up", 1.0), ("down", -1.0)] {
      let n = 160
      let x = (0..<n).map { _ in rng.unit() * 2 - 1 }
      let y = (0..<n).map { t in 50 + (t >= 2 ? sign * 10 * x[t - 2] : 0) + 0.05 * (rng.unit() - 0.5) }
      let ds = (0..<n).map { Frequency.days(1).advance(ts("2020-01-01"), by: $0) }
      series.append(Series(id: id, ds: ds, y: y, historical: [x], statics: [sign]))
    }
    let frame = try SeriesFrame(freq: .days(1), series: series, historicalNames: ["x"], staticNames: ["sign"])
    let train = try frame.droppingLast(2)
    func fitted(_ exogenous: Bool) throws -> MLP {
      let m = try MLP(inputSize: 6, horizon: 2, hiddenSize: 32, numLayers: 2, maxSteps: 1000, batchSize: 16,
                  learningRate: 3e-3, scaler: .standard, loss: .mse, exogenous: exogenous)
      m.seed = 2
      try m.fit(train, progress: nil)
      return m
    }
    let with = try fitted(true), without = try fitted(false)
    #expect(with.historicalCount == 1 && with.staticCount == 1 && with.layerSizes[0] == 6 * 2 + 1)
    #expect(without.historicalCount == 0 && without.layerSizes[0] == 6)
    func error(_ m: MLP) throws -> Double {
      // Mean absolute error over the last 20 two-step forecasts of both series.
      var total = 0.0
      for cut in stride(from: 140, to: 158, by: 1) {
        let history = try frame.droppingLast(160 - cut)
        let f = try m.forecast(history, h: 2, levels: [])
        for k in 0..<2 { total += try Metrics.mae(Array(frame.series[k].y[cut..<(cut + 2)]), f[k].mean) }
      }
      return total / 36
    }
    let eWith = try error(with), eWithout = try error(without)
    #expect(eWith < 0.4 * eWithout)
    #expect(ModelArchive.save(try ModelArchive.load(ModelArchive.save(with))) == ModelArchive.save(with))
    // Frames without the columns, or with NaN in them, are rejected.
    let plain = try SeriesFrame(freq: .days(1), series: series.map { Series(id: $0.id, ds: $0.ds, y: $0.y) })
    #expect(throws: ForecastError.invalidArgument("MLP was fitted with 1 historical and 1 static columns")) {
      try with.forecast(plain, h: 2, levels: [])
    }
    var holes = frame
    holes.series[1].historical[0][5] = .nan
    #expect(throws: ForecastError.missingValue(id: "down", index: 5)) { try with.forecast(holes, h: 2, levels: []) }
    var noStatic = frame
    noStatic.series[0].statics[0] = .nan
    #expect(throws: ForecastError.missingValue(id: "up", index: 0)) { try with.forecast(noStatic, h: 2, levels: []) }
  }

  @Test func badUse() throws {
    let f = try twoSeries(10)
    let m = try MLP(inputSize: 8, horizon: 4)
    #expect(throws: ForecastError.notFitted("MLP")) { try m.forecast(f, h: 1, levels: []) }
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 12, actual: 10)) { try m.fit(f, progress: nil) }
    m.maxSteps = 0
    #expect(throws: ForecastError.invalidArgument("MLP needs maxSteps, batchSize >= 1 and a positive learning rate")) {
      try m.fit(f, progress: nil)
    }
    let small = try MLP(inputSize: 2, horizon: 2, hiddenSize: 2, numLayers: 1, maxSteps: 2)
    try small.fit(f, progress: nil)
    #expect(throws: ForecastError.invalidArgument("MLP was trained for 2 steps, asked for 3")) {
      try small.forecast(f, h: 3, levels: [])
    }
    let one = try SeriesFrame(id: "o", freq: .quarters, start: ts("2000-01-01"), y: [1])
    #expect(throws: ForecastError.seriesTooShort(id: "o", needed: 2, actual: 1)) { try small.forecast(one, h: 1, levels: []) }
    let bc = try MLP(inputSize: 2, horizon: 2, hiddenSize: 2, numLayers: 1, maxSteps: 2, scaler: .boxCox(lambda: 0, seasonLength: 1))
    #expect(throws: ForecastError.invalidArgument("Box-Cox is not a window scaler")) { try bc.fit(f, progress: nil) }
  }
}

extension MLPTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    #expect(throws: ForecastError.self) { try MLP(inputSize: 0, horizon: 2) }
    #expect(throws: ForecastError.self) { try MLP(inputSize: 4, horizon: 0) }
    #expect(throws: ForecastError.self) { try MLP(inputSize: 4, horizon: 2, hiddenSize: 0) }
    #expect(throws: ForecastError.self) { try MLP(inputSize: 4, horizon: 2, numLayers: 0) }
    #expect(throws: ForecastError.self) { try MLP(inputSize: 4, horizon: 2, numLayers: 65) }
    #expect(throws: ForecastError.self) { try MLP(inputSize: 4, horizon: 2, levels: [80, 120]) }
  }
}
