// MLP: NeuralForecast's `MLP` model — a multilayer perceptron from an input window to the whole
// horizon (the "MQ-MLP"/direct multi-horizon MLP; Rumelhart, Hinton & Williams 1986 for the network,
// NeuralForecast `neuralforecast.models.mlp` for the forecasting set-up).
//
// Architecture: input window of `inputSize` values → `numLayers` fully connected hidden layers of
// `hiddenSize` ReLU units → a linear layer of `horizon` outputs. Training, as NeuralForecast does:
// - windows: every (input, horizon) window of every series, step 1 (`Windows`);
// - per-window temporal normalisation (NeuralForecast's TemporalNorm, `scaler_type`): a scaler
//   fitted to each window's inputs scales its inputs and targets, and its inverse maps the outputs
//   back (standard, robust, min-max or identity; Box–Cox is not a window scaler);
// - `maxSteps` Adam steps (Kingma & Ba 2015; β₁ = 0.9, β₂ = 0.999, ε = 1e-8, PyTorch's defaults),
//   each on `batchSize` windows drawn uniformly with replacement from the model's seeded generator;
// - loss MAE (NeuralForecast's default) or MSE, on the scaled values; or, with `levels`, the
//   multi-quantile loss (NeuralForecast's `MQLoss(level=…)`): the network outputs the quantiles
//   0.5 and 0.5 ± level/200 for every step and is trained on their mean pinball loss. The forecast's
//   mean is then the median, its intervals the quantile pairs; quantile outputs that cross are sorted
//   per step (monotone rearrangement, Chernozhukov, Fernández-Val & Galichon 2010);
// - weights and biases initialised like PyTorch's `nn.Linear`: U(−1/√fan_in, 1/√fan_in).
// - exogenous inputs (NeuralForecast's `hist_exog_list`, `stat_exog_list`): with `exogenous`, the
//   input vector is the scaled y window, then each historical exogenous column over the same window
//   (each scaled by its own window scaler of the same kind, as TemporalNorm scales every temporal
//   column), then the series' static values as they are.
// Differences from NeuralForecast, stated: no early stopping / validation split, no learning-rate
// decay (its default schedule makes none), no future exogenous inputs (`futr_exog_list`: the
// `forecast(history:)` protocol carries no future values yet), Double precision.
// Why not Neural's FANN `Network`: FANN trains with its own algorithms (RPROP, quickprop, batch,
// incremental) and keeps its gradients internal, while NeuralForecast's MLP is trained with Adam on a
// loss of its own choosing; the differentiable layers that would give us gradients (issue 7) are not
// in Neural yet. This file is a small, dependency-free network with its Adam, so it also compiles
// into the Forecasting wasm chunk alone.

/// NeuralForecast's MLP forecaster (global: one network for every series of the frame).
///
/// ```swift
/// let mlp = MLP(inputSize: 24, horizon: 12, hiddenSize: 64, numLayers: 2, maxSteps: 500)
/// mlp.seed = 7
/// try mlp.fit(train, progress: nil)
/// let f = try mlp.forecast(train, h: 12, levels: [])
/// mlp.lossHistory.last!      // far below lossHistory.first!
/// ```
/// - Complexity: fit O(maxSteps · batchSize · P), P = number of parameters.
public final class MLP: ForecastModel {
  /// Training loss.
  public enum Loss: Int, Sendable { case mae = 0, mse = 1 }

