// WindowNetwork: what every direct multi-horizon network of the zoo shares — NeuralForecast's
// `BaseWindows` training set-up, on Neural's differentiable layers (`Graph`, `Parameter`, `Optimizer`).
//
// Purpose: a subclass only builds its layers (`build`) and maps a batch of scaled input windows
// `[B, inputSize]` to outputs `[B, horizon, Q]` (`network`); this class does the rest, identically for
// every model, so that models differ only in their published architecture:
// - windows: every (input, horizon) window of every series, step 1 (`Windows`);
// - per-window temporal normalisation (NeuralForecast's TemporalNorm, `scaler_type`): a scaler fitted
//   to each window's inputs scales inputs and targets; its inverse maps outputs back;
// - `maxSteps` Adam steps (PyTorch's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8), each on `batchSize`
//   windows drawn uniformly with replacement from the model's seeded `ForecastRandom`;
// - loss MAE (NeuralForecast's default) or, with `levels`, the multi-quantile loss (`MQLoss(level=…)`)
//   on the quantiles 0.5 and 0.5 ± level/200; crossing quantiles are sorted per step at forecast time
//   (monotone rearrangement, Chernozhukov, Fernández-Val & Galichon 2010).
// Invariants: same seed, same frame → same weights (initialisation draws from `NeuralRandom(seed:)`,
// batches from `ForecastRandom(seed:)`). Float32 inside the network (Neural's tensors), Double outside.
// Differences from NeuralForecast, stated: no exogenous inputs, no early stopping / validation split,
// no learning-rate decay.
import Neural

