import Testing
@testable import Forecasting

/// Fits `model` on AirPassengers without its last year; returns its MAE and Naive's on that year.
func airPassengersScore(_ model: WindowNetwork) throws -> (model: Double, naive: Double, seasonalNaive: Double) {
  let air = try airPassengers()
  let train = try air.droppingLast(12), test = try air.lastRows(12).series[0].y
  var steps = 0
  try model.fit(train, progress: { p in
    steps += 1
    #expect(p.model == model.alias && p.step == steps && p.totalSteps == model.maxSteps)
  })
  #expect(steps == model.maxSteps && model.lossHistory.count == model.maxSteps)
  let n = min(20, model.maxSteps / 4)
  let early = model.lossHistory.prefix(n).reduce(0, +), late = model.lossHistory.suffix(n).reduce(0, +)
  #expect(late < 0.7 * early)
  let f = try model.forecast(train, h: 12, levels: [])[0].mean
  #expect(try model.forecast(train, h: 5, levels: [])[0].mean == Array(f.prefix(5)))
  let naive = try Naive().forecast(train, h: 12, levels: [])[0].mean
  let seasonal = try SeasonalNaive(seasonLength: 12).forecast(train, h: 12, levels: [])[0].mean
  let score = (model: try Metrics.mae(test, f), naive: try Metrics.mae(test, naive), seasonalNaive: try Metrics.mae(test, seasonal))
  print("AirPassengers 1960 MAE: \(model.alias) \(score.model), Naive \(score.naive), SeasonalNaive \(score.seasonalNaive)")
  #expect(score.model < score.seasonalNaive)     // every zoo model also beats SeasonalNaive(12) on 1960
  return score
}

/// Same seed → same parameters; a saved model forecasts what the original does.
func checkSeedAndArchive(_ make: () throws -> WindowNetwork) throws {
  let f = try twoSeries(40)
  let a = try make(), b = try make(), c = try make()
  c.seed = a.seed + 1
  for m in [a, b, c] { try m.fit(f, progress: nil) }
  #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
  #expect(a.parameters.map(\.value) != c.parameters.map(\.value))
  let restored = try ModelArchive.load(ModelArchive.save(a))
  #expect(try restored.forecast(f, h: 3, levels: []) == a.forecast(f, h: 3, levels: []))
  let unfitted = try ModelArchive.load(ModelArchive.save(make()))
  #expect(throws: ForecastError.self) { try unfitted.forecast(f, h: 3, levels: []) }
  #expect(throws: ForecastError.self) { try a.forecast(f, h: a.horizon + 1, levels: []) }
  #expect(throws: ForecastError.self) { try a.forecast(f, h: 0, levels: []) }
}