  public var alias: String
  public var seed: UInt64 = 1
  public let inputSize: Int
  public let horizon: Int
  public let hiddenSize: Int
  public let numLayers: Int
  public var maxSteps: Int
  public var batchSize: Int
  public var learningRate: Double
  public var scaler: ScalerKind
  public var loss: Loss
  /// Interval levels of the multi-quantile loss (percent, each in (0, 100)); empty for a point loss.
  public let levels: [Double]
  /// The quantiles the network outputs per step, ascending (`[0.5]` for a point loss).
  public let quantiles: [Double]
  /// Whether historical exogenous and static columns of the frame feed the network.
  public let exogenous: Bool
  /// Historical exogenous and static columns seen at `fit` (0 without `exogenous`).
  public private(set) var historicalCount = 0
  public private(set) var staticCount = 0
  /// Per layer: weights (out × in, row-major) and biases.
  public private(set) var weights: [[Double]] = []
  public private(set) var biases: [[Double]] = []
  /// The batch loss of every training step of the last `fit`.
  public private(set) var lossHistory: [Double] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless sizes are ≥ 1 (numLayers ≤ 64, inputSize and
  ///   horizon ≤ 65536) and levels lie in (0, 100).
  public init(inputSize: Int, horizon: Int, hiddenSize: Int = 128, numLayers: Int = 2, maxSteps: Int = 1000,
              batchSize: Int = 32, learningRate: Double = 1e-3, scaler: ScalerKind = .standard,
              loss: Loss = .mae, levels: [Double] = [], exogenous: Bool = true,
              alias: String = "MLP") throws(ForecastError) {
    guard inputSize >= 1, horizon >= 1, hiddenSize >= 1, numLayers >= 1, numLayers <= 64, inputSize <= 1 << 16,
          horizon <= 1 << 16 else { throw .invalidArgument("MLP sizes must be >= 1") }
    guard levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw .invalidArgument("MLP levels must be in (0, 100)") }
    self.levels = levels.sorted()
    self.exogenous = exogenous
    var q: Set<Double> = [0.5]
    for l in levels {
      q.insert(0.5 - l / 200)
      q.insert(0.5 + l / 200)
    }
    quantiles = q.sorted()
    self.inputSize = inputSize
    self.horizon = horizon
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.maxSteps = maxSteps
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.scaler = scaler
    self.loss = loss
    self.alias = alias
  }

  /// Layer widths, input first.
  public var layerSizes: [Int] {
    [inputSize * (1 + historicalCount) + staticCount] + [Int](repeating: hiddenSize, count: numLayers)
      + [horizon * quantiles.count]
  }

  /// Number of trainable parameters.
  public var parameterCount: Int {
    let s = layerSizes
    return (1..<s.count).reduce(0) { $0 + s[$1] * s[$1 - 1] + s[$1] }
  }

  func initialise(_ rng: inout ForecastRandom) {
    let s = layerSizes
    weights = []
    biases = []
    for l in 1..<s.count {
      let bound = 1 / Double(s[l - 1]).squareRoot()
      weights.append((0..<(s[l] * s[l - 1])).map { _ in (2 * rng.unit() - 1) * bound })
      biases.append((0..<s[l]).map { _ in (2 * rng.unit() - 1) * bound })
    }
  }

  /// Replaces the weights (same shapes as ``layerSizes`` implies).
  func setState(_ w: [[Double]], _ b: [[Double]]) {
    weights = w
    biases = b
  }

  func windowScaler(_ input: [Double]) throws(ForecastError) -> Scaler {
    if case .boxCox = scaler { throw .invalidArgument("Box-Cox is not a window scaler") }
    return try Scaler.fit(scaler, to: input)
  }

  /// The network input for the window of `s` that ends before `end`, and the y window's scaler.
  func features(_ s: Series, end: Int) throws(ForecastError) -> (x: [Double], scaler: Scaler) {
    let window = Array(s.y[(end - inputSize)..<end])
    let sc = try windowScaler(window)
    var x = sc.transform(window)
    for c in 0..<historicalCount {
      let w = Array(s.historical[c][(end - inputSize)..<end])
      x += try windowScaler(w).transform(w)
    }
    if staticCount > 0 { x += s.statics }
    return (x, sc)
  }

  /// Rejects exogenous columns the network cannot use: a different count than at `fit`, or NaN.
  func checkExogenous(_ frame: SeriesFrame) throws(ForecastError) {
    let h = exogenous ? frame.historicalNames.count : 0, st = exogenous ? frame.staticNames.count : 0
    guard h == historicalCount, st == staticCount else {
      throw .invalidArgument("MLP was fitted with \(historicalCount) historical and \(staticCount) static columns")
    }
    for s in frame.series {
      for c in 0..<h {
        if let i = s.historical[c].firstIndex(where: { $0.isNaN }) { throw .missingValue(id: s.id, index: i) }
      }
      if st > 0, s.statics.contains(where: { $0.isNaN }) { throw .missingValue(id: s.id, index: 0) }
    }
  }

