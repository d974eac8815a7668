// DeepNPTS: Rangapuram, Gasthaus, Stella, Flunkert, Salinas, Wang & Januschowski, "Deep
// Non-Parametric Time Series Forecaster" (arXiv 2312.14657, 2023), as NeuralForecast implements it
// (`neuralforecast.models.deepnpts`): the forecast of each horizon step is a weighted average of the
// window's own past values, with weights learned across series.
//
// Architecture, as NeuralForecast:
// - input: [per window step t: y_t, future columns at t, historical columns at t] (time-major,
//   L·(1 + F + X)) | statics (S) | future columns of the horizon (H·F, time-major);
// - `numLayers` × (Linear → ReLU → BatchNorm (PyTorch's defaults ε 1e-5, momentum 0.1; optional)
//   → dropout), then Linear(hidden → L·H) read as weights `[L, H]`;
// - per horizon step j, softmax over the L window steps, forecast_j = Σ_t w_tj · y_t (in the scaled
//   space; the window scaler maps it back).
// The forecast is therefore always inside the range of the window's values (a convex combination).
// Defaults as NeuralForecast: hidden 32, 2 layers, batch norm on, dropout 0.1, scaler standard.
// Differences from NeuralForecast, stated: like NeuralForecast (which rejects distribution and
// quantile losses for it) it outputs the weighted mean only, so `levels` must be empty — the paper
// also samples from the weighted empirical distribution, which neither implementation exposes; no
// learning-rate decay / early stopping; every exogenous column of the frame is used unless
// `exogenous: false`.
import Neural

