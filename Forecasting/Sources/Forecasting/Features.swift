// Feature engineering for exogenous inputs: lags, rolling statistics, calendar fields and Fourier
// terms (the features of mlforecast / statsforecast, computed per series).
//
// Conventions: output arrays have the length of the input; positions without enough history are
// NaN (lags: the first k; rolling: the first window − 1). Rolling windows end at and include t
// (apply a lag first for a strictly past feature, as mlforecast does with `lag_transforms`).

/// The value `k` steps earlier; NaN for the first `k` positions.
///
/// ```swift
/// lag([1, 2, 3, 4], 1)   // [nan, 1, 2, 3]
/// ```
/// - Complexity: O(n).
public func lag(_ y: [Double], _ k: Int) -> [Double] {
  var out = [Double](repeating: .nan, count: y.count)
  if k >= 0 {
    for t in y.indices where t >= k { out[t] = y[t - k] }
  } else {
    for t in y.indices where t - k < y.count { out[t] = y[t - k] }
  }
  return out
}

/// A statistic of a rolling window.
public enum RollingStatistic: Equatable, Sendable {
  case mean, std, min, max, sum
}

/// The statistic over `y[t−window+1 … t]`; NaN for the first `window − 1` positions (`std` is the
/// sample standard deviation, NaN for a window of 1).
///
/// ```swift
/// rolling([1, 2, 3, 4], window: 2, .mean)   // [nan, 1.5, 2.5, 3.5]
/// ```
/// - Complexity: O(n · window).
public func rolling(_ y: [Double], window: Int, _ stat: RollingStatistic) -> [Double] {
  var out = [Double](repeating: .nan, count: y.count)
  guard window >= 1 else { return out }
  for t in y.indices where t + 1 >= window {
    let w = y[(t + 1 - window)...t]
    switch stat {
    case .mean: out[t] = w.reduce(0, +) / Double(window)
    case .sum: out[t] = w.reduce(0, +)
    case .min: out[t] = w.min()!
    case .max: out[t] = w.max()!
    case .std:
      guard window > 1 else { continue }
      let m = w.reduce(0, +) / Double(window)
      var ss = 0.0
      for v in w { ss += (v - m) * (v - m) }
      out[t] = (ss / Double(window - 1)).squareRoot()
    }
  }
  return out
}

/// A calendar field of a timestamp.
public enum CalendarField: Equatable, Sendable, CaseIterable {
  case year, quarter, month, weekOfYear, dayOfMonth, dayOfWeek, dayOfYear, hour, minute

  /// The field's value (ISO week number for `weekOfYear`; Monday = 0 for `dayOfWeek`).
  ///
  /// ```swift
  /// CalendarField.month.value(of: try Timestamp.parse("1949-03-01"))   // 3
  /// ```
  public func value(of t: Timestamp) -> Double {
    let d = t.date
    switch self {
    case .year: return Double(d.year)
    case .quarter: return Double((d.month - 1) / 3 + 1)
    case .month: return Double(d.month)
    case .weekOfYear: return Double(isoWeek(d))
    case .dayOfMonth: return Double(d.day)
    case .dayOfWeek: return Double(d.weekday)
    case .dayOfYear: return Double(d.dayOfYear)
    case .hour: return Double(t.hour)
    case .minute: return Double(t.minute)
    }
  }
}

/// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
func isoWeek(_ d: CivilDate) -> Int {
  let thursday = d.days - d.weekday + 3
  let td = CivilDate(days: thursday)
  return (thursday - CivilDate(year: td.year, month: 1, day: 1).days) / 7 + 1
}

/// One column per field for the timestamps `ds`.
///
/// ```swift
/// let cols = calendarFeatures(series.ds, [.month, .dayOfWeek])
/// ```
public func calendarFeatures(_ ds: [Timestamp], _ fields: [CalendarField]) -> [ExogenousColumn] {
  var names: [String] = []
  for f in fields {
    switch f {
    case .year: names.append("year")
    case .quarter: names.append("quarter")
    case .month: names.append("month")
    case .weekOfYear: names.append("week")
    case .dayOfMonth: names.append("day")
    case .dayOfWeek: names.append("dayofweek")
    case .dayOfYear: names.append("dayofyear")
    case .hour: names.append("hour")
    case .minute: names.append("minute")
    }
  }
  return fields.indices.map { i in ExogenousColumn(name: names[i], values: ds.map { fields[i].value(of: $0) }) }
}

/// Fourier terms sin(2πkt/period), cos(2πkt/period) for k = 1…order at positions `t`
/// (statsforecast's `fourier`: positions count steps from the series start; continue them into
/// the future for the horizon).
///
/// ```swift
/// let f = fourierTerms(positions: Array(0..<144), period: 12, order: 2)   // sin1, cos1, sin2, cos2
/// ```
/// - Complexity: O(n · order).
public func fourierTerms(positions t: [Int], period: Double, order: Int) -> [ExogenousColumn] {
  var out: [ExogenousColumn] = []
  guard period > 0 else { return out }
  for k in 1...max(1, order) where k <= order {
    var s: [Double] = [], c: [Double] = []
    for p in t {
      let angle = 2 * Double.pi * Double(k) * Double(p) / period
      s.append(mSin(angle))
      c.append(mCos(angle))
    }
    out.append(ExogenousColumn(name: "sin\(k)_\(Int(period))", values: s))
    out.append(ExogenousColumn(name: "cos\(k)_\(Int(period))", values: c))
  }
  return out
}
