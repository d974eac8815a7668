// ForecastingJS: series and models behind integer handles, for the browser chunk
// (Forecasting/JS/Forecasting.jsapi).
//
// The bundler's JS boundary carries numbers, typed arrays, strings and bytes, so this facade keeps
// single-series frames and fitted models in registries of integer handles. JS builds a series from a
// Float64Array and a start date and frequency (text), creates a model (baselines, exponential
// smoothing, Theta, the MLP, the neural zoo, ensembles of earlier handles), fits it, forecasts h steps
// with intervals, and saves or loads a model as the bytes of its archive text (``ModelArchive``).
// Every input that comes from JavaScript is validated here and rejected with a typed
// `ForecastingJSError`, never a trap. Model kinds are integer codes (no string comparison in the chunk).

/// A JS-facing failure: codes and fields the loader turns into `forecasting.<case>` errors.
///
/// ```swift
/// #expect(throws: ForecastingJSError.unknownModel(handle: 9)) { try ForecastingJS.destroyModel(9) }
/// ```
public enum ForecastingJSError: Error, Equatable {
  case unknownSeries(handle: Int)
  case unknownModel(handle: Int)
  case invalidArgument(name: StaticString, value: Int)
  case seriesTooShort(needed: Int, actual: Int)
  case missingValue(index: Int)
  case notFitted(handle: Int)
  case corruptArchive
  case failed(reason: StaticString)

  public static func == (a: ForecastingJSError, b: ForecastingJSError) -> Bool {
    switch (a, b) {
    case (.unknownSeries(let x), .unknownSeries(let y)), (.unknownModel(let x), .unknownModel(let y)),
         (.missingValue(let x), .missingValue(let y)), (.notFitted(let x), .notFitted(let y)):
      return x == y
    case (.invalidArgument(let n, let v), .invalidArgument(let m, let w)): return v == w && n.utf8Start == m.utf8Start
    case (.seriesTooShort(let n, let a), .seriesTooShort(let m, let b)): return n == m && a == b
    case (.corruptArchive, .corruptArchive): return true
    case (.failed(let r), .failed(let s)): return r.utf8Start == s.utf8Start
    default: return false
    }
  }

  /// The JS-facing form of a domain error about model `handle` (-1 when none).
  public init(_ e: ForecastError, model handle: Int = -1) {
    switch e {
    case .invalidDate: self = .invalidArgument(name: "start date", value: 0)
    case .unknownFrequency: self = .invalidArgument(name: "frequency", value: 0)
    case .lengthMismatch(_, let actual): self = .invalidArgument(name: "length", value: actual)
    case .seriesTooShort(_, let needed, let actual): self = .seriesTooShort(needed: needed, actual: actual)
    case .missingValue(_, let index): self = .missingValue(index: index)
    case .irregularTimestamps: self = .invalidArgument(name: "timestamps", value: 0)
    case .invalidArgument: self = .invalidArgument(name: "model setting or request", value: handle)
    case .outOfDomain: self = .failed(reason: "data outside the transform's domain")
    case .unknownColumn: self = .invalidArgument(name: "column", value: 0)
    case .notFitted: self = .notFitted(handle: handle)
    case .corruptArchive: self = .corruptArchive
    case .csv, .io: self = .failed(reason: "input/output")
    }
  }
}

nonisolated(unsafe) private var frames: [SeriesFrame?] = []
nonisolated(unsafe) private var models: [(any ForecastModel)?] = []

/// Functions over registries of series and models, for the browser chunk.
///
/// ```swift
/// let s = try ForecastingJS.series(values: y, start: "1949-01-01", frequency: "M")
/// let m = try ForecastingJS.baseline(kind: 9, seasonLength: 12)          // Theta
/// try ForecastingJS.fit(m, series: s)
/// let out = try ForecastingJS.forecast(m, series: s, h: 12, levels: [80])  // mean, lo80, hi80
/// ```
/// - Complexity: that of the model called; handles are O(1).
public enum ForecastingJS {
  static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

  static func frame(_ handle: Int) throws(ForecastingJSError) -> SeriesFrame {
    guard handle >= 0, handle < frames.count, let f = frames[handle] else { throw .unknownSeries(handle: handle) }
    return f
  }

  static func model(_ handle: Int) throws(ForecastingJSError) -> any ForecastModel {
    guard handle >= 0, handle < models.count, let m = models[handle] else { throw .unknownModel(handle: handle) }
    return m
  }

  static func register(_ m: any ForecastModel) -> Int {
    models.append(m)
    return models.count - 1
  }

  static func seedValue(_ seed: Double) throws(ForecastingJSError) -> UInt64 {
    guard seed >= 0, seed <= 9_007_199_254_740_992, seed.rounded() == seed else {
      throw .invalidArgument(name: "seed", value: -1)
    }
    return UInt64(seed)
  }

  /// Runs `body`, turning a domain error into its JS form about model `handle`.
  static func run<T>(_ handle: Int = -1, _ body: () throws(ForecastError) -> T) throws(ForecastingJSError) -> T {
    do { return try body() } catch { throw ForecastingJSError(error, model: handle) }
  }

