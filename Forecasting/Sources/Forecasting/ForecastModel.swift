// The model protocol behind the NeuralForecast-style API.
//
// A model is a class (so that a `Forecaster` can hold different models in one `[any ForecastModel]`
// under Embedded Swift, which allows existentials only of class-bound protocols). `fit` learns from
// every series of a frame; `forecast` predicts `h` steps after the end of each series of a given
// history frame with what was learned: for the statistical baselines the history *is* the model
// (statsforecast's `forecast`), for trained models it is the input window. That is what lets
// cross-validation without refitting reuse one fit for every window.

/// A forecast of one series: the point forecast and central prediction intervals.
///
/// ```swift
/// let f = try Naive().forecast(frame, h: 3, levels: [80, 95])[0]
/// f.mean              // 3 values
/// f.intervals[1].lo   // the 95 % lower bounds
/// ```
public struct SeriesForecast: Equatable, Sendable {
  public var mean: [Double]
  public var intervals: [PredictionInterval]

  public init(mean: [Double], intervals: [PredictionInterval] = []) {
    self.mean = mean
    self.intervals = intervals
  }

  /// The interval at `level`, if the forecast has one.
  public func interval(_ level: Double) -> PredictionInterval? { intervals.first { $0.level == level } }
}

/// A central prediction interval: `level` % of the predictive mass lies in [lo, hi] at each step.
public struct PredictionInterval: Equatable, Sendable {
  public var level: Double
  public var lo: [Double]
  public var hi: [Double]

  public init(level: Double, lo: [Double], hi: [Double]) {
    self.level = level
    self.lo = lo
    self.hi = hi
  }
}

/// Training progress, reported by models that iterate (the CLI draws it as a progress bar).
public struct TrainingProgress: Equatable, Sendable {
  /// The reporting model's alias.
  public var model: String
  /// Steps done, 1-based.
  public var step: Int
  /// Steps planned.
  public var totalSteps: Int
  /// The training loss of this step (scaled space).
  public var loss: Double
}

/// Receives ``TrainingProgress`` during `fit`.
public typealias ProgressHandler = (TrainingProgress) -> Void

/// A forecasting model: fit on a frame, forecast from a history.
///
/// ```swift
/// let m: any ForecastModel = SeasonalNaive(seasonLength: 12)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [95])
/// ```
public protocol ForecastModel: AnyObject {
  /// The model's column name in forecast tables.
  var alias: String { get set }
  /// The seed of the model's randomness (deterministic models ignore it).
  var seed: UInt64 { get set }
  /// Learns from every series of `frame`.
  func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError)
  /// Forecasts `h` steps after the end of each series of `history`, with the model's own intervals at
  /// `levels` (percent) when it defines them (an empty interval list otherwise).
  func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast]
  /// Writes the model's configuration and learned state.
  func encode(into archive: inout ArchiveWriter)
}

/// Checks a horizon and interval levels.
func checkRequest(h: Int, levels: [Double]) throws(ForecastError) {
  guard h >= 1 else { throw .invalidArgument("horizon must be >= 1") }
  for l in levels where !(l > 0 && l < 100) { throw .invalidArgument("levels must be in (0, 100)") }
}

/// Normal intervals `mean ± z·sigmah` (statsforecast's `_calculate_intervals`), levels ascending.
func normalIntervals(mean: [Double], sigmah: [Double], levels: [Double]) -> [PredictionInterval] {
  levels.sorted().map { level in
    let z = StandardNormal.quantile(0.5 + level / 200)
    return PredictionInterval(level: level, lo: mean.indices.map { mean[$0] - z * sigmah[$0] },
                              hi: mean.indices.map { mean[$0] + z * sigmah[$0] })
  }
}

/// Rejects series with NaN or fewer than `needed` values.
func checkSeries(_ s: Series, needed: Int) throws(ForecastError) {
  guard s.count >= needed else { throw .seriesTooShort(id: s.id, needed: needed, actual: s.count) }
  if let i = s.y.firstIndex(where: { $0.isNaN }) { throw .missingValue(id: s.id, index: i) }
}