  /// Forward pass; returns every layer's activations (input first, output last, pre-activation
  /// values kept for the output layer).
  func forward(_ x: [Double]) -> [[Double]] {
    let s = layerSizes
    var acts: [[Double]] = [x]
    for l in 1..<s.count {
      let nIn = s[l - 1], nOut = s[l]
      var z = biases[l - 1]
      weights[l - 1].withUnsafeBufferPointer { w in
        acts[l - 1].withUnsafeBufferPointer { a in
          z.withUnsafeMutableBufferPointer { zb in
            for o in 0..<nOut {
              var sum = zb[o]
              let row = o * nIn
              for i in 0..<nIn { sum += w[row + i] * a[i] }
              zb[o] = l == s.count - 1 ? sum : max(0, sum)
            }
          }
        }
      }
      acts.append(z)
    }
    return acts
  }

  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    guard maxSteps >= 1, batchSize >= 1, learningRate > 0 else {
      throw .invalidArgument("MLP needs maxSteps, batchSize >= 1 and a positive learning rate")
    }
    for s in frame.series { try checkSeries(s, needed: 1) }
    let windows = try Windows(frame, inputSize: inputSize, horizon: horizon, step: 1)
    guard windows.count > 0 else {
      let s = frame.series.max { $0.count < $1.count }
      throw .seriesTooShort(id: s?.id ?? "", needed: inputSize + horizon, actual: s?.count ?? 0)
    }
    historicalCount = exogenous ? frame.historicalNames.count : 0
    staticCount = exogenous ? frame.staticNames.count : 0
    try checkExogenous(frame)
    // Scale every window once.
    var xs: [[Double]] = [], ts: [[Double]] = []
    for i in 0..<windows.count {
      let (x, sc) = try features(frame.series[windows.seriesIndex[i]], end: windows.targetStart[i])
      xs.append(x)
      ts.append(sc.transform(windows.target(i)))
    }
    var rng = ForecastRandom(seed: seed)
    initialise(&rng)
    let s = layerSizes
    let layers = s.count - 1
    var mW = weights.map { [Double](repeating: 0, count: $0.count) }, vW = mW
    var mB = biases.map { [Double](repeating: 0, count: $0.count) }, vB = mB
    let beta1 = 0.9, beta2 = 0.999, eps = 1e-8
    var b1t = 1.0, b2t = 1.0
    lossHistory = []
    lossHistory.reserveCapacity(maxSteps)
    for step in 1...maxSteps {
      var gW = weights.map { [Double](repeating: 0, count: $0.count) }
      var gB = biases.map { [Double](repeating: 0, count: $0.count) }
      var batchLoss = 0.0
      let nq = quantiles.count
      let scale = 1 / Double(batchSize * horizon * nq)
      for _ in 0..<batchSize {
        let i = rng.below(windows.count)
        let acts = forward(xs[i])
        var delta = [Double](repeating: 0, count: horizon * nq)
        let out = acts[layers]
        if !levels.isEmpty {
          for j in 0..<horizon {
            for (qi, tau) in quantiles.enumerated() {
              let d = ts[i][j] - out[j * nq + qi]
              batchLoss += max(tau * d, (tau - 1) * d)
              delta[j * nq + qi] = (d > 0 ? -tau : (d < 0 ? 1 - tau : 0)) * scale
            }
          }
        }
        for j in 0..<horizon where levels.isEmpty {
          let e = out[j] - ts[i][j]
          if loss == .mae {
            batchLoss += abs(e)
            delta[j] = (e > 0 ? 1 : (e < 0 ? -1 : 0)) * scale
          } else {
            batchLoss += e * e
            delta[j] = 2 * e * scale
          }
        }
        for l in stride(from: layers, through: 1, by: -1) {
          let nIn = s[l - 1], nOut = s[l]
          var prev = [Double](repeating: 0, count: nIn)
          weights[l - 1].withUnsafeBufferPointer { w in
            gW[l - 1].withUnsafeMutableBufferPointer { g in
              acts[l - 1].withUnsafeBufferPointer { a in
                for o in 0..<nOut where delta[o] != 0 {
                  let d = delta[o]
                  let row = o * nIn
                  for k in 0..<nIn {
                    g[row + k] += d * a[k]
                    prev[k] += w[row + k] * d
                  }
                }
              }
            }
          }
          for o in 0..<nOut { gB[l - 1][o] += delta[o] }
          if l > 1 {
            for k in 0..<nIn where acts[l - 1][k] <= 0 { prev[k] = 0 }
            delta = prev
          }
        }
      }
      b1t *= beta1
      b2t *= beta2
      let lr = learningRate
      func adam(_ p: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double]) {
        for k in p.indices {
          m[k] = beta1 * m[k] + (1 - beta1) * g[k]
          v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k]
          p[k] -= lr * (m[k] / (1 - b1t)) / ((v[k] / (1 - b2t)).squareRoot() + eps)
        }
      }
      for l in 0..<layers {
        adam(&weights[l], gW[l], &mW[l], &vW[l])
        adam(&biases[l], gB[l], &mB[l], &vB[l])
      }
      let stepLoss = batchLoss * scale
      lossHistory.append(stepLoss)
      progress?(TrainingProgress(model: alias, step: step, totalSteps: maxSteps, loss: stepLoss))
    }
  }

  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    guard !weights.isEmpty else { throw .notFitted(alias) }
    // A point MLP has no intervals (like WindowAverage); a quantile MLP has those it was trained for.
    for l in levels where !self.levels.isEmpty && !self.levels.contains(l) {
      throw .invalidArgument("MLP was not trained for level \(l)")
    }
    guard h <= horizon else { throw .invalidArgument("MLP was trained for \(horizon) steps, asked for \(h)") }
    try checkExogenous(history)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: inputSize)
      let (x, sc) = try features(s, end: s.count)
      let y = forward(x)[numLayers + 1]
      let nq = quantiles.count
      out.append(SeriesForecast(quantileOutputs: { j, q in y[j * nq + q] }, steps: h, quantiles: quantiles,
                                scaler: sc, levels: levels, trainedLevels: self.levels))
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("MLP", alias: alias, seed: seed)
    archive.int("inputSize", inputSize)
    archive.int("horizon", horizon)
    archive.int("hiddenSize", hiddenSize)
    archive.int("numLayers", numLayers)
    archive.int("maxSteps", maxSteps)
    archive.int("batchSize", batchSize)
    archive.real("learningRate", learningRate)
    archive.int("scaler", scaler.code)
    archive.int("loss", loss.rawValue)
    archive.reals("levels", levels)
    archive.int("exogenous", exogenous ? 1 : 0)
    archive.int("historical", historicalCount)
    archive.int("statics", staticCount)
    archive.int("fitted", weights.isEmpty ? 0 : 1)
    for l in weights.indices {
      archive.reals("w", weights[l])
      archive.reals("b", biases[l])
    }
  }

  static func decode(_ r: inout ArchiveReader, alias: String) throws(ForecastError) -> MLP {
    let inputSize = try r.int("inputSize"), horizon = try r.int("horizon")
    let hidden = try r.int("hiddenSize"), layers = try r.int("numLayers")
    let steps = try r.int("maxSteps"), batch = try r.int("batchSize")
    let lr = try r.real("learningRate")
    let scalerCode = try r.int("scaler")
    guard inputSize >= 1, horizon >= 1, hidden >= 1, layers >= 1, layers <= 64 else { throw r.fail("invalid MLP sizes") }
    let kinds: [ScalerKind] = [.identity, .standard, .minMax, .robust]
    guard scalerCode >= 0, scalerCode < kinds.count else { throw r.fail("invalid MLP scaler") }
    guard let loss = Loss(rawValue: try r.int("loss")) else { throw r.fail("invalid MLP loss") }
    let levels = try r.reals("levels")
    guard levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw r.fail("invalid MLP levels") }
    let exo = try r.int("exogenous"), hist = try r.int("historical"), stat = try r.int("statics")
    guard exo == 0 || exo == 1, hist >= 0, stat >= 0, hist <= 4096, stat <= 4096 else { throw r.fail("invalid MLP inputs") }
    let made: MLP?
    do {
      made = try MLP(inputSize: inputSize, horizon: horizon, hiddenSize: hidden, numLayers: layers, maxSteps: steps,
                     batchSize: batch, learningRate: lr, scaler: kinds[scalerCode], loss: loss, levels: levels,
                     exogenous: exo == 1, alias: alias)
    } catch { made = nil }
    guard let m = made else { throw r.fail("invalid MLP sizes") }
    m.historicalCount = hist
    m.staticCount = stat
    if try r.int("fitted") == 1 {
      let s = m.layerSizes
      for l in 1..<s.count {
        let w = try r.reals("w"), b = try r.reals("b")
        guard w.count == s[l] * s[l - 1], b.count == s[l] else { throw r.fail("MLP layer \(l) has the wrong size") }
        m.weights.append(w)
        m.biases.append(b)
      }
    }
    return m
  }
}
