// Forecast tables: NeuralForecast's output data frames (unique_id, ds, [cutoff, y], one column per
// model and interval bound, named `<alias>`, `<alias>-lo-<level>`, `<alias>-hi-<level>`).

/// A named column of model outputs.
public struct ForecastColumn: Equatable, Sendable {
  public var name: String
  public var values: [Double]
  public init(name: String, values: [Double]) {
    self.name = name
    self.values = values
  }
}

/// Rows of forecasts: one per series and step (and window, for cross-validation).
///
/// ```swift
/// let table = try fc.predict(h: 12)
/// table.rowCount                   // 12 per series
/// try table.column("Naive")        // the Naive forecasts
/// ```
public struct ForecastTable: Equatable, Sendable {
  public var uniqueIds: [String] = []
  public var ds: [Timestamp] = []
  /// For cross-validation: the last timestamp of each row's training data; empty otherwise.
  public var cutoff: [Timestamp] = []
  /// For cross-validation: the actual value of each row; empty otherwise.
  public var y: [Double] = []
  public var columns: [ForecastColumn] = []

  public init() {}

  /// Number of rows.
  public var rowCount: Int { uniqueIds.count }

  /// The column called `name`.
  ///
  /// - Throws: ``ForecastError/unknownColumn(_:)``.
  public func column(_ name: String) throws(ForecastError) -> [Double] {
    guard let c = columns.first(where: { $0.name == name }) else { throw .unknownColumn(name) }
    return c.values
  }

  /// Names of the interval columns of `alias` at `level`.
  public static func intervalNames(_ alias: String, level: Double) -> (lo: String, hi: String) {
    let l = level == level.rounded() ? "\(Int(level))" : "\(level)"
    return (alias + "-lo-" + l, alias + "-hi-" + l)
  }

  /// The rows where `unique_id == id`, as a new table.
  public func rows(for id: String) -> ForecastTable {
    var t = ForecastTable()
    let idx = uniqueIds.indices.filter { uniqueIds[$0] == id }
    t.uniqueIds = idx.map { uniqueIds[$0] }
    t.ds = idx.map { ds[$0] }
    if !cutoff.isEmpty { t.cutoff = idx.map { cutoff[$0] } }
    if !y.isEmpty { t.y = idx.map { y[$0] } }
    t.columns = columns.map { c in ForecastColumn(name: c.name, values: idx.map { c.values[$0] }) }
    return t
  }

  /// Appends the rows of `other` (same columns in the same order).
  mutating func append(_ other: ForecastTable) {
    if columns.isEmpty { columns = other.columns.map { ForecastColumn(name: $0.name, values: []) } }
    uniqueIds += other.uniqueIds
    ds += other.ds
    cutoff += other.cutoff
    y += other.y
    for k in columns.indices { columns[k].values += other.columns[k].values }
  }

  /// A table of `h` rows per series of `history`, with the models' forecasts as columns.
  static func make(history: SeriesFrame, h: Int, models: [(alias: String, forecasts: [SeriesForecast])],
                   levels: [Double]) -> ForecastTable {
    var t = ForecastTable()
    for s in history.series {
      let last = s.ds[s.count - 1]
      for k in 1...h {
        t.uniqueIds.append(s.id)
        t.ds.append(history.freq.advance(last, by: k))
      }
    }
    for (alias, forecasts) in models {
      t.columns.append(ForecastColumn(name: alias, values: forecasts.flatMap { $0.mean }))
      for level in levels.sorted() where forecasts.allSatisfy({ $0.interval(level) != nil }) {
        let names = intervalNames(alias, level: level)
        t.columns.append(ForecastColumn(name: names.lo, values: forecasts.flatMap { $0.interval(level)!.lo }))
        t.columns.append(ForecastColumn(name: names.hi, values: forecasts.flatMap { $0.interval(level)!.hi }))
      }
    }
    return t
  }
}
