// DeepAR: Salinas, Flunkert, Gasthaus & Januschowski, "DeepAR: Probabilistic forecasting with
// autoregressive recurrent networks" (International Journal of Forecasting 2020), as NeuralForecast
// builds it (`neuralforecast.models.deepar`, `DistributionLoss`).
//
// Architecture: an LSTM (`lstmLayers` × `lstmHiddenSize`, default 2 × 128) reads the series lagged by
// one step (its input at t is y_{t−1}); a linear head maps each hidden state to the parameters of the
// next value's distribution:
// - Normal: location, scale = softplus(·) + 1e-3;
// - Student-t: location, scale = softplus(·) + 1e-3, degrees of freedom = 2 + softplus(·) (finite
//   variance, as in GluonTS / NeuralForecast's StudentT output).
// Training (teacher forcing): the window and the horizon's true values are the inputs, the loss is the
// negative log-likelihood of the horizon's values (Neural's `normalNLL` / `studentTNLL`).
// Forecasting: the LSTM consumes the window, then `samples` trajectories (default 100) are drawn
// ancestrally: each step samples every path's next value from its predicted distribution and feeds it
// back. The point forecast is the sample mean (NeuralForecast's DistributionLoss output) and interval
// bounds are sample quantiles (linear interpolation, as `torch.quantile`), at any requested level.
// Sampling uses the model's `ForecastRandom` (seed mixed with the call's series index), so forecasts
// are reproducible. Student-t draws are z / √(χ²_ν / ν) with χ²_ν = 2·Gamma(ν/2) (Marsaglia & Tsang
// 2000). Values live in the per-window scaled space and are mapped back by the window's scaler.
import Neural

/// DeepAR forecaster (Salinas et al. 2020) with a Normal or Student-t likelihood.
///
/// ```swift
/// let m = DeepAR(inputSize: 24, horizon: 12, distribution: .studentT, lstmHiddenSize: 32, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [80, 95])   // sample mean and sample quantiles
/// ```
/// - Complexity: fit O(maxSteps · batchSize · (inputSize + horizon) · layers · hidden²); forecast
///   O(samples · (inputSize + horizon) · layers · hidden²) per series.
public final class DeepAR: WindowNetwork {
  /// The likelihood.
  public enum Distribution: Int, Sendable { case normal = 0, studentT = 1 }

  public let distribution: Distribution
  public let lstmHiddenSize: Int
  public let lstmLayers: Int
  /// Trajectories drawn per series at forecast time.
  public var samples: Int
  var lstm: Recurrent?
  var head: Dense?

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless sizes ≥ 1.
  public init(inputSize: Int, horizon: Int, distribution: Distribution = .normal, lstmHiddenSize: Int = 128,
              lstmLayers: Int = 2, samples: Int = 100, maxSteps: Int = 1000, batchSize: Int = 32,
              learningRate: Double = 1e-3, scaler: ScalerKind = .standard, alias: String = "DeepAR") throws(ForecastError) {
    guard lstmHiddenSize >= 1 && lstmLayers >= 1 && samples >= 1 else { throw .invalidArgument("DeepAR sizes must be >= 1") }
    self.distribution = distribution
    self.lstmHiddenSize = lstmHiddenSize
    self.lstmLayers = lstmLayers
    self.samples = samples
    try super.init(kind: "DeepAR", inputSize: inputSize, horizon: horizon, maxSteps: maxSteps, batchSize: batchSize,
               learningRate: learningRate, scaler: scaler, levels: [], alias: alias)
  }

  /// Distribution parameters per step.
  var parameterCountPerStep: Int { distribution == .normal ? 2 : 3 }

  override func configuration() -> [Double] {
    [Double(distribution.rawValue), Double(lstmHiddenSize), Double(lstmLayers), Double(samples)]
  }

  static func decodeConfig(_ c: WindowNetwork.Common, _ config: [Double]) throws(ForecastError) -> DeepAR? {
    guard config.count == 4, c.levels.isEmpty else { return nil }
    let v = config.map { Int(exactly: $0) ?? -1 }
    guard let d = Distribution(rawValue: v[0]), (1...8192).contains(v[1]), (1...64).contains(v[2]),
          (1...1_000_000).contains(v[3]) else { return nil }
    return try DeepAR(inputSize: c.inputSize, horizon: c.horizon, distribution: d, lstmHiddenSize: v[1], lstmLayers: v[2],
                  samples: v[3], maxSteps: c.maxSteps, batchSize: c.batchSize, learningRate: c.learningRate,
                  scaler: c.scaler, alias: c.alias)
  }

  override func build(_ rng: inout NeuralRandom) -> [Parameter] {
    let l = Recurrent(.lstm, inputSize: 1, hiddenSize: lstmHiddenSize, layers: lstmLayers, using: &rng)
    let h = Dense(inputSize: lstmHiddenSize, outputSize: parameterCountPerStep, using: &rng)
    lstm = l
    head = h
    return l.parameters + h.parameters
  }