/// The base of the window-to-horizon networks (``DLinear``, ``NLinear``, ``NBEATS``, ``NHITS``, ...).
///
/// Not used directly: subclasses supply the architecture.
///
/// ```swift
/// let m = try DLinear(inputSize: 24, horizon: 12, maxSteps: 300)
/// try m.fit(train, progress: nil)
/// m.lossHistory.last!    // below lossHistory.first!
/// ```
/// - Complexity: fit O(maxSteps · batchSize · cost of one forward and backward pass).
public class WindowNetwork: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 1
  public let inputSize: Int
  public let horizon: Int
  public var maxSteps: Int
  public var batchSize: Int
  public var learningRate: Double
  public var scaler: ScalerKind
  /// Interval levels of the multi-quantile loss (percent); empty for the MAE loss.
  public let levels: [Double]
  /// The quantiles output per step, ascending (`[0.5]` for the MAE loss).
  public let quantiles: [Double]
  /// The batch loss (scaled space) of every step of the last `fit`.
  public internal(set) var lossHistory: [Double] = []
  /// The trainable parameters (empty before `fit` or `load`).
  public internal(set) var parameters: [Parameter] = []

  init(kind: String, inputSize: Int, horizon: Int, maxSteps: Int, batchSize: Int, learningRate: Double,
       scaler: ScalerKind, levels: [Double], alias: String) throws(ForecastError) {
    guard inputSize >= 1, horizon >= 1, inputSize <= 1 << 16, horizon <= 1 << 16 else {
      throw .invalidArgument("\(kind) needs 1 <= inputSize, horizon <= 65536")
    }
    guard levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw .invalidArgument("\(kind) levels must be in (0, 100)") }
    self.kind = kind
    self.inputSize = inputSize
    self.horizon = horizon
    self.maxSteps = maxSteps
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.scaler = scaler
    self.levels = levels.sorted()
    var q: Set<Double> = [0.5]
    for l in levels {
      q.insert(0.5 - l / 200)
      q.insert(0.5 + l / 200)
    }
    quantiles = q.sorted()
    self.alias = alias
  }

  /// The archive tag of the model.
  public let kind: String

  /// Outputs per step.
  public var outputCount: Int { quantiles.count }

  /// Creates the layers and returns their parameters. Overridden by every model.
  func build(_ rng: inout NeuralRandom) -> [Parameter] { [] }

  /// Maps scaled windows `[B, inputSize]` to `[B, horizon, outputCount]`. Overridden by every model.
  func network(_ x: Var, in g: Graph) throws(TensorError) -> Var { x }

  /// The training loss of scaled windows `x` `[B, inputSize]` and targets `[B, horizon]`: MAE or the
  /// multi-quantile loss of `network`'s outputs (DeepAR overrides it with its likelihood).
  func trainingLoss(_ x: Var, _ target: Var, in g: Graph) throws(TensorError) -> Var {
    let b = x.shape[0]
    let y = try network(x, in: g)
    guard y.shape == Shape(b, horizon, outputCount) else { throw .shapeMismatch(y.shape, Shape(b, horizon, outputCount)) }
    return levels.isEmpty
      ? try g.maeLoss(try g.reshape(y, Shape(b, horizon)), target)
      : try g.multiQuantileLoss(y, target, quantiles: quantiles.map { Float($0) })
  }

  /// The model's own hyper-parameters, written after the shared ones (`encode`).
  func configuration() -> [Double] { [] }

  /// Number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  func windowScaler(_ input: [Double]) throws(ForecastError) -> Scaler {
    if case .boxCox = scaler { throw .invalidArgument("Box-Cox is not a window scaler") }
    return try Scaler.fit(scaler, to: input)
  }

  /// Runs the network on scaled windows (rows of `inputSize`), returning `[rows, horizon, outputCount]` values.
  func run(_ rows: [[Double]], in g: Graph) throws(ForecastError) -> Var {
    let x = g.constant(Tensor(shape: Shape(rows.count, inputSize), scalars: rows.flatMap { $0.map { Float($0) } }))
    let y = try tensorOp { () throws(TensorError) -> Var in try network(x, in: g) }
    guard y.shape == Shape(rows.count, horizon, outputCount) else {
      throw .invalidArgument(kind + " produced shape " + y.shape.description)
    }
    return y
  }

  /// Runs graph code, reporting a tensor error (a bug or a numeric failure) as a typed forecast error.
  final func tensorOp<T>(_ body: () throws(TensorError) -> T) throws(ForecastError) -> T {
    do { return try body() } catch { _ = error; throw .invalidArgument(kind + ": tensor operation failed") }
  }

  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    guard maxSteps >= 1, batchSize >= 1, learningRate > 0 else {
      throw .invalidArgument("\(kind) needs maxSteps, batchSize >= 1 and a positive learning rate")
    }
    for s in frame.series { try checkSeries(s, needed: 1) }
    let windows = try Windows(frame, inputSize: inputSize, horizon: horizon, step: 1)
    guard windows.count > 0 else {
      let s = frame.series.max { $0.count < $1.count }
      throw .seriesTooShort(id: s?.id ?? "", needed: inputSize + horizon, actual: s?.count ?? 0)
    }
    var xs: [[Double]] = [], ts: [[Double]] = []
    for i in 0..<windows.count {
      let input = windows.input(i)
      let sc = try windowScaler(input)
      xs.append(sc.transform(input))
      ts.append(sc.transform(windows.target(i)))
    }
    var initRNG = NeuralRandom(seed: seed)
    parameters = build(&initRNG)
    let optimizer = Optimizer(parameters, rule: .adam(), learningRate: Float(learningRate))
    var rng = ForecastRandom(seed: seed)
    let g = Graph(seed: seed)
    lossHistory = []
    lossHistory.reserveCapacity(maxSteps)
    for step in 1...maxSteps {
      var rows: [[Double]] = [], target: [Float] = []
      rows.reserveCapacity(batchSize)
      target.reserveCapacity(batchSize * horizon)
      for _ in 0..<batchSize {
        let i = rng.below(windows.count)
        rows.append(xs[i])
        target += ts[i].map { Float($0) }
      }
      g.reset()
      let x = g.constant(Tensor(shape: Shape(batchSize, inputSize), scalars: rows.flatMap { $0.map { Float($0) } }))
      let t = g.constant(Tensor(shape: Shape(batchSize, horizon), scalars: target))
      let loss = try tensorOp { () throws(TensorError) -> Double in
        let l = try trainingLoss(x, t, in: g)
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

  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    guard !parameters.isEmpty else { throw .notFitted(alias) }
    for l in levels where !self.levels.isEmpty && !self.levels.contains(l) {
      throw .invalidArgument("\(kind) was not trained for level \(l)")
    }
    guard h <= horizon else { throw .invalidArgument("\(kind) was trained for \(horizon) steps, asked for \(h)") }
    var rows: [[Double]] = [], scalers: [Scaler] = []
    for s in history.series {
      try checkSeries(s, needed: inputSize)
      let window = Array(s.y[(s.count - inputSize)..<s.count])
      let sc = try windowScaler(window)
      rows.append(sc.transform(window))
      scalers.append(sc)
    }
    guard !rows.isEmpty else { return [] }
    let g = Graph()
    g.isTraining = false
    let y = try run(rows, in: g)
    let values = try tensorOp { () throws(TensorError) -> Tensor in try g.value(y) }
    let nq = outputCount
    var out: [SeriesForecast] = []
    for (r, sc) in scalers.enumerated() {
      out.append(SeriesForecast(quantileOutputs: { j, q in Double(values.scalars[(r * horizon + j) * nq + q]) },
                                steps: h, quantiles: quantiles, scaler: sc, levels: levels,
                                trainedLevels: self.levels))
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin(kind, alias: alias, seed: seed)
    archive.int("inputSize", inputSize)
    archive.int("horizon", horizon)
    archive.int("maxSteps", maxSteps)
    archive.int("batchSize", batchSize)
    archive.real("learningRate", learningRate)
    archive.int("scaler", scaler.code)
    archive.reals("levels", levels)
    archive.reals("config", configuration())
    archive.int("fitted", parameters.isEmpty ? 0 : 1)
    for p in parameters { archive.reals("p", p.value.scalars.map { Double($0) }) }
  }

  /// Decodes any window network written by `encode` (`kind` already read by the archive).
  static func decode(_ r: inout ArchiveReader, kind: String, alias: String, seed: UInt64) throws(ForecastError) -> WindowNetwork {
    let inputSize = try r.int("inputSize"), horizon = try r.int("horizon")
    let steps = try r.int("maxSteps"), batch = try r.int("batchSize")
    let lr = try r.real("learningRate")
    let scalerCode = try r.int("scaler")
    let kinds: [ScalerKind] = [.identity, .standard, .minMax, .robust]
    guard inputSize >= 1, horizon >= 1, inputSize <= 1 << 16, horizon <= 1 << 16 else {
      throw r.fail("invalid \(kind) sizes")
    }
    guard scalerCode >= 0, scalerCode < kinds.count else { throw r.fail("invalid \(kind) scaler") }
    let levels = try r.reals("levels")
    guard levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw r.fail("invalid \(kind) levels") }
    let config = try r.reals("config")
    let common = Common(inputSize: inputSize, horizon: horizon, maxSteps: steps, batchSize: batch, learningRate: lr,
                        scaler: kinds[scalerCode], levels: levels, alias: alias)
    let made: WindowNetwork?
    do { made = try make(kind, common, config) } catch { made = nil }
    guard let m = made else { throw r.fail("invalid \(kind) configuration") }
    m.seed = seed
    if try r.int("fitted") == 1 {
      var rng = NeuralRandom(seed: seed)
      m.parameters = m.build(&rng)
      for (i, p) in m.parameters.enumerated() {
        let v = try r.reals("p")
        guard v.count == p.value.count else { throw r.fail("\(kind) parameter \(i) has the wrong size") }
        p.value.scalars = v.map { Float($0) }
      }
    }
    return m
  }

  /// The shared hyper-parameters, as read from an archive.
  struct Common {
    var inputSize: Int, horizon: Int, maxSteps: Int, batchSize: Int, learningRate: Double
    var scaler: ScalerKind, levels: [Double], alias: String
  }

  /// The model of `kind` with `config` (nil when the configuration is invalid).
  static func make(_ kind: String, _ c: Common, _ config: [Double]) throws(ForecastError) -> WindowNetwork? {
    func int(_ i: Int, _ range: ClosedRange<Int>) -> Int? {
      guard i < config.count, let v = Int(exactly: config[i]), range.contains(v) else { return nil }
      return v
    }
    switch kind {
    case "NLinear":
      guard config.isEmpty else { return nil }
      return try NLinear(inputSize: c.inputSize, horizon: c.horizon, maxSteps: c.maxSteps, batchSize: c.batchSize,
                     learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
    case "DLinear":
      guard config.count == 1, let k = int(0, 1...4095), k % 2 == 1 else { return nil }
      return try DLinear(inputSize: c.inputSize, horizon: c.horizon, movingAverageWindow: k, maxSteps: c.maxSteps,
                     batchSize: c.batchSize, learningRate: c.learningRate, scaler: c.scaler, levels: c.levels,
                     alias: c.alias)
    case "NBEATS": return try NBEATS.decodeConfig(c, config)
    case "NHITS": return try NHITS.decodeConfig(c, config)
    case "TCN": return try TCN.decodeConfig(c, config)
    case "TiDE": return try TiDE.decodeConfig(c, config)
    case "PatchTST": return try PatchTST.decodeConfig(c, config)
    case "DeepAR": return try DeepAR.decodeConfig(c, config)
    case "VanillaTransformer": return try VanillaTransformer.decodeConfig(c, config)
    case "Informer": return try Informer.decodeConfig(c, config)
    case "Autoformer": return try Autoformer.decodeConfig(c, config)
    case "FEDformer": return try FEDformer.decodeConfig(c, config)
    case "iTransformer": return try iTransformer.decodeConfig(c, config)
    case "TFT": return try TFT.decodeConfig(c, config)
    case "TimesNet": return try TimesNet.decodeConfig(c, config)
    case _ where CovariateNetwork.kinds.contains(kind): return try CovariateNetwork.makeCovariate(kind, c, config)
    case "RNN", "LSTM", "GRU":
      guard let v = RecurrentNetwork.sizes(config) else { return nil }
      switch kind {
      case "RNN":
        return try RNN(inputSize: c.inputSize, horizon: c.horizon, encoderHiddenSize: v[0], encoderLayers: v[1],
                   decoderHiddenSize: v[2], decoderLayers: v[3], maxSteps: c.maxSteps, batchSize: c.batchSize,
                   learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
      case "LSTM":
        return try LSTM(inputSize: c.inputSize, horizon: c.horizon, encoderHiddenSize: v[0], encoderLayers: v[1],
                    decoderHiddenSize: v[2], decoderLayers: v[3], maxSteps: c.maxSteps, batchSize: c.batchSize,
                    learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
      default:
        return try GRU(inputSize: c.inputSize, horizon: c.horizon, encoderHiddenSize: v[0], encoderLayers: v[1],
                   decoderHiddenSize: v[2], decoderLayers: v[3], maxSteps: c.maxSteps, batchSize: c.batchSize,
                   learningRate: c.learningRate, scaler: c.scaler, levels: c.levels, alias: c.alias)
      }
    default:
      return nil
    }
  }
}
