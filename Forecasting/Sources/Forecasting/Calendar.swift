// Civil calendar arithmetic without Foundation.
//
// Timestamps are whole seconds since 1970-01-01 00:00:00 in a proleptic Gregorian calendar with no
// time zone and no leap seconds (the "naive" datetimes of pandas). Days and civil dates convert with
// Howard Hinnant's `days_from_civil` / `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html),
// exact for every Int64 day count that fits a year in ±2^31. Invariants:
// - `CivilDate(days: d).days == d` for every `d`;
// - `Timestamp.parse(t.text) == t` for every timestamp in years 0...9999.

/// A day of the proleptic Gregorian calendar.
///
/// ```swift
/// let d = CivilDate(year: 2024, month: 2, day: 29)
/// d.days        // 19782 days since 1970-01-01
/// d.weekday     // 3 (Thursday; Monday is 0, as in pandas)
/// ```
public struct CivilDate: Equatable, Hashable, Sendable {
  public var year: Int
  public var month: Int
  public var day: Int

  /// A date from its fields; the caller is responsible for a valid day (see ``isValid``).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`).
  ///
  /// - Complexity: O(1).
  public init(days: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }

  /// Days since 1970-01-01 (Hinnant's `days_from_civil`).
  ///
  /// - Complexity: O(1).
  public var days: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Monday = 0 … Sunday = 6 (pandas' `dayofweek`).
  public var weekday: Int { CivilDate.weekday(days: days) }

  /// 1-based day of the year.
  public var dayOfYear: Int { days - CivilDate(year: year, month: 1, day: 1).days + 1 }

  /// Whether month and day name a real day.
  public var isValid: Bool { month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysIn(year: year, month: month) }

  /// Monday = 0 … Sunday = 6 for a day count (1970-01-01 was a Thursday).
  public static func weekday(days: Int) -> Int {
    let w = (days + 3) % 7
    return w < 0 ? w + 7 : w
  }

  /// Whether `year` is a Gregorian leap year.
  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  /// The number of days of a month.
  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The date `n` months later (earlier for negative `n`). A month-end date stays a month-end
  /// (Jan 31 + 1 = Feb 28/29, Feb 28 + 1 = Mar 31 in a non-leap year); other days are clamped to
  /// the target month's length.
  ///
  /// ```swift
  /// CivilDate(year: 2023, month: 1, day: 31).addingMonths(1)   // 2023-02-28
  /// ```
  public func addingMonths(_ n: Int) -> CivilDate {
    let index = year * 12 + (month - 1) + n
    let y = index >= 0 ? index / 12 : (index - 11) / 12
    let m = index - y * 12 + 1
    let last = CivilDate.daysIn(year: y, month: m)
    let isMonthEnd = day == CivilDate.daysIn(year: year, month: month) && day >= 28
    return CivilDate(year: y, month: m, day: isMonthEnd ? last : min(day, last))
  }
}

/// A point in time: whole seconds since 1970-01-01 00:00:00 (no time zone).
///
/// ```swift
/// let t = try Timestamp.parse("1949-01-01")
/// t.text                     // "1949-01-01"
/// t.date.month               // 1
/// ```
public struct Timestamp: Comparable, Hashable, Sendable {
  public var seconds: Int64

  public init(seconds: Int64) { self.seconds = seconds }

  /// Midnight of `date`, plus an optional time of day.
  public init(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    seconds = Int64(date.days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

  /// Days since 1970-01-01 (floor).
  public var dayNumber: Int {
    let d = seconds / 86_400
    return Int(seconds % 86_400 < 0 ? d - 1 : d)
  }

  /// Seconds since midnight.
  public var secondOfDay: Int { Int(seconds - Int64(dayNumber) * 86_400) }

  /// The civil date of this instant.
  public var date: CivilDate { CivilDate(days: dayNumber) }

  /// Hour of day, 0–23.
  public var hour: Int { secondOfDay / 3600 }

  /// Minute of hour, 0–59.
  public var minute: Int { secondOfDay % 3600 / 60 }

  /// `YYYY-MM-DD` at midnight, `YYYY-MM-DD HH:MM:SS` otherwise (years 0…9999 print 4 digits).
  ///
  /// - Complexity: O(1).
  public var text: String {
    let d = date
    var s = pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
    let sod = secondOfDay
    if sod != 0 {
      s += " " + pad(sod / 3600, 2) + ":" + pad(sod % 3600 / 60, 2) + ":" + pad(sod % 60, 2)
    }
    return s
  }

  /// Parses `YYYY-MM-DD`, optionally followed by ` HH:MM` or ` HH:MM:SS` (a `T` also separates).
  ///
  /// ```swift
  /// let t = try Timestamp.parse("2000-06-05 00:30:00")
  /// ```
  /// - Throws: ``ForecastError/invalidDate(_:)`` for anything else or an impossible day or time.
  public static func parse(_ text: String) throws(ForecastError) -> Timestamp {
    let b = Array(text.utf8)
    var i = 0
    func number(_ count: Int) -> Int? {
      guard i + count <= b.count else { return nil }
      var v = 0
      for k in i..<(i + count) {
        let c = b[k]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      i += count
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < b.count && b[i] == c else { return false }
      i += 1
      return true
    }
    guard let y = number(4), expect(45), let m = number(2), expect(45), let d = number(2) else {
      throw .invalidDate(text)
    }
    let date = CivilDate(year: y, month: m, day: d)
    guard date.isValid else { throw .invalidDate(text) }
    var hh = 0, mm = 0, ss = 0
    if i < b.count {
      guard expect(32) || expect(84), let h = number(2), expect(58), let mi = number(2) else {
        throw .invalidDate(text)
      }
      hh = h
      mm = mi
      if i < b.count {
        guard expect(58), let s = number(2) else { throw .invalidDate(text) }
        ss = s
      }
      guard i == b.count, hh < 24, mm < 60, ss < 60 else { throw .invalidDate(text) }
    }
    return Timestamp(date, hour: hh, minute: mm, second: ss)
  }
}

/// Decimal `v` left-padded with zeros to `width` digits (a minus sign first when negative).
func pad(_ v: Int, _ width: Int) -> String {
  var digits: [UInt8] = []
  var x = v < 0 ? -v : v
  repeat {
    digits.append(UInt8(48 + x % 10))
    x /= 10
  } while x > 0
  while digits.count < width { digits.append(48) }
  if v < 0 { digits.append(45) }
  return String(decoding: digits.reversed(), as: UTF8.self)
}