@Suite struct LinearModelsTests {
  @Test func dLinearLearnsAirPassengers() throws {
    let m = try DLinear(inputSize: 24, horizon: 12, movingAverageWindow: 25, maxSteps: 300, batchSize: 16,
                    learningRate: 1e-2, scaler: .standard)
    m.seed = 3
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func nLinearLearnsAirPassengers() throws {
    let m = try NLinear(inputSize: 24, horizon: 12, maxSteps: 300, batchSize: 16, learningRate: 1e-2, scaler: .standard)
    m.seed = 3
    let s = try airPassengersScore(m)
    #expect(s.model < 0.6 * s.naive)
  }

  @Test func movingAverageRepeatsTheEdges() throws {
    let m = try DLinear(inputSize: 4, horizon: 1, movingAverageWindow: 3)
    let a = m.movingAverageMatrix
    // trend[0] = (x0 + x0 + x1)/3, trend[3] = (x2 + x3 + x3)/3, columns sum to 1.
    #expect(close(a[0 * 4 + 0], 2.0 / 3) && close(a[1 * 4 + 0], 1.0 / 3))
    #expect(close(a[3 * 4 + 3], 2.0 / 3) && close(a[2 * 4 + 3], 1.0 / 3))
    for t in 0..<4 { #expect(close((0..<4).reduce(0) { $0 + a[$1 * 4 + t] }, 1)) }
  }

  @Test func quantileOutputsGiveOrderedIntervals() throws {
    let air = try airPassengers()
    let m = try DLinear(inputSize: 24, horizon: 6, movingAverageWindow: 5, maxSteps: 150, batchSize: 16,
                    learningRate: 1e-2, scaler: .standard, levels: [80, 95])
    #expect(close(m.quantiles, [0.025, 0.1, 0.5, 0.9, 0.975], rel: 1e-12, abs: 1e-12) && m.outputCount == 5)
    try m.fit(air, progress: nil)
    let f = try m.forecast(air, h: 6, levels: [80, 95])[0]
    let i80 = try #require(f.interval(80)), i95 = try #require(f.interval(95))
    for j in 0..<6 {
      #expect(i95.lo[j] <= i80.lo[j] && i80.lo[j] <= f.mean[j] && f.mean[j] <= i80.hi[j] && i80.hi[j] <= i95.hi[j])
    }
    #expect(i95.hi[0] > i95.lo[0])
    #expect(throws: ForecastError.self) { try m.forecast(air, h: 6, levels: [50]) }
  }

  @Test func seedsAndArchives() throws {
    try checkSeedAndArchive { try DLinear(inputSize: 8, horizon: 3, movingAverageWindow: 3, maxSteps: 20, batchSize: 4, learningRate: 1e-2) }
    try checkSeedAndArchive { try NLinear(inputSize: 8, horizon: 3, maxSteps: 20, batchSize: 4, learningRate: 1e-2, scaler: .robust) }
  }

  @Test func badInputIsATypedError() throws {
    let f = try twoSeries(10)
    for m in [try DLinear(inputSize: 8, horizon: 4, movingAverageWindow: 3), try NLinear(inputSize: 8, horizon: 4)] {
      #expect(throws: ForecastError.self) { try m.fit(f, progress: nil) }   // windows need 12 values
      #expect(throws: ForecastError.notFitted(m.alias)) { try m.forecast(f, h: 1, levels: []) }
      m.maxSteps = 0
      #expect(throws: ForecastError.self) { try m.fit(try twoSeries(30), progress: nil) }
    }
    let box = try NLinear(inputSize: 4, horizon: 2, scaler: .boxCox(lambda: 0.5, seasonLength: 12))
    #expect(throws: ForecastError.self) { try box.fit(try twoSeries(30), progress: nil) }
    let exploding = try NLinear(inputSize: 4, horizon: 2, maxSteps: 5, learningRate: 1e38)
    #expect(throws: ForecastError.self) { try exploding.fit(try twoSeries(30), progress: nil) }
    var w = ArchiveWriter()
    w.begin("DLinear", alias: "d", seed: 1)
    for (k, v) in [("inputSize", 4), ("horizon", 2), ("maxSteps", 1), ("batchSize", 1)] { w.int(k, v) }
    w.real("learningRate", 0.1)
    w.int("scaler", 1)
    w.reals("levels", [])
    w.reals("config", [4])    // even kernel
    w.int("fitted", 0)
    w.end()
    #expect(throws: ForecastError.self) { try ModelArchive.load(w.text) }
  }
}

extension LinearModelsTests {
  @Test func invalidConstructorArgumentsThrow() throws {
    // WindowNetwork.init validates what every window network shares.
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 0, horizon: 2) }
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 4, horizon: 0) }
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 1 << 17, horizon: 2) }
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 4, horizon: 1 << 17) }
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 4, horizon: 2, levels: [100]) }
    #expect(throws: ForecastError.self) { try NLinear(inputSize: 4, horizon: 2, levels: [0]) }
    #expect(throws: ForecastError.self) { try DLinear(inputSize: 4, horizon: 2, movingAverageWindow: 4) }
    #expect(throws: ForecastError.self) { try DLinear(inputSize: 4, horizon: 2, movingAverageWindow: 0) }
  }
}