  /// A new single-series frame: `values` from `start` (`YYYY-MM-DD[ HH:MM[:SS]]`) at `frequency`
  /// (pandas alias: `M`, `Q`, `A`, `D`, `h`, `30min`, …). NaN values are kept (models reject them).
  public static func series(values: UnsafeBufferPointer<Double>, start: UnsafeBufferPointer<UInt8>,
                            frequency: UnsafeBufferPointer<UInt8>) throws(ForecastingJSError) -> Int {
    try series(values: Array(values), start: text(start), frequency: text(frequency))
  }

  /// ``series(values:start:frequency:)`` from Swift values.
  public static func series(values: [Double], start: String, frequency: String) throws(ForecastingJSError) -> Int {
    guard !values.isEmpty else { throw .invalidArgument(name: "values", value: 0) }
    let f = try run { () throws(ForecastError) -> SeriesFrame in
      try SeriesFrame(id: "series", freq: try Frequency.parse(frequency), start: try Timestamp.parse(start), y: values)
    }
    frames.append(f)
    return frames.count - 1
  }

  /// The number of values of a series.
  public static func seriesLength(_ handle: Int) throws(ForecastingJSError) -> Int {
    try frame(handle).series[0].count
  }

  /// Frees a series.
  public static func destroySeries(_ handle: Int) throws(ForecastingJSError) {
    _ = try frame(handle)
    frames[handle] = nil
  }

  /// A statistical model: 0 Naive, 1 SeasonalNaive, 2 RandomWalkWithDrift, 3 HistoricAverage,
  /// 4 WindowAverage (window = seasonLength), 5 SES, 6 Holt, 7 damped trend, 8 ETS (AICc choice), 9 Theta.
  public static func baseline(kind: Int, seasonLength m: Int) throws(ForecastingJSError) -> Int {
    guard m >= 1, m <= 1 << 16 else { throw .invalidArgument(name: "seasonLength", value: m) }
    let model = try run { () throws(ForecastError) -> (any ForecastModel)? in
      switch kind {
      case 0: return Naive()
      case 1: return try SeasonalNaive(seasonLength: m)
      case 2: return RandomWalkWithDrift()
      case 3: return HistoricAverage()
      case 4: return try WindowAverage(windowSize: m)
      case 5, 6, 7, 8: return try ExponentialSmoothing(trend: SmoothingTrend(rawValue: kind - 5)!, seasonLength: m)
      case 9: return try Theta(seasonLength: m)
      default: return nil
      }
    }
    guard let model else { throw .invalidArgument(name: "kind", value: kind) }
    return register(model)
  }

  /// Checks the shared sizes of a network (`maxSteps`, `hiddenSize`, learning rate, levels).
  static func checkNetwork(hiddenSize: Int, maxSteps: Int, learningRate: Double,
                           levels: UnsafeBufferPointer<Double>) throws(ForecastingJSError) -> [Double] {
    guard hiddenSize >= 1, hiddenSize <= 4096 else { throw .invalidArgument(name: "hiddenSize", value: hiddenSize) }
    guard maxSteps >= 1, maxSteps <= 1_000_000 else { throw .invalidArgument(name: "maxSteps", value: maxSteps) }
    guard learningRate > 0, learningRate < 10 else { throw .invalidArgument(name: "learningRate", value: -1) }
    let l = Array(levels)
    for v in l where !(v > 0 && v < 100) { throw .invalidArgument(name: "levels", value: -1) }
    return l
  }

  /// The MLP forecaster (window-standardised inputs, MAE or multi-quantile loss for `levels`).
  public static func mlp(inputSize: Int, horizon: Int, hiddenSize: Int, numLayers: Int, maxSteps: Int,
                         learningRate: Double, seed: Double,
                         levels: UnsafeBufferPointer<Double>) throws(ForecastingJSError) -> Int {
    let l = try checkNetwork(hiddenSize: hiddenSize, maxSteps: maxSteps, learningRate: learningRate, levels: levels)
    let s = try seedValue(seed)
    let m = try run { () throws(ForecastError) -> MLP in
      try MLP(inputSize: inputSize, horizon: horizon, hiddenSize: hiddenSize, numLayers: numLayers, maxSteps: maxSteps,
              batchSize: 32, learningRate: learningRate, scaler: .standard, levels: l)
    }
    m.seed = s
    return register(m)
  }

