/// The spacing of a series' timestamps, with calendar arithmetic.
///
/// Fixed-length frequencies (minutes, hours, days, weeks) add seconds; business days skip
/// Saturdays and Sundays; months, quarters and years add calendar months (month ends stay month ends,
/// see ``CivilDate/addingMonths(_:)``).
///
/// ```swift
/// let f = try Frequency.parse("M")                       // .months
/// let t = f.advance(try Timestamp.parse("1949-01-01"), by: 12)
/// t.text                                                  // "1950-01-01"
/// ```
public enum Frequency: Equatable, Hashable, Sendable {
  case minutes(Int)
  case hours(Int)
  case days(Int)
  case businessDays
  case weeks
  case months
  case quarters
  case years

  /// Parses pandas-style aliases: `min`/`T` (with a multiple: `30min`), `h`/`H`, `D`, `B`, `W`,
  /// `M`/`MS`/`ME`, `Q`/`QS`/`QE`, `A`/`Y`/`YS`/`YE`/`AS`.
  ///
  /// - Throws: ``ForecastError/unknownFrequency(_:)``.
  public static func parse(_ text: String) throws(ForecastError) -> Frequency {
    var digits = 0
    var count = 0
    var rest: [UInt8] = []
    for c in text.utf8 {
      if rest.isEmpty && c >= 48 && c <= 57 {
        digits = digits * 10 + Int(c - 48)
        count += 1
        guard count <= 6 else { throw .unknownFrequency(text) }
      } else {
        rest.append(c)
      }
    }
    let k = count == 0 ? 1 : digits
    guard k > 0 else { throw .unknownFrequency(text) }
    let unit = String(decoding: rest, as: UTF8.self)
    switch unit {
    case "min", "T": return .minutes(k)
    case "h", "H": return .hours(k)
    case "D": return .days(k)
    default: break
    }
    guard k == 1 else { throw .unknownFrequency(text) }
    switch unit {
    case "B": return .businessDays
    case "W": return .weeks
    case "M", "MS", "ME": return .months
    case "Q", "QS", "QE": return .quarters
    case "A", "Y", "YS", "YE", "AS": return .years
    default: throw .unknownFrequency(text)
    }
  }

  /// The pandas alias of this frequency.
  public var alias: String {
    switch self {
    case .minutes(let k): return k == 1 ? "min" : "\(k)min"
    case .hours(let k): return k == 1 ? "h" : "\(k)h"
    case .days(let k): return k == 1 ? "D" : "\(k)D"
    case .businessDays: return "B"
    case .weeks: return "W"
    case .months: return "M"
    case .quarters: return "Q"
    case .years: return "A"
    }
  }

  /// The usual seasonal period: 12 for months, 4 quarters, 7 days, 5 business days, 52 weeks,
  /// 24 hours, one day of minutes, 1 for years.
  public var seasonLength: Int {
    switch self {
    case .minutes(let k): return max(1, 1440 / k)
    case .hours(let k): return max(1, 24 / k)
    case .days(let k): return max(1, 7 / k)
    case .businessDays: return 5
    case .weeks: return 52
    case .months: return 12
    case .quarters: return 4
    case .years: return 1
    }
  }

  var fixedSeconds: Int64? {
    switch self {
    case .minutes(let k): return Int64(k) * 60
    case .hours(let k): return Int64(k) * 3600
    case .days(let k): return Int64(k) * 86_400
    case .weeks: return 7 * 86_400
    default: return nil
    }
  }

  var monthsPerStep: Int {
    switch self {
    case .quarters: return 3
    case .years: return 12
    default: return 1
    }
  }

  /// The timestamp `n` steps after `t` (before it for negative `n`).
  ///
  /// ```swift
  /// Frequency.businessDays.advance(friday, by: 1)   // the next Monday
  /// ```
  /// - Complexity: O(1), O(|n|/5 + 1) for business days.
  public func advance(_ t: Timestamp, by n: Int) -> Timestamp {
    if let s = fixedSeconds { return Timestamp(seconds: t.seconds + s * Int64(n)) }
    let sod = Int64(t.secondOfDay)
    if self == .businessDays {
      var day = t.dayNumber
      // Snap a weekend start to the previous Friday so that counting is uniform.
      let w = CivilDate.weekday(days: day)
      if w >= 5 { day -= w - 4 }
      let weeks = n / 5
      var left = n % 5
      day += weeks * 7
      while left > 0 {
        day += 1
        if CivilDate.weekday(days: day) < 5 { left -= 1 }
      }
      while left < 0 {
        day -= 1
        if CivilDate.weekday(days: day) < 5 { left += 1 }
      }
      return Timestamp(seconds: Int64(day) * 86_400 + sod)
    }
    let d = t.date.addingMonths(n * monthsPerStep)
    return Timestamp(seconds: Int64(d.days) * 86_400 + sod)
  }

  /// The number of steps from `a` to `b`, or nil when `b` is not on `a`'s grid.
  ///
  /// ```swift
  /// Frequency.months.steps(from: jan1949, to: jan1950)   // 12
  /// ```
  public func steps(from a: Timestamp, to b: Timestamp) -> Int? {
    var guess: Int
    if let s = fixedSeconds {
      let diff = b.seconds - a.seconds
      guard diff % s == 0 else { return nil }
      return Int(diff / s)
    } else if self == .businessDays {
      guess = (b.dayNumber - a.dayNumber) * 5 / 7
    } else {
      let da = a.date, db = b.date
      guess = ((db.year - da.year) * 12 + db.month - da.month) / monthsPerStep
    }
    for delta in [0, -1, 1, -2, 2] where advance(a, by: guess + delta) == b { return guess + delta }
    return nil
  }

  /// The frequency on whose grid `ds` (ascending, at least two) advance one step at a time, or nil.
  ///
  /// Tried in order: a fixed spacing (weeks if it is 7 days, else days, hours or minutes with the
  /// spacing as multiple), then business days, months, quarters and years.
  ///
  /// ```swift
  /// Frequency.infer(from: series.ds)   // .months for AirPassengers
  /// ```
  /// - Complexity: O(n) per candidate.
  public static func infer(from ds: [Timestamp]) -> Frequency? {
    guard ds.count >= 2 else { return nil }
    let d = ds[1].seconds - ds[0].seconds
    var candidates: [Frequency] = []
    if d > 0 && d % 60 == 0 && d <= 366 * 86_400 {
      if d == 7 * 86_400 {
        candidates.append(.weeks)
      } else if d % 86_400 == 0 {
        candidates.append(.days(Int(d / 86_400)))
      } else if d % 3600 == 0 {
        candidates.append(.hours(Int(d / 3600)))
      } else {
        candidates.append(.minutes(Int(d / 60)))
      }
    }
    candidates += [.businessDays, .months, .quarters, .years]
    for f in candidates where (1..<ds.count).allSatisfy({ f.advance(ds[$0 - 1], by: 1) == ds[$0] }) { return f }
    return nil
  }
}
