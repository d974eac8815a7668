// CovariateNetwork: the window networks that read more than one univariate window — exogenous
// columns (NeuralForecast's `hist_exog_list`, `futr_exog_list`, `stat_exog_list`) and/or several
// series at once (NeuralForecast's multivariate models, `n_series`).
//
// Purpose: `WindowNetwork` feeds a network the scaled target window `[B, L]` only. The models of
// this group (NBEATSx, TSMixer, TSMixerx, MLPMultivariate, DilatedRNN, BiTCN, DeepNPTS, KAN) take
// NeuralForecast's full `windows_batch` instead, laid out exactly as NeuralForecast lays it out, so
// each model's forward pass ports line by line:
//
// | input | univariate model | multivariate model (N series) |
// |---|---|---|
// | target window `y` | `[B, L]` | `[B, L, N]` |
// | historical exogenous | `[B, L, X]` | `[B, X, L, N]` |
// | future exogenous (window + horizon) | `[B, L + H, F]` | `[B, F, L + H, N]` |
// | static exogenous | `[B, S]` | `[N, S]` |
// | output | `[B, H, Q]` | `[B, H, N, Q]` |
//
// Everything else is `WindowNetwork`'s set-up, unchanged: Adam, seeded batches drawn with
// replacement, MAE or multi-quantile loss, sorted quantiles, archives (the exogenous column counts
// seen at `fit` are appended to the model's configuration).
// Invariants:
// - scaling (NeuralForecast's TemporalNorm): each series' target window is scaled by a scaler of
//   `scaler`'s kind fitted to that window; each historical column by its own scaler fitted to its
//   window; each future column by a scaler fitted to its window part, applied to window and horizon;
//   statics as they are. Outputs are mapped back by the target window's scaler.
// - a univariate model's examples are every (window, horizon) of every series (step 1); a
//   multivariate model's examples are the time offsets of its N series, which must be aligned (same
//   start, same length) and come in the same order at `fit` and forecast time.
// - future exogenous values of the horizon come from `forecast(_:future:h:levels:)`'s `future` frame
//   (NeuralForecast's `futr_df`); the protocol's `forecast(_:h:levels:)` has none to give and is a
//   typed error for a model fitted with future columns.
import Neural

/// One batch of a ``CovariateNetwork``, in NeuralForecast's layout (see the file header).
struct CovariateBatch {
  var y: Var
  var historical: Var?
  var future: Var?
  var statics: Var?
}

/// One example, scaled: every series' window (one series for a univariate model).
struct CovariateSample {
  /// `N·L`, index `n·L + t`.
  var y: [Float] = []
  /// `N·H`, index `n·H + j` (empty at forecast time).
  var target: [Float] = []
  /// `N·X·L`, index `(n·X + x)·L + t`.
  var historical: [Float] = []
  /// `N·F·(L+H)`, index `(n·F + f)·(L+H) + t`.
  var future: [Float] = []
  /// `N·S`.
  var statics: [Float] = []
  /// The target window's scaler of each series.
  var scalers: [Scaler] = []
}

/// The base of the window networks with exogenous inputs or several series per example.
///
/// Not used directly: ``NBEATSx``, ``TSMixer``, ``TSMixerx``, ``MLPMultivariate``, ``DilatedRNN``,
/// ``BiTCN``, ``DeepNPTS`` and ``KAN`` supply the architecture.
///
/// ```swift
/// let m = try NBEATSx(inputSize: 24, horizon: 12, hiddenSize: 64, maxSteps: 300)
/// try m.fit(trainWithExogenous, progress: nil)
/// let f = try m.forecast(trainWithExogenous, future: nextYear, h: 12, levels: [])
/// ```
/// - Complexity: fit O(maxSteps · batchSize · cost of one forward and backward pass).
public class CovariateNetwork: WindowNetwork {
  /// The archive kinds of this group (``ModelArchive`` and ``WindowNetwork`` decode them).
  static let kinds = ["NBEATSx", "MLPMultivariate", "TSMixer", "DilatedRNN", "BiTCN", "TSMixerx", "DeepNPTS", "KAN"]