  /// A neural model of the zoo: 0 NLinear, 1 DLinear, 2 NBEATS (interpretable: trend and seasonality
  /// stacks), 3 NHITS, 4 RNN, 5 LSTM, 6 GRU, 7 TCN, 8 TiDE; window-standardised, batches of 32,
  /// `hiddenSize` units per layer (half of it per recurrent and convolutional layer).
  public static func network(kind: Int, inputSize: Int, horizon: Int, hiddenSize: Int, maxSteps: Int,
                             learningRate: Double, seed: Double,
                             levels: UnsafeBufferPointer<Double>) throws(ForecastingJSError) -> Int {
    let l = try checkNetwork(hiddenSize: hiddenSize, maxSteps: maxSteps, learningRate: learningRate, levels: levels)
    let s = try seedValue(seed)
    let h = horizon, i = inputSize, k = hiddenSize, half = max(1, hiddenSize / 2), lr = learningRate
    let made = try run { () throws(ForecastError) -> WindowNetwork? in
      switch kind {
      case 0: return try NLinear(inputSize: i, horizon: h, maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 1: return try DLinear(inputSize: i, horizon: h, maxSteps: maxSteps, learningRate: lr, scaler: .standard,
                                 levels: l)
      case 2: return try NBEATS(inputSize: i, horizon: h, stacks: [.trend, .seasonality], hiddenSize: k,
                                maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 3: return try NHITS(inputSize: i, horizon: h, hiddenSize: k, maxSteps: maxSteps, learningRate: lr,
                               scaler: .standard, levels: l)
      case 4: return try RNN(inputSize: i, horizon: h, encoderHiddenSize: half, decoderHiddenSize: half,
                             maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 5: return try LSTM(inputSize: i, horizon: h, encoderHiddenSize: half, decoderHiddenSize: half,
                              maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 6: return try GRU(inputSize: i, horizon: h, encoderHiddenSize: half, decoderHiddenSize: half,
                             maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 7: return try TCN(inputSize: i, horizon: h, encoderHiddenSize: half, decoderHiddenSize: half,
                             maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      case 8: return try TiDE(inputSize: i, horizon: h, hiddenSize: k, decoderOutputSize: 8, temporalDecoderSize: 16,
                              dropout: 0, maxSteps: maxSteps, learningRate: lr, scaler: .standard, levels: l)
      default: return nil
      }
    }
    guard let m = made else { throw .invalidArgument(name: "kind", value: kind) }
    m.seed = s
    return register(m)
  }

  /// An ensemble of earlier model handles: method 0 mean, 1 median, 2 weighted by validation error,
  /// 3 stacking (2 and 3 validate on the last `validationHorizon` values).
  public static func ensemble(members: UnsafeBufferPointer<Int32>, method: Int,
                              validationHorizon: Int) throws(ForecastingJSError) -> Int {
    guard let how = Ensemble.Method(rawValue: method) else { throw .invalidArgument(name: "method", value: method) }
    var list: [any ForecastModel] = []
    for h in members { list.append(try model(Int(h))) }
    let e = try run { () throws(ForecastError) -> Ensemble in
      try Ensemble(members: list, method: how, validationHorizon: validationHorizon)
    }
    return register(e)
  }

  /// Fits a model on a series.
  public static func fit(_ handle: Int, series: Int) throws(ForecastingJSError) {
    let m = try model(handle), f = try frame(series)
    try run(handle) { () throws(ForecastError) in try m.fit(f, progress: nil) }
  }

  /// `h` forecasts after the series' end, then per interval of the model (levels ascending) `h` lower
  /// and `h` upper bounds: `(1 + 2·intervals)·h` values.
  public static func forecast(_ handle: Int, series: Int, h: Int,
                              levels: UnsafeBufferPointer<Double>) throws(ForecastingJSError) -> [Double] {
    try forecast(handle, series: series, h: h, levels: Array(levels))
  }

  /// ``forecast(_:series:h:levels:)`` from Swift values.
  public static func forecast(_ handle: Int, series: Int, h: Int, levels: [Double]) throws(ForecastingJSError) -> [Double] {
    let m = try model(handle), f = try frame(series)
    guard h >= 1, h <= 1 << 20 else { throw .invalidArgument(name: "h", value: h) }
    let fc = try run(handle) { () throws(ForecastError) -> SeriesForecast in try m.forecast(f, h: h, levels: levels)[0] }
    var out = fc.mean
    for i in fc.intervals.sorted(by: { $0.level < $1.level }) { out += i.lo + i.hi }
    return out
  }

  /// The training loss of every step of the last fit (empty for models that do not train by steps).
  public static func lossHistory(_ handle: Int) throws(ForecastingJSError) -> [Double] {
    let m = try model(handle)
    if let n = m as? WindowNetwork { return n.lossHistory }
    if let n = m as? MLP { return n.lossHistory }
    return []
  }

  /// The model's alias (its column name), as UTF-8.
  public static func alias(_ handle: Int) throws(ForecastingJSError) -> [UInt8] { Array(try model(handle).alias.utf8) }

  /// The model's archive (``ModelArchive``) as UTF-8 bytes.
  public static func save(_ handle: Int) throws(ForecastingJSError) -> [UInt8] {
    Array(ModelArchive.save(try model(handle)).utf8)
  }

  /// A model read from archive bytes written by ``save(_:)`` (or natively).
  public static func load(_ archive: UnsafeBufferPointer<UInt8>) throws(ForecastingJSError) -> Int {
    let t = text(archive)
    return register(try run { () throws(ForecastError) -> any ForecastModel in try ModelArchive.load(t) })
  }

  /// Frees a model (ensembles keep their members alive).
  public static func destroyModel(_ handle: Int) throws(ForecastingJSError) {
    _ = try model(handle)
    models[handle] = nil
  }
}
