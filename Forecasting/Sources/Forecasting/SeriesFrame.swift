// The long-format series frame: NeuralForecast's `df` (unique_id, ds, y, exogenous columns).
//
// Storage is per series (column arrays of one id, sorted by time, on the frequency's grid), which is
// what every model consumes; the long format is how frames come in and go out (construction from
// parallel row arrays, CSV in ForecastingIO, `longRows`). Invariants after construction:
// - series ids are unique, in order of first appearance;
// - within a series, `ds[k] == freq.advance(ds[0], by: k)` (gaps were filled by the missing-value
//   policy, never left as jumps);
// - every exogenous column has `y.count` values, static values one per series;
// - no NaN remains unless the policy was `.keep`.

/// A row-aligned exogenous column of a long-format frame.
///
/// ```swift
/// let promo = ExogenousColumn(name: "promo", values: [0, 1, 0, 0])
/// ```
public struct ExogenousColumn: Equatable, Sendable {
  public var name: String
  public var values: [Double]
  public init(name: String, values: [Double]) {
    self.name = name
    self.values = values
  }
}

/// What to do with missing values: NaN in `y` or an exogenous column, and timestamps that the
/// frequency's grid has but the data skips (they become NaN rows first).
///
/// ```swift
/// let frame = try SeriesFrame(freq: .months, uniqueIds: ids, ds: ds, y: y, missing: .linear)
/// ```
public enum MissingPolicy: Equatable, Sendable {
  /// Throw ``ForecastError/missingValue(id:index:)`` at the first missing value.
  case error
  /// Leave NaN in place (for metrics or plots; models reject it).
  case keep
  /// Replace with 0.
  case zero
  /// Carry the last observation forward; leading gaps take the first observation.
  case forwardFill
  /// Linear interpolation between the neighbouring observations; edges take the nearest one.
  case linear
  /// Drop leading missing rows of each series; a later missing value is an error.
  case dropLeading
}

/// One series of a frame.
public struct Series: Equatable, Sendable {
  /// The series' `unique_id`.
  public var id: String
  /// Timestamps, ascending, on the frame's frequency grid.
  public var ds: [Timestamp]
  /// Target values.
  public var y: [Double]
  /// Historical exogenous columns (known only up to now), in the frame's `historicalNames` order.
  public var historical: [[Double]]
  /// Future exogenous columns (known ahead), in the frame's `futureNames` order.
  public var future: [[Double]]
  /// Static covariates, in the frame's `staticNames` order.
  public var statics: [Double]

  /// A series with only a target.
  ///
  /// ```swift
  /// let s = Series(id: "a", ds: stamps, y: values)
  /// ```
  public init(id: String, ds: [Timestamp], y: [Double], historical: [[Double]] = [],
              future: [[Double]] = [], statics: [Double] = []) {
    self.id = id
    self.ds = ds
    self.y = y
    self.historical = historical
    self.future = future
    self.statics = statics
  }

  /// Number of observations.
  public var count: Int { y.count }

  /// The first `n` observations (all columns).
  public func prefix(_ n: Int) -> Series {
    Series(id: id, ds: Array(ds.prefix(n)), y: Array(y.prefix(n)),
           historical: historical.map { Array($0.prefix(n)) },
           future: future.map { Array($0.prefix(n)) }, statics: statics)
  }

  /// Observations `from..<to`.
  public func slice(_ from: Int, _ to: Int) -> Series {
    Series(id: id, ds: Array(ds[from..<to]), y: Array(y[from..<to]),
           historical: historical.map { Array($0[from..<to]) },
           future: future.map { Array($0[from..<to]) }, statics: statics)
  }
}

/// A panel of time series in long format with a common frequency.
///
/// ```swift
/// let frame = try SeriesFrame(freq: .months,
///                             uniqueIds: ["a", "a", "b", "b"],
///                             ds: [jan, feb, jan, feb],
///                             y: [1, 2, 10, 20])
/// frame.series.count      // 2
/// frame.series[1].y       // [10, 20]
/// ```
public struct SeriesFrame: Equatable, Sendable {
  public var freq: Frequency
  public var series: [Series]
  public var historicalNames: [String]
  public var futureNames: [String]
  public var staticNames: [String]

