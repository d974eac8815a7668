// The NeuralForecast-style front end: a list of models, `fit`, `predict(h:)` and
// `crossValidation(nWindows:h:step:refit:)`.
//
// Cross-validation follows NeuralForecast: with test size h + step·(nWindows − 1), window i
// (0-based) trains on each series up to n − h − step·(nWindows − 1 − i) observations (its cutoff is
// the last of them) and forecasts the next h, which are compared with the actuals in the table's
// `y`. `refit: true` fits every model again for every window; `refit: false` fits once on the first
// window's training data and forecasts the later windows from their longer histories with the same
// fitted state (for the statistical baselines, whose state is their history, both are the same).
//
// Future exogenous columns (NeuralForecast's `futr_exog_list` / `futr_df`, see Forecaster+Future.swift):
// a model fitted with future columns reads the horizon's values of those columns. `predict(h:future:)`
// takes them as a frame of the training frame's series, checked and aligned to the training order;
// `crossValidation` gives each window the true values that follow its cutoff in the full frame, as
// NeuralForecast's `cross_validation` does. Models without future columns never see a future frame.

/// Fits several models on a frame and produces forecast and cross-validation tables.
///
/// ```swift
/// let fc = Forecaster(models: [Naive(), SeasonalNaive(seasonLength: 12)], freq: .months)
/// try fc.fit(train)
/// let table = try fc.predict(h: 12, levels: [80, 95])
/// let cv = try fc.crossValidation(air, nWindows: 3, h: 12)
/// // models fitted with future exogenous columns take the horizon's values:
/// let withPromotions = try fc.predict(h: 12, future: nextYearsPromotions)
/// ```
public final class Forecaster {
  public var models: [any ForecastModel]
  public let freq: Frequency
  /// The frame of the last `fit`.
  public private(set) var trainingFrame: SeriesFrame?

  public init(models: [any ForecastModel], freq: Frequency) {
    self.models = models
    self.freq = freq
  }

  /// Fits every model on `frame`.
  ///
  /// - Throws: ``ForecastError/invalidArgument(_:)`` for a frame of another frequency or
  ///   duplicate aliases, and what the models throw.
  public func fit(_ frame: SeriesFrame, progress: ProgressHandler? = nil) throws(ForecastError) {
    try check(frame)
    for m in models { try m.fit(frame, progress: progress) }
    trainingFrame = frame
  }

  /// Forecasts `h` steps after the training data with every model.
  ///
  /// - Throws: ``ForecastError/notFitted(_:)`` before `fit`, ``ForecastError/invalidArgument(_:)``
  ///   when a model was fitted with future exogenous columns (pass them with
  ///   ``predict(h:future:levels:)``), and what the models throw.
  public func predict(h: Int, levels: [Double] = []) throws(ForecastError) -> ForecastTable {
    try predict(h: h, future: nil, levels: levels)
  }

  /// Forecasts `h` steps after the training data with every model; `future` holds the horizon's
  /// values of the future exogenous columns (NeuralForecast's `futr_df`).
  ///
  /// `future` must hold every series of the training frame (any order) and no other, each with
  /// exactly `max(h, horizon)` rows starting the step after its last training timestamp, where
  /// `horizon` is the longest horizon of the models that read future columns (so exactly `h` rows
  /// when `h` is the models' horizon), and every future column of the training frame (by name,
  /// any order; other columns and `y` are ignored). It may be nil when no model reads future
  /// columns; when given, it is checked all the same.
  ///
  /// ```swift
  /// try fc.fit(train)                           // train.futureNames == ["promo"]
  /// let t = try fc.predict(h: 4, future: next)  // next: 4 rows of "promo" per series
  /// ```
  /// - Throws: ``ForecastError/notFitted(_:)`` before `fit`; for `future`:
  ///   ``ForecastError/invalidArgument(_:)`` (missing while a model needs it, another frequency, a
  ///   series missing or extra), ``ForecastError/unknownColumn(_:)`` (a future column missing),
  ///   ``ForecastError/irregularTimestamps(id:)`` (not starting the step after the history),
  ///   ``ForecastError/seriesTooShort(id:needed:actual:)`` / ``ForecastError/lengthMismatch(expected:actual:)``
  ///   (too few / too many rows), ``ForecastError/missingValue(id:index:)`` (NaN in a future column);
  ///   and what the models throw.
  /// - Complexity: one forecast per model, plus O(rows · columns) to check `future`.
  public func predict(h: Int, future: SeriesFrame?, levels: [Double] = []) throws(ForecastError) -> ForecastTable {
    guard let frame = trainingFrame else { throw .notFitted("Forecaster") }
    try checkRequest(h: h, levels: levels)
    let ahead = try futureFrame(future, history: frame, h: h)
    var outs: [(alias: String, forecasts: [SeriesForecast])] = []
    for m in models { outs.append((m.alias, try forecast(m, frame, future: ahead, h: h, levels: levels))) }
    return ForecastTable.make(history: frame, h: h, models: outs, levels: levels)
  }

  /// Rolling-origin cross-validation (see the file header). Leaves ``trainingFrame`` as it was.
  ///
  /// Models fitted with future exogenous columns get, for each window, the frame's true values of
  /// those columns for the `max(h, horizon)` steps after the window's cutoff (see
  /// ``predict(h:future:levels:)``).
  ///
  /// - Throws: ``ForecastError/seriesTooShort(id:needed:actual:)`` when a series cannot hold the
  ///   windows and at least two training observations, or (models with future columns and a horizon
  ///   longer than `h`) the future rows after a window's cutoff, and what the models throw.
  /// - Complexity: nWindows fits with `refit`, one without.
  public func crossValidation(_ frame: SeriesFrame, nWindows: Int, h: Int, step: Int? = nil, refit: Bool = true,
                              levels: [Double] = [], progress: ProgressHandler? = nil) throws(ForecastError) -> ForecastTable {
    try check(frame)
    try checkRequest(h: h, levels: levels)
    let step = step ?? h
    guard nWindows >= 1, step >= 1 else { throw .invalidArgument("nWindows and step must be >= 1") }
    let testSize = h + step * (nWindows - 1)
    for s in frame.series where s.count < testSize + 2 {
      throw .seriesTooShort(id: s.id, needed: testSize + 2, actual: s.count)
    }
    var table = ForecastTable()
    for w in 0..<nWindows {
      let drop = testSize - w * step
      let train = try frame.droppingLast(drop)
      if refit || w == 0 {
        for m in models { try m.fit(train, progress: progress) }
      }
      let ahead = try windowFuture(frame, history: train, drop: drop, h: h)
      var outs: [(alias: String, forecasts: [SeriesForecast])] = []
      for m in models { outs.append((m.alias, try forecast(m, train, future: ahead, h: h, levels: levels))) }
      var t = ForecastTable.make(history: train, h: h, models: outs, levels: levels)
      for s in frame.series {
        let end = s.count - drop
        for k in 0..<h {
          t.cutoff.append(s.ds[end - 1])
          t.y.append(s.y[end + k])
        }
      }
      table.append(t)
    }
    return table
  }

  func check(_ frame: SeriesFrame) throws(ForecastError) {
    guard frame.freq == freq else { throw .invalidArgument("frame frequency differs from the forecaster's") }
    for i in models.indices {
      for j in models.indices where j > i && models[i].alias == models[j].alias {
        throw .invalidArgument("duplicate model alias " + models[i].alias)
      }
    }
  }
}