  /// (location, scale, degrees or nil) of `[B, T]` each, from hidden states `[B, T, H]`.
  func distributionParameters(_ hidden: Var, in g: Graph) throws(TensorError) -> (Var, Var, Var?) {
    guard let head else { throw .invalidArgument }
    let b = hidden.shape[0], t = hidden.shape[1]
    let p = try head(hidden, in: g)
    func column(_ i: Int) throws(TensorError) -> Var { try g.reshape(try g.slice(p, axis: 2, start: i, count: 1), Shape(b, t)) }
    let loc = try column(0)
    let scale = try g.add(try g.apply(.softplus, try column(1)), scalar: 1e-3)
    guard distribution == .studentT else { return (loc, scale, nil) }
    return (loc, scale, try g.add(try g.apply(.softplus, try column(2)), scalar: 2))
  }

  override func trainingLoss(_ x: Var, _ target: Var, in g: Graph) throws(TensorError) -> Var {
    guard let lstm else { throw .invalidArgument }
    let b = x.shape[0], steps = inputSize + horizon - 1
    // Inputs y_0 … y_{L+H−2}; outputs L−1 … L+H−2 predict the horizon y_L … y_{L+H−1}.
    let inputs = try g.slice(try g.concat([x, target], axis: 1), axis: 1, start: 0, count: steps)
    let (hidden, _) = try lstm(try g.reshape(inputs, Shape(b, steps, 1)), in: g)
    let (loc, scale, df) = try distributionParameters(try g.slice(hidden, axis: 1, start: inputSize - 1, count: horizon), in: g)
    if let df { return try g.studentTNLL(mean: loc, scale: scale, degrees: df, target: target) }
    return try g.normalNLL(mean: loc, scale: scale, target: target)
  }

  /// A standard normal draw (Box–Muller).
  static func gaussian(_ rng: inout ForecastRandom) -> Double {
    let u1 = 1 - rng.unit(), u2 = rng.unit()
    return (-2 * mLog(u1)).squareRoot() * mCos(2 * Double.pi * u2)
  }

  /// A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)).
  static func gamma(_ shape: Double, _ rng: inout ForecastRandom) -> Double {
    if shape < 1 { return gamma(shape + 1, &rng) * mPow(1 - rng.unit(), 1 / shape) }
    let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
    while true {
      let z = gaussian(&rng)
      let v0 = 1 + c * z
      guard v0 > 0 else { continue }
      let v = v0 * v0 * v0, u = 1 - rng.unit()
      if mLog(u) < 0.5 * z * z + d - d * v + d * mLog(v) { return d * v }
    }
  }

  /// The `p`-quantile of ascending `sorted` values with linear interpolation (`torch.quantile`).
  static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let pos = p * Double(sorted.count - 1)
    let i = min(Int(pos), sorted.count - 1), j = min(i + 1, sorted.count - 1)
    return sorted[i] + (pos - Double(i)) * (sorted[j] - sorted[i])
  }

  public override func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    guard let lstm, !parameters.isEmpty else { throw .notFitted(alias) }
    guard h <= horizon else { throw .invalidArgument("DeepAR was trained for \(horizon) steps, asked for \(h)") }
    var out: [SeriesForecast] = []
    let s = samples
    for (index, series) in history.series.enumerated() {
      try checkSeries(series, needed: inputSize)
      let window = Array(series.y[(series.count - inputSize)..<series.count])
      let sc = try windowScaler(window)
      let scaled = sc.transform(window).map { Float($0) }
      var rng = ForecastRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
      var paths = [[Double]](repeating: [], count: h)      // per step, every path's value (original units)
      let g = Graph()
      g.isTraining = false
      try tensorOp { () throws(TensorError) -> Void in
        var input = [Float](repeating: 0, count: s * inputSize)
        for p in 0..<s { for t in 0..<inputSize { input[p * inputSize + t] = scaled[t] } }
        var (hidden, state) = try lstm(g.constant(Tensor(shape: Shape(s, inputSize, 1), scalars: input)), in: g)
        var last = try g.slice(hidden, axis: 1, start: inputSize - 1, count: 1)
        for j in 0..<h {
          let (loc, scale, df) = try distributionParameters(last, in: g)
          let l = try g.value(loc).scalars, sd = try g.value(scale).scalars
          let nu = try df.map { (v: Var) throws(TensorError) -> [Float] in try g.value(v).scalars }
          var next = [Float](repeating: 0, count: s)
          for p in 0..<s {
            var z = DeepAR.gaussian(&rng)
            if let nu {
              let n = Double(nu[p])
              z /= (2 * DeepAR.gamma(n / 2, &rng) / n).squareRoot()
            }
            let draw = Double(l[p]) + Double(sd[p]) * z
            next[p] = Float(draw)
            paths[j].append(sc.inverse(draw))
          }
          if j + 1 < h {
            (hidden, state) = try lstm(g.constant(Tensor(shape: Shape(s, 1, 1), scalars: next)), in: g, state: state)
            last = hidden
          }
        }
      }
      var f = SeriesForecast(mean: paths.map { $0.reduce(0, +) / Double(s) })
      let sortedPaths = paths.map { $0.sorted() }
      for level in levels.sorted() {
        f.intervals.append(PredictionInterval(level: level,
                                              lo: sortedPaths.map { DeepAR.quantile($0, 0.5 - level / 200) },
                                              hi: sortedPaths.map { DeepAR.quantile($0, 0.5 + level / 200) }))
      }
      out.append(f)
    }
    return out
  }
}