  /// A frame from already-grouped series (checked: grid, column lengths).
  ///
  /// - Throws: ``ForecastError/irregularTimestamps(id:)``, ``ForecastError/lengthMismatch(expected:actual:)``.
  public init(freq: Frequency, series: [Series], historicalNames: [String] = [],
              futureNames: [String] = [], staticNames: [String] = []) throws(ForecastError) {
    self.freq = freq
    self.historicalNames = historicalNames
    self.futureNames = futureNames
    self.staticNames = staticNames
    var seen: [String: Int] = [:]
    for s in series {
      guard seen[s.id] == nil else { throw .invalidArgument("duplicate series id \(s.id)") }
      seen[s.id] = 1
      guard s.ds.count == s.y.count else { throw .lengthMismatch(expected: s.ds.count, actual: s.y.count) }
      guard s.historical.count == historicalNames.count else {
        throw .lengthMismatch(expected: historicalNames.count, actual: s.historical.count)
      }
      guard s.future.count == futureNames.count else {
        throw .lengthMismatch(expected: futureNames.count, actual: s.future.count)
      }
      guard s.statics.count == staticNames.count else {
        throw .lengthMismatch(expected: staticNames.count, actual: s.statics.count)
      }
      for c in s.historical + s.future where c.count != s.y.count {
        throw .lengthMismatch(expected: s.y.count, actual: c.count)
      }
      for k in 1..<max(1, s.ds.count) where freq.advance(s.ds[0], by: k) != s.ds[k] {
        throw .irregularTimestamps(id: s.id)
      }
    }
    self.series = series
  }

  /// A single-series frame from consecutive values starting at `start`.
  ///
  /// ```swift
  /// let air = try SeriesFrame(id: "air", freq: .months, start: jan1949, y: passengers)
  /// ```
  public init(id: String, freq: Frequency, start: Timestamp, y: [Double]) throws(ForecastError) {
    var ds: [Timestamp] = []
    ds.reserveCapacity(y.count)
    for k in 0..<y.count { ds.append(freq.advance(start, by: k)) }
    try self.init(freq: freq, series: [Series(id: id, ds: ds, y: y)])
  }

  /// A frame from long-format parallel arrays (rows in any order).
  ///
  /// Rows are grouped by id (ids keep their order of first appearance) and sorted by time. Timestamps
  /// that the grid has between a series' first and last row but the data lacks become missing rows;
  /// then `missing` decides about every missing value. A `statics` column must be constant per id.
  ///
  /// - Throws: ``ForecastError/lengthMismatch(expected:actual:)`` for ragged arrays,
  ///   ``ForecastError/irregularTimestamps(id:)`` for duplicates or off-grid rows,
  ///   ``ForecastError/missingValue(id:index:)`` per the policy.
  /// - Complexity: O(n log n) for n rows.
  public init(freq: Frequency, uniqueIds: [String], ds: [Timestamp], y: [Double],
              historical: [ExogenousColumn] = [], future: [ExogenousColumn] = [],
              statics: [ExogenousColumn] = [], missing: MissingPolicy = .error) throws(ForecastError) {
    let n = uniqueIds.count
    guard ds.count == n else { throw .lengthMismatch(expected: n, actual: ds.count) }
    guard y.count == n else { throw .lengthMismatch(expected: n, actual: y.count) }
    for c in historical + future + statics where c.values.count != n {
      throw .lengthMismatch(expected: n, actual: c.values.count)
    }
    var index: [String: Int] = [:]
    var order: [String] = []
    var rows: [[Int]] = []
    for r in 0..<n {
      if let k = index[uniqueIds[r]] {
        rows[k].append(r)
      } else {
        index[uniqueIds[r]] = order.count
        order.append(uniqueIds[r])
        rows.append([r])
      }
    }
    var out: [Series] = []
    for (k, id) in order.enumerated() {
      let rs = rows[k].sorted { ds[$0] < ds[$1] }
      let start = ds[rs[0]]
      var positions: [Int] = []
      for r in rs {
        guard let p = freq.steps(from: start, to: ds[r]), positions.last.map({ p > $0 }) ?? true else {
          throw .irregularTimestamps(id: id)
        }
        positions.append(p)
      }
      let len = positions[positions.count - 1] + 1
      var stamps: [Timestamp] = []
      stamps.reserveCapacity(len)
      for p in 0..<len { stamps.append(freq.advance(start, by: p)) }
      func spread(_ v: [Double]) -> [Double] {
        var a = [Double](repeating: .nan, count: len)
        for (j, r) in rs.enumerated() { a[positions[j]] = v[r] }
        return a
      }
      var st: [Double] = []
      for c in statics {
        let v = c.values[rs[0]]
        for r in rs where !(c.values[r] == v || (c.values[r].isNaN && v.isNaN)) {
          throw .invalidArgument("static column \(c.name) varies within series \(id)")
        }
        st.append(v)
      }
      out.append(Series(id: id, ds: stamps, y: spread(y), historical: historical.map { spread($0.values) },
                        future: future.map { spread($0.values) }, statics: st))
    }
    try self.init(freq: freq, series: out, historicalNames: historical.map { $0.name },
                  futureNames: future.map { $0.name }, staticNames: statics.map { $0.name })
    try applyMissing(missing)
  }