  /// Series per example: 1 for a univariate model, `nSeries` for a multivariate one.
  public let seriesCount: Int
  /// Whether the model reads several series per example.
  public let multivariate: Bool
  /// Whether the frame's exogenous columns feed the network.
  public let exogenous: Bool
  /// Historical, future and static exogenous columns seen at `fit` (0 without `exogenous`).
  public internal(set) var historicalCount = 0
  public internal(set) var futureCount = 0
  public internal(set) var staticCount = 0

  init(kind: String, inputSize: Int, horizon: Int, seriesCount: Int?, exogenous: Bool, maxSteps: Int, batchSize: Int,
       learningRate: Double, scaler: ScalerKind, levels: [Double], alias: String) throws(ForecastError) {
    if let n = seriesCount {
      guard n >= 1, n <= 1 << 14 else { throw .invalidArgument("\(kind) needs 1 <= nSeries <= 16384") }
    }
    self.seriesCount = seriesCount ?? 1
    multivariate = seriesCount != nil
    self.exogenous = exogenous
    try super.init(kind: kind, inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
                   learningRate: learningRate, scaler: scaler, levels: levels, alias: alias)
  }

  /// Maps one batch to `[B, H, Q]` (univariate) or `[B, H, N, Q]` (multivariate). Overridden by every model.
  func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var { batch.y }

  /// Rejects input columns the architecture cannot use (called by `fit` once the counts are known).
  func checkInputs() throws(ForecastError) {}

  /// The model's own hyper-parameters (the exogenous counts are appended by `configuration`).
  func modelConfiguration() -> [Double] { [] }

  override final func configuration() -> [Double] {
    modelConfiguration() + [exogenous ? 1 : 0, Double(historicalCount), Double(futureCount), Double(staticCount)]
  }

