// The statistical baselines, with statsforecast's semantics (statsforecast/models.py).
//
// n observations y₁…yₙ, steps k = 1…h, residual sums skip undefined fitted values:
// | model | forecast | σ² | σₖ |
// |---|---|---|---|
// | Naive | yₙ | Σ(yₜ − yₜ₋₁)² / (n − 1) | σ√k |
// | SeasonalNaive(m) | yₙ₋ₘ₊₁₊((k−1) mod m) | Σ(yₜ − yₜ₋ₘ)² / (n − m) | σ√(⌊(k−1)/m⌋ + 1) |
// | RandomWalkWithDrift | yₙ + k·b, b = (yₙ − y₁)/(n − 1) | Σ(yₜ − yₜ₋₁ − b)² / (n − 1) | σ√(k(1 + k/(n − 1))) |
// | HistoricAverage | ȳ | Σ(yₜ − ȳ)² / (n − 1) | σ√(1 + 1/n) |
// | WindowAverage(w) | mean of the last w | — (statsforecast defines no native interval) | — |
// Intervals are Gaussian: ŷₖ ± Φ⁻¹(1/2 + level/200)·σₖ. Each model needs n ≥ 2 (Naive, RWD,
// HistoricAverage: a σ), n ≥ m + 1 (SeasonalNaive), n ≥ w (WindowAverage); shorter series throw
// `seriesTooShort` instead of statsforecast's NaN forecasts.

/// The last value, repeated (statsforecast `Naive`).
///
/// ```swift
/// let f = try Naive().forecast(frame, h: 3, levels: [95])
/// ```
public final class Naive: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public init(alias: String = "Naive") { self.alias = alias }
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: 2) }
  }
  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: 2)
      let y = s.y, n = y.count
      var ss = 0.0
      for t in 1..<n { ss += (y[t] - y[t - 1]) * (y[t] - y[t - 1]) }
      let sigma = (ss / Double(n - 1)).squareRoot()
      let mean = [Double](repeating: y[n - 1], count: h)
      let sigmah = (1...h).map { sigma * Double($0).squareRoot() }
      out.append(SeriesForecast(mean: mean, intervals: normalIntervals(mean: mean, sigmah: sigmah, levels: levels)))
    }
    return out
  }
  public func encode(into archive: inout ArchiveWriter) { archive.begin("Naive", alias: alias, seed: seed) }
}

/// The value one season earlier (statsforecast `SeasonalNaive`).
///
/// ```swift
/// let f = try SeasonalNaive(seasonLength: 12).forecast(air, h: 24, levels: [80])
/// ```
public final class SeasonalNaive: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public let seasonLength: Int
  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `seasonLength >= 1`.
  public init(seasonLength: Int, alias: String = "SeasonalNaive") throws(ForecastError) {
    guard seasonLength >= 1 else { throw .invalidArgument("season length must be >= 1") }
    self.seasonLength = seasonLength
    self.alias = alias
  }
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: seasonLength + 1) }
  }
  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    let m = seasonLength
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: m + 1)
      let y = s.y, n = y.count
      var ss = 0.0
      for t in m..<n { ss += (y[t] - y[t - m]) * (y[t] - y[t - m]) }
      let sigma = (ss / Double(n - m)).squareRoot()
      let mean = (0..<h).map { y[n - m + $0 % m] }
      let sigmah = (0..<h).map { sigma * Double($0 / m + 1).squareRoot() }
      out.append(SeriesForecast(mean: mean, intervals: normalIntervals(mean: mean, sigmah: sigmah, levels: levels)))
    }
    return out
  }
  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("SeasonalNaive", alias: alias, seed: seed)
    archive.int("seasonLength", seasonLength)
  }
}

/// The line through the first and last observations (statsforecast `RandomWalkWithDrift`).
///
/// ```swift
/// let f = try RandomWalkWithDrift().forecast(frame, h: 6, levels: [])
/// ```
public final class RandomWalkWithDrift: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public init(alias: String = "RWD") { self.alias = alias }
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: 2) }
  }
  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: 2)
      let y = s.y, n = y.count
      let slope = (y[n - 1] - y[0]) / Double(n - 1)
      var ss = 0.0
      for t in 1..<n {
        let r = y[t] - y[t - 1] - slope
        ss += r * r
      }
      let sigma = (ss / Double(n - 1)).squareRoot()
      let mean = (1...h).map { y[n - 1] + slope * Double($0) }
      let sigmah = (1...h).map { k in sigma * (Double(k) * (1 + Double(k) / Double(n - 1))).squareRoot() }
      out.append(SeriesForecast(mean: mean, intervals: normalIntervals(mean: mean, sigmah: sigmah, levels: levels)))
    }
    return out
  }
  public func encode(into archive: inout ArchiveWriter) { archive.begin("RWD", alias: alias, seed: seed) }
}

/// The mean of the whole history (statsforecast `HistoricAverage`).
///
/// ```swift
/// let f = try HistoricAverage().forecast(frame, h: 4, levels: [90])
/// ```
public final class HistoricAverage: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public init(alias: String = "HistoricAverage") { self.alias = alias }
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: 2) }
  }
  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: 2)
      let y = s.y, n = Double(y.count)
      let avg = y.reduce(0, +) / n
      var ss = 0.0
      for v in y { ss += (v - avg) * (v - avg) }
      let sigma = (ss / (n - 1)).squareRoot()
      let mean = [Double](repeating: avg, count: h)
      let sigmah = [Double](repeating: sigma * (1 + 1 / n).squareRoot(), count: h)
      out.append(SeriesForecast(mean: mean, intervals: normalIntervals(mean: mean, sigmah: sigmah, levels: levels)))
    }
    return out
  }
  public func encode(into archive: inout ArchiveWriter) { archive.begin("HistoricAverage", alias: alias, seed: seed) }
}

/// The mean of the last `windowSize` observations (statsforecast `WindowAverage`; no native
/// intervals: wrap it in ``ConformalModel`` for some).
///
/// ```swift
/// let f = try WindowAverage(windowSize: 3).forecast(frame, h: 2, levels: [])
/// ```
public final class WindowAverage: ForecastModel {
  public var alias: String
  public var seed: UInt64 = 0
  public let windowSize: Int
  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `windowSize >= 1`.
  public init(windowSize: Int, alias: String = "WindowAverage") throws(ForecastError) {
    guard windowSize >= 1 else { throw .invalidArgument("window size must be >= 1") }
    self.windowSize = windowSize
    self.alias = alias
  }
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    for s in frame.series { try checkSeries(s, needed: windowSize) }
  }
  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var out: [SeriesForecast] = []
    for s in history.series {
      try checkSeries(s, needed: windowSize)
      let avg = s.y.suffix(windowSize).reduce(0, +) / Double(windowSize)
      out.append(SeriesForecast(mean: [Double](repeating: avg, count: h)))
    }
    return out
  }
  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("WindowAverage", alias: alias, seed: seed)
    archive.int("windowSize", windowSize)
  }
}