  /// Applies a missing-value policy to `y` and every exogenous column of every series.
  ///
  /// ```swift
  /// var f = frame; try f.applyMissing(.linear)
  /// ```
  /// - Complexity: O(rows · columns).
  public mutating func applyMissing(_ policy: MissingPolicy) throws(ForecastError) {
    if policy == .keep { return }
    for k in series.indices {
      var s = series[k]
      if policy == .dropLeading {
        var first = 0
        while first < s.count && (s.y[first].isNaN || (s.historical + s.future).contains { $0[first].isNaN }) {
          first += 1
        }
        s = s.slice(first, s.count)
      }
      s.y = try fillMissing(s.y, policy, id: s.id)
      for c in s.historical.indices { s.historical[c] = try fillMissing(s.historical[c], policy, id: s.id) }
      for c in s.future.indices { s.future[c] = try fillMissing(s.future[c], policy, id: s.id) }
      series[k] = s
    }
  }

  /// Total number of rows.
  public var rowCount: Int { series.reduce(0) { $0 + $1.count } }

  /// The position of the series with `id`.
  public func index(of id: String) -> Int? { series.firstIndex { $0.id == id } }

  /// The frame without the last `n` observations of every series (a training split).
  ///
  /// - Throws: ``ForecastError/seriesTooShort(id:needed:actual:)`` when a series has `n` or fewer.
  public func droppingLast(_ n: Int) throws(ForecastError) -> SeriesFrame {
    var f = self
    for k in f.series.indices {
      let s = f.series[k]
      guard s.count > n else { throw .seriesTooShort(id: s.id, needed: n + 1, actual: s.count) }
      f.series[k] = s.prefix(s.count - n)
    }
    return f
  }

  /// The last `n` observations of every series (a test split).
  ///
  /// - Throws: ``ForecastError/seriesTooShort(id:needed:actual:)``.
  public func lastRows(_ n: Int) throws(ForecastError) -> SeriesFrame {
    var f = self
    for k in f.series.indices {
      let s = f.series[k]
      guard s.count >= n else { throw .seriesTooShort(id: s.id, needed: n, actual: s.count) }
      f.series[k] = s.slice(s.count - n, s.count)
    }
    return f
  }

  /// The frame as long-format parallel arrays (ids, ds, y), series after series.
  public var longRows: (uniqueIds: [String], ds: [Timestamp], y: [Double]) {
    var ids: [String] = [], ds: [Timestamp] = [], y: [Double] = []
    for s in series {
      ids.append(contentsOf: repeatElement(s.id, count: s.count))
      ds.append(contentsOf: s.ds)
      y.append(contentsOf: s.y)
    }
    return (ids, ds, y)
  }
}

/// Fills NaNs of one column according to `policy` (not `.keep`).
func fillMissing(_ v: [Double], _ policy: MissingPolicy, id: String) throws(ForecastError) -> [Double] {
  guard let firstObserved = v.firstIndex(where: { !$0.isNaN }) else {
    if v.isEmpty { return v }
    if policy == .zero { return [Double](repeating: 0, count: v.count) }
    throw .missingValue(id: id, index: 0)
  }
  var out = v
  for i in v.indices where v[i].isNaN {
    switch policy {
    case .error, .dropLeading, .keep: throw .missingValue(id: id, index: i)
    case .zero: out[i] = 0
    case .forwardFill: out[i] = i < firstObserved ? v[firstObserved] : out[i - 1]
    case .linear:
      if i < firstObserved { out[i] = v[firstObserved]; continue }
      var prev = i - 1
      while v[prev].isNaN { prev -= 1 }
      var next = i + 1
      while next < v.count && v[next].isNaN { next += 1 }
      if next == v.count {
        out[i] = v[prev]
      } else {
        let t = Double(i - prev) / Double(next - prev)
        out[i] = v[prev] + t * (v[next] - v[prev])
      }
    }
  }
  return out
}
