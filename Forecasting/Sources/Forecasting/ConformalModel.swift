// Split-conformal prediction intervals around any model (statsforecast's `ConformalIntervals`).
//
// At `fit`, the base model is cross-validated with windows of h and step h: W = min(nWindows,
// (n_min − 1) / h) ≥ 2 windows (n_min the shortest series) end at each series' last observation, and
// window i trains on all series without their last (W − i)·h observations (one fit per window, so
// global models see every series). The conformity scores are the absolute errors |y − ŷ| per
// series, per horizon step j, over the windows. The base model is then fitted on all of the data.
// At level L the half-width for series s and step j is the ⌈(W + 1)·L/100⌉-th smallest of the W
// scores (the finite-sample split-conformal quantile), capped at the largest score when that rank
// exceeds W: with few windows high levels then cover less than promised (the guarantee needs
// W ≥ 100/(100 − L) − 1 windows, e.g. 19 for 95 %). Intervals are ŷ ± half-width.

/// A model with split-conformal intervals from its own cross-validation residuals.
///
/// ```swift
/// let m = ConformalModel(base: MLP(inputSize: 24, horizon: 12), h: 12, nWindows: 5)
/// try m.fit(train, progress: nil)
/// let f = try m.forecast(train, h: 12, levels: [80, 95])
/// ```
public final class ConformalModel: ForecastModel {
  public var alias: String
  public var seed: UInt64 {
    get { base.seed }
    set { base.seed = newValue }
  }
  public let base: any ForecastModel
  public let h: Int
  public let nWindows: Int
  /// Scores per series id: `scores[k][j]` are the W absolute errors of step j, sorted.
  public private(set) var ids: [String] = []
  public private(set) var scores: [[[Double]]] = []

  /// - Throws: ``ForecastError/invalidArgument(_:)`` unless `h >= 1` and `nWindows >= 2`.
  public init(base: any ForecastModel, h: Int, nWindows: Int, alias: String? = nil) throws(ForecastError) {
    guard h >= 1, nWindows >= 2 else { throw .invalidArgument("conformal intervals need h >= 1 and nWindows >= 2") }
    self.base = base
    self.h = h
    self.nWindows = nWindows
    self.alias = alias ?? base.alias
  }

  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    guard let shortest = frame.series.min(by: { $0.count < $1.count }) else {
      throw .invalidArgument("conformal fit on an empty frame")
    }
    let w = min(nWindows, (shortest.count - 1) / h)
    guard w >= 2 else { throw .seriesTooShort(id: shortest.id, needed: 2 * h + 1, actual: shortest.count) }
    var perSeries = [[[Double]]](repeating: [[Double]](repeating: [], count: h), count: frame.series.count)
    for i in 0..<w {
      let train = try frame.droppingLast((w - i) * h)
      try base.fit(train, progress: progress)
      let f = try base.forecast(train, h: h, levels: [])
      for (k, s) in frame.series.enumerated() {
        let end = train.series[k].count
        for j in 0..<h { perSeries[k][j].append(abs(s.y[end + j] - f[k].mean[j])) }
      }
    }
    try base.fit(frame, progress: progress)
    ids = frame.series.map { $0.id }
    scores = perSeries.map { $0.map { $0.sorted() } }
  }

  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    guard !ids.isEmpty else { throw .notFitted(alias) }
    guard h <= self.h else { throw .invalidArgument("conformal scores cover \(self.h) steps, asked for \(h)") }
    var out = try base.forecast(history, h: h, levels: [])
    for (k, s) in history.series.enumerated() {
      guard let idx = ids.firstIndex(of: s.id) else { throw .notFitted(alias + " for series " + s.id) }
      out[k].intervals = levels.sorted().map { level in
        var lo: [Double] = [], hi: [Double] = []
        for j in 0..<h {
          let sc = scores[idx][j]
          let rank = Int((Double(sc.count + 1) * level / 100).rounded(.up))
          let q = sc[min(max(rank, 1), sc.count) - 1]
          lo.append(out[k].mean[j] - q)
          hi.append(out[k].mean[j] + q)
        }
        return PredictionInterval(level: level, lo: lo, hi: hi)
      }
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("Conformal", alias: alias, seed: seed)
    archive.int("h", h)
    archive.int("nWindows", nWindows)
    archive.int("series", ids.count)
    for (k, id) in ids.enumerated() {
      archive.text("id", id)
      archive.reals("scores", scores[k].flatMap { $0 })
    }
    base.encode(into: &archive)
    archive.end()
  }

  static func decode(_ r: inout ArchiveReader, alias: String) throws(ForecastError) -> ConformalModel {
    let h = try r.int("h")
    let w = try r.int("nWindows")
    let n = try r.int("series")
    guard h >= 1, w >= 2, n >= 0 else { throw r.fail("invalid conformal settings") }
    var ids: [String] = [], scores: [[[Double]]] = []
    for _ in 0..<n {
      ids.append(try r.text("id"))
      let flat = try r.reals("scores")
      guard !flat.isEmpty, flat.count % h == 0 else { throw r.fail("conformal scores do not fill h steps") }
      let per = flat.count / h
      scores.append((0..<h).map { Array(flat[($0 * per)..<(($0 + 1) * per)]) })
    }
    let base = try ModelArchive.decode(&r)
    let m = try ConformalModel(base: base, h: h, nWindows: w, alias: alias)
    m.ids = ids
    m.scores = scores
    return m
  }
}