/// DeepNPTS forecaster (Rangapuram et al. 2023): learned softmax weights over the window's values.
///
/// ```swift
/// let m = try DeepNPTS(inputSize: 24, horizon: 12, hiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [])     // each step a convex combination of the window
/// ```
/// - Complexity: O(in·hidden + numLayers·hidden² + hidden·L·H) per window, in = L·(1+F+X) + S + H·F.
public final class DeepNPTS: CovariateNetwork {
  public let hiddenSize: Int
  public let numLayers: Int
  public let batchNorm: Bool
  /// Dropout probability in [0, 1).
  public let dropout: Double
  var layers: [Dense] = []
  var norms: [BatchNorm] = []
  var head: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` for sizes out of range, dropout outside [0, 1) or
  ///   interval levels (DeepNPTS has a point output only).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 32, numLayers: Int = 2, batchNorm: Bool = true,
              dropout: Double = 0.1, exogenous: Bool = true, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .standard, levels: [Double] = [],
              alias: String = "DeepNPTS") throws(ForecastError) {
    guard (1...8192).contains(hiddenSize), (1...64).contains(numLayers), dropout >= 0, dropout < 1 else {
      throw .invalidArgument("DeepNPTS needs hiddenSize 1...8192, numLayers 1...64 and dropout in [0, 1)")
    }
    guard levels.isEmpty else { throw .invalidArgument("DeepNPTS outputs a point forecast only (no levels)") }
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.batchNorm = batchNorm
    self.dropout = dropout
    try super.init(kind: "DeepNPTS", inputSize: inputSize, horizon: horizon, seriesCount: nil, exogenous: exogenous,
                   maxSteps: maxSteps, batchSize: batchSize, learningRate: learningRate, scaler: scaler, levels: levels,
                   alias: alias)
  }

  override func modelConfiguration() -> [Double] { [Double(hiddenSize), Double(numLayers), batchNorm ? 1 : 0, dropout] }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double], exogenous: Bool) throws(ForecastError) -> DeepNPTS? {
    guard config.count == 4 else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard v[2] == 0 || v[2] == 1 else { return nil }
    return try DeepNPTS(inputSize: c.inputSize, horizon: c.horizon, hiddenSize: v[0], numLayers: v[1], batchNorm: v[2] == 1,
                        dropout: config[3], exogenous: exogenous, maxSteps: c.maxSteps, batchSize: c.batchSize,
                        learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    var width = inputSize * (1 + futureCount + historicalCount) + staticCount + horizon * futureCount
    layers = []
    norms = []
    var p: [Parameter] = []
    for _ in 0..<numLayers {
      let d = Dense(inputSize: width, outputSize: hiddenSize, activation: .relu, using: &rng)
      layers.append(d)
      p += d.parameters
      if batchNorm {
        let bn = BatchNorm(hiddenSize)
        norms.append(bn)
        p += bn.parameters
      }
      width = hiddenSize
    }
    let h = Dense(inputSize: hiddenSize, outputSize: inputSize * horizon, using: &rng)
    head = h
    return p + h.parameters
  }

  /// The weights' logits `[B, H, L]` (NeuralForecast's `[B, L, H]`, transposed for the softmax).
  func logits(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    guard let head else { throw .invalidArgument }
    let b = batch.y.shape[0], l = inputSize, h = horizon
    var steps = [try g.reshape(batch.y, Shape(b, l, 1))]
    if let f = batch.future { steps.append(try g.slice(f, axis: 1, start: 0, count: l)) }
    if let hist = batch.historical { steps.append(hist) }
    let perStep = steps.count == 1 ? steps[0] : try g.concat(steps, axis: 2)
    var parts = [try g.reshape(perStep, Shape(b, perStep.shape.count / b))]
    if let s = batch.statics { parts.append(s) }
    if let f = batch.future { parts.append(try g.reshape(try g.slice(f, axis: 1, start: l, count: h), Shape(b, h * futureCount))) }
    var x = parts.count == 1 ? parts[0] : try g.concat(parts, axis: 1)
    for (i, d) in layers.enumerated() {
      x = try d(x, in: g)
      if batchNorm { x = try norms[i](x, in: g) }
      x = try g.dropout(x, p: Float(dropout))
    }
    return try g.transpose(try g.reshape(try head(x, in: g), Shape(b, l, h)), 1, 2)
  }

  override func forward(_ batch: CovariateBatch, in g: Graph) throws(TensorError) -> Var {
    let b = batch.y.shape[0], l = inputSize, h = horizon
    let weights = try g.softmax(try logits(batch, in: g))                                      // [B, H, L]
    let mixed = try g.sum(try g.mul(weights, try g.reshape(batch.y, Shape(b, 1, l))), axis: 2)   // [B, H]
    return try g.reshape(mixed, Shape(b, h, 1))
  }

  /// The softmax weights of the window steps for each horizon step of each series of `history`
  /// (`[series][step j][window step t]`, each row summing to 1): what the forecast averages.
  ///
  /// ```swift
  /// let w = try m.weights(train)[0][0]        // where step 1 of the forecast puts its mass
  /// ```
  /// - Throws: ``ForecastError/notFitted(_:)`` before `fit`, and the frame checks of `forecast`.
  public func weights(_ history: SeriesFrame, future: SeriesFrame? = nil) throws(ForecastError) -> [[[Double]]] {
    guard !parameters.isEmpty else { throw .notFitted(alias) }
    try checkExogenous(history)
    for s in history.series { try checkSeries(s, needed: inputSize) }
    let ahead = try horizonFuture(history, future)
    var samples: [CovariateSample] = []
    for (k, s) in history.series.enumerated() {
      samples.append(try sample([s], end: s.count, withTarget: false, horizonFuture: ahead.map { [$0[k]] }))
    }
    let g = Graph()
    g.isTraining = false
    let w = try tensorOp { () throws(TensorError) -> Tensor in try g.value(try g.softmax(try logits(batch(samples, in: g), in: g))) }
    let l = inputSize, h = horizon
    return (0..<samples.count).map { r in (0..<h).map { j in (0..<l).map { Double(w.scalars[(r * h + j) * l + $0]) } } }
  }
}