  /// Decodes a model of this group: the model's configuration, then the four exogenous fields.
  static func makeCovariate(_ kind: String, _ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> WindowNetwork? {
    guard config.count >= 4 else { return nil }
    let tail = config.suffix(4).map { Int(exactly: $0) ?? -1 }
    guard tail[0] == 0 || tail[0] == 1, tail[1...].allSatisfy({ (0...4096).contains($0) }) else { return nil }
    let own = Array(config.dropLast(4)), exo = tail[0] == 1
    var m: CovariateNetwork? = nil
    do {
      switch kind {
      case "NBEATSx": m = try NBEATSx.decodeConfig(c, own, exogenous: exo)
      case "MLPMultivariate": m = try MLPMultivariate.decodeConfig(c, own, exogenous: exo)
      case "TSMixer": m = try TSMixer.decodeConfig(c, own, exogenous: exo)
      case "DilatedRNN": m = try DilatedRNN.decodeConfig(c, own, exogenous: exo)
      case "BiTCN": m = try BiTCN.decodeConfig(c, own, exogenous: exo)
      case "TSMixerx": m = try TSMixerx.decodeConfig(c, own, exogenous: exo)
      case "DeepNPTS": m = try DeepNPTS.decodeConfig(c, own, exogenous: exo)
      case "KAN": m = try KAN.decodeConfig(c, own, exogenous: exo)
      default: m = nil
      }
    } catch {
      _ = error
      return nil
    }
    guard let m, exo || tail[1...].allSatisfy({ $0 == 0 }) else { return nil }
    m.historicalCount = tail[1]
    m.futureCount = tail[2]
    m.staticCount = tail[3]
    return m
  }

  // MARK: - Examples

  /// Checks that a frame has the exogenous columns the model was fitted with, without NaN.
  func checkExogenous(_ frame: SeriesFrame) throws(ForecastError) {
    let h = exogenous ? frame.historicalNames.count : 0, f = exogenous ? frame.futureNames.count : 0
    let s = exogenous ? frame.staticNames.count : 0
    guard h == historicalCount, f == futureCount, s == staticCount else {
      throw .invalidArgument("\(kind) was fitted with \(historicalCount) historical, \(futureCount) future and \(staticCount) static columns")
    }
    for series in frame.series {
      for c in series.historical.prefix(h) + series.future.prefix(f) {
        if let i = c.firstIndex(where: { $0.isNaN }) { throw .missingValue(id: series.id, index: i) }
      }
      if series.statics.prefix(s).contains(where: { $0.isNaN }) { throw .missingValue(id: series.id, index: 0) }
    }
  }

  /// Multivariate models: the frame's series must be `seriesCount`, of one length, from one start.
  func checkPanel(_ frame: SeriesFrame) throws(ForecastError) {
    guard multivariate else { return }
    guard frame.series.count == seriesCount else {
      throw .invalidArgument("\(kind) was built for \(seriesCount) series, the frame has \(frame.series.count)")
    }
    for s in frame.series where s.count != frame.series[0].count || s.ds.first != frame.series[0].ds.first {
      throw .invalidArgument("\(kind) needs aligned series (same start and length); \(s.id) differs")
    }
  }

  /// The example whose windows end before `end` in every series of `group`; `horizonFuture[n][f]`
  /// supplies the horizon's future values at forecast time (nil: read them from the series).
  func sample(_ group: [Series], end: Int, withTarget: Bool, horizonFuture: [[[Double]]]?) throws(ForecastError)
    -> CovariateSample
  {
    let l = inputSize, h = horizon
    var out = CovariateSample()
    for (n, s) in group.enumerated() {
      let window = Array(s.y[(end - l)..<end])
      let sc = try windowScaler(window)
      out.scalers.append(sc)
      out.y += sc.transform(window).map { Float($0) }
      if withTarget { out.target += sc.transform(Array(s.y[end..<(end + h)])).map { Float($0) } }
      for x in 0..<historicalCount {
        let w = Array(s.historical[x][(end - l)..<end])
        out.historical += try windowScaler(w).transform(w).map { Float($0) }
      }
      for f in 0..<futureCount {
        let past = Array(s.future[f][(end - l)..<end])
        let ahead = horizonFuture.map { $0[n][f] } ?? Array(s.future[f][end..<(end + h)])
        out.future += try windowScaler(past).transform(past + ahead).map { Float($0) }
      }
      out.statics += s.statics.prefix(staticCount).map { Float($0) }
    }
    return out
  }

  /// Every training example of `frame`.
  func trainingSamples(_ frame: SeriesFrame) throws(ForecastError) -> [CovariateSample] {
    var out: [CovariateSample] = []
    let span = inputSize + horizon
    if multivariate {
      let n = frame.series[0].count
      if n >= span {
        for end in inputSize...(n - horizon) {
          out.append(try sample(frame.series, end: end, withTarget: true, horizonFuture: nil))
        }
      }
    } else {
      for s in frame.series where s.count >= span {
        for end in inputSize...(s.count - horizon) {
          out.append(try sample([s], end: end, withTarget: true, horizonFuture: nil))
        }
      }
    }
    return out
  }

  /// The batch tensors of `samples` (see the layout table in the file header).
  func batch(_ samples: [CovariateSample], in g: Graph) -> CovariateBatch {
    let b = samples.count, l = inputSize, n = seriesCount, x = historicalCount, f = futureCount, s = staticCount
    let t = inputSize + horizon
    var y: [Float] = [], hist: [Float] = [], fut: [Float] = [], stat: [Float] = []
    y.reserveCapacity(b * l * n)
    for smp in samples {
      if multivariate {
        for i in 0..<l { for k in 0..<n { y.append(smp.y[k * l + i]) } }
        for c in 0..<x { for i in 0..<l { for k in 0..<n { hist.append(smp.historical[(k * x + c) * l + i]) } } }
        for c in 0..<f { for i in 0..<t { for k in 0..<n { fut.append(smp.future[(k * f + c) * t + i]) } } }
      } else {
        y += smp.y
        for i in 0..<l { for c in 0..<x { hist.append(smp.historical[c * l + i]) } }
        for i in 0..<t { for c in 0..<f { fut.append(smp.future[c * t + i]) } }
        stat += smp.statics
      }
    }
    func tensor(_ shape: Shape, _ v: [Float]) -> Var { g.constant(Tensor(shape: shape, scalars: v)) }
    if multivariate {
      return CovariateBatch(
        y: tensor(Shape(b, l, n), y), historical: x > 0 ? tensor(Shape(b, x, l, n), hist) : nil,
        future: f > 0 ? tensor(Shape(b, f, t, n), fut) : nil,
        statics: s > 0 ? tensor(Shape(n, s), samples[0].statics) : nil)
    }
    return CovariateBatch(
      y: tensor(Shape(b, l), y), historical: x > 0 ? tensor(Shape(b, l, x), hist) : nil,
      future: f > 0 ? tensor(Shape(b, t, f), fut) : nil, statics: s > 0 ? tensor(Shape(b, s), stat) : nil)
  }

  /// The scaled targets of `samples`: `[B, H·N]`, index `j·N + n` (the order of the outputs' rows).
  func targets(_ samples: [CovariateSample]) -> [Float] {
    var out: [Float] = []
    for smp in samples {
      for j in 0..<horizon { for k in 0..<seriesCount { out.append(smp.target[k * horizon + j]) } }
    }
    return out
  }

  /// `forward`'s output, checked, as `[B, H·N, Q]`.
  func outputs(_ batch: CovariateBatch, rows b: Int, in g: Graph) throws(TensorError) -> Var {
    let y = try forward(batch, in: g)
    let expected = multivariate ? Shape(b, horizon, seriesCount, outputCount) : Shape(b, horizon, outputCount)
    guard y.shape == expected else { throw .shapeMismatch(y.shape, expected) }
    return try g.reshape(y, Shape(b, horizon * seriesCount, outputCount))
  }

  // MARK: - Fit and forecast

  public override func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    guard maxSteps >= 1, batchSize >= 1, learningRate > 0 else {
      throw .invalidArgument("\(kind) needs maxSteps, batchSize >= 1 and a positive learning rate")
    }
    for s in frame.series { try checkSeries(s, needed: 1) }
    try checkPanel(frame)
    historicalCount = exogenous ? frame.historicalNames.count : 0
    futureCount = exogenous ? frame.futureNames.count : 0
    staticCount = exogenous ? frame.staticNames.count : 0
    try checkExogenous(frame)
    try checkInputs()
    let samples = try trainingSamples(frame)
    guard !samples.isEmpty else {
      let s = frame.series.max { $0.count < $1.count }
      throw .seriesTooShort(id: s?.id ?? "", needed: inputSize + horizon, actual: s?.count ?? 0)
    }
    var initRNG = NeuralRandom(seed: seed)
    parameters = build(&initRNG)
    let optimizer = Optimizer(parameters, rule: .adam(), learningRate: Float(learningRate))
    var rng = ForecastRandom(seed: seed)
    let g = Graph(seed: seed)
    let rows = horizon * seriesCount
    lossHistory = []
    lossHistory.reserveCapacity(maxSteps)
    for step in 1...maxSteps {
      var picked: [CovariateSample] = []
      picked.reserveCapacity(batchSize)
      for _ in 0..<batchSize { picked.append(samples[rng.below(samples.count)]) }
      g.reset()
      let input = batch(picked, in: g)
      let t = g.constant(Tensor(shape: Shape(batchSize, rows), scalars: targets(picked)))
      let loss = try tensorOp { () throws(TensorError) -> Double in
        let y = try outputs(input, rows: batchSize, in: g)
        let l = levels.isEmpty
          ? try g.maeLoss(try g.reshape(y, Shape(batchSize, rows)), t)
          : try g.multiQuantileLoss(y, t, quantiles: quantiles.map { Float($0) })
        let v = Double(try g.value(l).scalars[0])
        try g.backward(l)
        return v
      }
      guard loss.isFinite else { throw .invalidArgument("\(kind): the training loss diverged at step \(step)") }
      optimizer.step()
      lossHistory.append(loss)
      progress?(TrainingProgress(model: alias, step: step, totalSteps: maxSteps, loss: loss))
    }
  }

