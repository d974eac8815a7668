// Forecaster + future exogenous values: NeuralForecast's `futr_df` for `predict`, and the true
// future covariates of each cross-validation window.
//
// Purpose: the models of ``CovariateNetwork`` fitted with future columns read the horizon's values of
// those columns (`forecast(_:future:h:levels:)`). This file finds those models, checks a user's
// future frame against the training frame and aligns it (series and columns in the training order),
// and cuts each cross-validation window's future frame from the full frame.
// Invariants:
// - a model reads future columns iff it is a ``CovariateNetwork`` whose fit saw future columns
//   (`futureCount > 0`); every other model is called through the protocol's `forecast(_:h:levels:)`,
//   exactly as before future frames existed;
// - the aligned frame has the history's series in the history's order, `rows` rows each starting
//   the step after the history's last timestamp, and the history's future columns in the history's
//   order, without NaN; `rows = max(h, longest horizon of the models reading future columns)`,
//   because a model's network reads its whole horizon of future values (NeuralForecast's `futr_df`
//   likewise covers the model's `h`);
// - a future frame that is given is checked even when no model reads it, so a bad frame is an error
//   whatever the models.
// Reference: NeuralForecast `core.NeuralForecast.predict(futr_df=…)` and `cross_validation`.

extension Forecaster {
  /// The model as a network that reads future columns, or nil.
  func futureReader(_ m: any ForecastModel) -> CovariateNetwork? {
    guard let c = m as? CovariateNetwork, c.futureCount > 0 else { return nil }
    return c
  }

  /// Rows of future values the models need after each history for an `h`-step forecast.
  func futureRows(h: Int) -> Int {
    var rows = h
    for m in models { if let c = futureReader(m) { rows = max(rows, c.horizon) } }
    return rows
  }

  /// `m`'s forecast, with `future` for a model that reads future columns.
  func forecast(_ m: any ForecastModel, _ history: SeriesFrame, future: SeriesFrame?, h: Int, levels: [Double])
    throws(ForecastError) -> [SeriesForecast]
  {
    guard let c = futureReader(m) else { return try m.forecast(history, h: h, levels: levels) }
    guard let future else {
      throw .invalidArgument(m.alias + " was fitted with future exogenous columns: pass them with predict(h:future:levels:)")
    }
    return try c.forecast(history, future: future, h: h, levels: levels)
  }

  /// `future` checked against `history` and aligned to it (see the file header); nil when `future`
  /// is nil (the models that need one then throw in `forecast`).
  func futureFrame(_ future: SeriesFrame?, history: SeriesFrame, h: Int) throws(ForecastError) -> SeriesFrame? {
    guard let future else { return nil }
    guard future.freq == history.freq else {
      throw .invalidArgument("the future frame's frequency differs from the forecaster's")
    }
    var columns: [Int] = []
    for name in history.futureNames {
      guard let k = future.futureNames.firstIndex(of: name) else { throw .unknownColumn(name) }
      columns.append(k)
    }
    var position: [String: Int] = [:]
    for (k, s) in future.series.enumerated() { position[s.id] = k }
    if future.series.count > history.series.count {
      var known: [String: Int] = [:]
      for s in history.series { known[s.id] = 1 }
      for s in future.series where known[s.id] == nil {
        throw .invalidArgument("the future frame has series " + s.id + ", which the history has not")
      }
    }
    let rows = futureRows(h: h)
    var out: [Series] = []
    out.reserveCapacity(history.series.count)
    for s in history.series {
      guard let k = position[s.id] else { throw .invalidArgument("the future frame has no series " + s.id) }
      let fs = future.series[k]
      guard let last = s.ds.last, fs.ds.first == history.freq.advance(last, by: 1) else {
        throw .irregularTimestamps(id: s.id)
      }
      guard fs.count >= rows else { throw .seriesTooShort(id: s.id, needed: rows, actual: fs.count) }
      guard fs.count == rows else { throw .lengthMismatch(expected: rows, actual: fs.count) }
      var cols: [[Double]] = []
      cols.reserveCapacity(columns.count)
      for c in columns {
        if let i = fs.future[c].firstIndex(where: { $0.isNaN }) { throw .missingValue(id: s.id, index: i) }
        cols.append(fs.future[c])
      }
      out.append(Series(id: s.id, ds: fs.ds, y: fs.y, future: cols))
    }
    return try SeriesFrame(freq: history.freq, series: out, futureNames: history.futureNames)
  }

  /// A cross-validation window's future frame: the `futureRows(h:)` rows of `frame` after the cutoff
  /// of `history` (`frame` without its last `drop` rows per series); nil when no model reads future
  /// columns.
  func windowFuture(_ frame: SeriesFrame, history: SeriesFrame, drop: Int, h: Int) throws(ForecastError) -> SeriesFrame? {
    guard models.contains(where: { futureReader($0) != nil }) else { return nil }
    let rows = futureRows(h: h)
    var f = frame
    for k in f.series.indices {
      let s = f.series[k], end = s.count - drop
      guard rows <= drop else { throw .seriesTooShort(id: s.id, needed: end + rows, actual: s.count) }
      f.series[k] = s.slice(end, end + rows)
    }
    return try futureFrame(f, history: history, h: h)
  }
}
