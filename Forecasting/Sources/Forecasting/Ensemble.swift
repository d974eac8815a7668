// Forecast combinations.
//
// - mean / median: the per-step mean or median of the members' forecasts.
// - weighted: weights ∝ 1 / validation error. The validation error of a member is its mean over
//   series of MAE_s / scale_s on the last `validationHorizon` observations (members fitted on the
//   rest), scale_s the in-sample mean |Δy| of series s (a MASE with m = 1, so that series of
//   different magnitudes count alike). A member with zero error takes all the weight.
// - stacking (Breiman 1996, "Stacked regressions"): non-negative least-squares weights w ≥ 0
//   minimising Σ (y/scale_s − Σᵢ wᵢ ŷᵢ/scale_s)² over the same validation forecasts, solved by cyclic
//   coordinate descent on the normal equations (until no weight moves by more than 1e-13·(1 + max w),
//   at most 100 000 sweeps of p² work each).
//   Weights are not forced to sum to 1; no intercept.
// After learning the weights, every member is refitted on the whole frame. Intervals combine the
// members' bounds with the same rule (mean, median or weights) when every member provides the level
// (a heuristic, not a calibrated interval: wrap the ensemble in `ConformalModel` for that).

/// A combination of models, itself a model.
///
/// ```swift
/// let e = Ensemble(members: [Naive(), SeasonalNaive(seasonLength: 12), RandomWalkWithDrift()],
///                  method: .weighted, validationHorizon: 12)
/// try e.fit(train, progress: nil)
/// e.weights        // learned, one per member
/// ```
public final class Ensemble: ForecastModel {
  /// How members are combined.
  public enum Method: Int, Sendable, CaseIterable {
    case mean = 0, median = 1, weighted = 2, stacking = 3
  }

  public var alias: String
  public var seed: UInt64 = 0
  public let members: [any ForecastModel]
  public let method: Method
  public let validationHorizon: Int
  /// One weight per member (equal for mean; unused by median).
  public private(set) var weights: [Double]

  /// - Throws: ``ForecastError/invalidArgument(_:)`` without members, or without `validationHorizon >= 1`
  ///   for weighted and stacking.
  public init(members: [any ForecastModel], method: Method, validationHorizon: Int = 0,
              alias: String = "Ensemble") throws(ForecastError) {
    guard !members.isEmpty else { throw .invalidArgument("an ensemble needs members") }
    guard validationHorizon >= 1 || method == .mean || method == .median else {
      throw .invalidArgument("weighted and stacking ensembles need a validation horizon")
    }
    self.members = members
    self.method = method
    self.validationHorizon = validationHorizon
    self.alias = alias
    weights = [Double](repeating: 1 / Double(members.count), count: members.count)
  }