  public override func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try forecast(history, future: nil, h: h, levels: levels)
  }

  /// Forecasts `h` steps after each series of `history`; `future` holds the horizon's future
  /// exogenous values (NeuralForecast's `futr_df`): the same series in the same order, each starting
  /// the step after its history ends, with at least `horizon` rows of the future columns (its `y`
  /// is ignored). It may be nil for a model fitted without future columns.
  ///
  /// ```swift
  /// let f = try model.forecast(train, future: nextYear, h: 12, levels: [80])
  /// ```
  /// - Throws: ``ForecastError`` for a history or future frame that does not match the fit.
  public func forecast(_ history: SeriesFrame, future: SeriesFrame?, h: Int, levels: [Double]) throws(ForecastError)
    -> [SeriesForecast]
  {
    try checkRequest(h: h, levels: levels)
    guard !parameters.isEmpty else { throw .notFitted(alias) }
    for l in levels where !self.levels.isEmpty && !self.levels.contains(l) {
      throw .invalidArgument("\(kind) was not trained for level \(l)")
    }
    guard h <= horizon else { throw .invalidArgument("\(kind) was trained for \(horizon) steps, asked for \(h)") }
    try checkExogenous(history)
    for s in history.series { try checkSeries(s, needed: inputSize) }
    let ahead = try horizonFuture(history, future)
    var samples: [CovariateSample] = []
    if multivariate {
      guard history.series.count == seriesCount else {
        throw .invalidArgument("\(kind) was built for \(seriesCount) series, the history has \(history.series.count)")
      }
      let group = history.series.map { $0.slice($0.count - inputSize, $0.count) }
      for s in group where s.ds != group[0].ds {
        throw .invalidArgument("\(kind) needs histories that end together; \(s.id) differs")
      }
      samples.append(try sample(group, end: inputSize, withTarget: false, horizonFuture: ahead))
    } else {
      for (k, s) in history.series.enumerated() {
        samples.append(try sample([s], end: s.count, withTarget: false, horizonFuture: ahead.map { [$0[k]] }))
      }
    }
    guard !samples.isEmpty else { return [] }
    let g = Graph()
    g.isTraining = false
    let values = try tensorOp { () throws(TensorError) -> Tensor in
      try g.value(try outputs(batch(samples, in: g), rows: samples.count, in: g))
    }
    let nq = outputCount, n = seriesCount
    var out: [SeriesForecast] = []
    for (r, smp) in samples.enumerated() {
      for (k, sc) in smp.scalers.enumerated() {
        out.append(SeriesForecast(quantileOutputs: { j, q in Double(values.scalars[((r * horizon + j) * n + k) * nq + q]) },
                                  steps: h, quantiles: quantiles, scaler: sc, levels: levels,
                                  trainedLevels: self.levels))
      }
    }
    return out
  }

  /// The horizon's future values per series and column (nil for a model without future columns).
  func horizonFuture(_ history: SeriesFrame, _ future: SeriesFrame?) throws(ForecastError) -> [[[Double]]]? {
    guard futureCount > 0 else { return nil }
    guard let future else {
      throw .invalidArgument("\(kind) was fitted with future exogenous columns: pass them with forecast(_:future:h:levels:)")
    }
    guard future.series.count == history.series.count, future.futureNames.count == futureCount else {
      throw .invalidArgument("\(kind): the future frame must hold the history's series and \(futureCount) future columns")
    }
    var out: [[[Double]]] = []
    for (s, fs) in zip(history.series, future.series) {
      guard fs.id == s.id, let last = s.ds.last, fs.ds.first == history.freq.advance(last, by: 1) else {
        throw .invalidArgument("\(kind): the future frame's series \(fs.id) must follow its history")
      }
      guard fs.count >= horizon else { throw .seriesTooShort(id: fs.id, needed: horizon, actual: fs.count) }
      let cols = fs.future.map { Array($0.prefix(horizon)) }
      for c in cols { if let i = c.firstIndex(where: { $0.isNaN }) { throw .missingValue(id: fs.id, index: i) } }
      out.append(cols)
    }
    return out
  }
}