  public func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    if method == .weighted || method == .stacking {
      let vh = validationHorizon
      let train = try frame.droppingLast(vh)
      let valid = try frame.lastRows(vh)
      var preds: [[SeriesForecast]] = []
      for m in members {
        try m.fit(train, progress: progress)
        preds.append(try m.forecast(train, h: vh, levels: []))
      }
      var scales: [Double] = []
      for s in train.series {
        var d = 0.0
        for t in 1..<max(1, s.count) { d += abs(s.y[t] - s.y[t - 1]) }
        let sc = s.count > 1 ? d / Double(s.count - 1) : 0
        scales.append(sc > 0 ? sc : 1)
      }
      weights = method == .weighted ? inverseErrorWeights(preds, valid, scales) : try stackingWeights(preds, valid, scales)
    }
    for m in members { try m.fit(frame, progress: progress) }
  }

  func inverseErrorWeights(_ preds: [[SeriesForecast]], _ valid: SeriesFrame, _ scales: [Double]) -> [Double] {
    var errs: [Double] = []
    for p in preds {
      var e = 0.0
      for (k, s) in valid.series.enumerated() {
        var a = 0.0
        for j in 0..<s.count { a += abs(s.y[j] - p[k].mean[j]) }
        e += a / Double(s.count) / scales[k]
      }
      errs.append(e / Double(valid.series.count))
    }
    let zeros = errs.filter { $0 == 0 }.count
    if zeros > 0 { return errs.map { $0 == 0 ? 1 / Double(zeros) : 0 } }
    let inv = errs.map { 1 / $0 }
    let total = inv.reduce(0, +)
    return inv.map { $0 / total }
  }

  func stackingWeights(_ preds: [[SeriesForecast]], _ valid: SeriesFrame, _ scales: [Double]) throws(ForecastError) -> [Double] {
    let p = members.count
    var a = [Double](repeating: 0, count: p * p)
    var b = [Double](repeating: 0, count: p)
    for (k, s) in valid.series.enumerated() {
      for j in 0..<s.count {
        let yv = s.y[j] / scales[k]
        for u in 0..<p {
          let xu = preds[u][k].mean[j] / scales[k]
          b[u] += xu * yv
          for v in 0..<p { a[u * p + v] += xu * preds[v][k].mean[j] / scales[k] }
        }
      }
    }
    var w = [Double](repeating: 0, count: p)
    for _ in 0..<100_000 {
      var moved = 0.0
      for u in 0..<p where a[u * p + u] > 0 {
        var r = b[u]
        for v in 0..<p where v != u { r -= a[u * p + v] * w[v] }
        let nw = max(0, r / a[u * p + u])
        moved = max(moved, abs(nw - w[u]))
        w[u] = nw
      }
      if moved <= 1e-13 * (1 + (w.max() ?? 0)) { break }
    }
    guard w.contains(where: { $0 > 0 }) else { throw .invalidArgument("stacking found no positive weight") }
    return w
  }

  func combine(_ values: [Double]) -> Double {
    switch method {
    case .median: return median(values)
    default:
      var s = 0.0
      for i in values.indices { s += weights[i] * values[i] }
      return s
    }
  }

  public func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    try checkRequest(h: h, levels: levels)
    var all: [[SeriesForecast]] = []
    for m in members { all.append(try m.forecast(history, h: h, levels: levels)) }
    var out: [SeriesForecast] = []
    for k in history.series.indices {
      let mean = (0..<h).map { j in combine(all.map { $0[k].mean[j] }) }
      var f = SeriesForecast(mean: mean)
      for level in levels.sorted() where all.allSatisfy({ $0[k].interval(level) != nil }) {
        let lo = (0..<h).map { j in combine(all.map { $0[k].interval(level)!.lo[j] }) }
        let hi = (0..<h).map { j in combine(all.map { $0[k].interval(level)!.hi[j] }) }
        f.intervals.append(PredictionInterval(level: level, lo: lo, hi: hi))
      }
      out.append(f)
    }
    return out
  }

  public func encode(into archive: inout ArchiveWriter) {
    archive.begin("Ensemble", alias: alias, seed: seed)
    archive.int("method", method.rawValue)
    archive.int("validationHorizon", validationHorizon)
    archive.reals("weights", weights)
    archive.int("members", members.count)
    for m in members {
      m.encode(into: &archive)
      archive.end()
    }
  }

  static func decode(_ r: inout ArchiveReader, alias: String) throws(ForecastError) -> Ensemble {
    guard let method = Method(rawValue: try r.int("method")) else { throw r.fail("unknown ensemble method") }
    let vh = try r.int("validationHorizon")
    let weights = try r.reals("weights")
    let n = try r.int("members")
    guard n >= 1, weights.count == n else { throw r.fail("ensemble weights do not match its members") }
    guard vh >= 1 || method == .mean || method == .median else { throw r.fail("missing validation horizon") }
    var members: [any ForecastModel] = []
    for _ in 0..<n { members.append(try ModelArchive.decode(&r)) }
    let e = try Ensemble(members: members, method: method, validationHorizon: vh, alias: alias)
    e.weights = weights
    return e
  }
}
