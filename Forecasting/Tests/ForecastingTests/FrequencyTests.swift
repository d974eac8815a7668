import Testing
@testable import Forecasting

@Suite struct FrequencyTests {
  @Test(arguments: [("30min", Frequency.minutes(30)), ("min", .minutes(1)), ("T", .minutes(1)), ("h", .hours(1)),
                    ("2H", .hours(2)), ("D", .days(1)), ("7D", .days(7)), ("B", .businessDays), ("W", .weeks),
                    ("M", .months), ("MS", .months), ("ME", .months), ("Q", .quarters), ("QS", .quarters),
                    ("A", .years), ("Y", .years), ("YS", .years)])
  func parsesAliases(_ text: String, _ f: Frequency) throws {
    #expect(try Frequency.parse(text) == f)
    #expect(try Frequency.parse(f.alias) == f)
  }

  @Test(arguments: ["", "x", "0min", "2M", "3B", "1234567min", "m"])
  func rejectsUnknown(_ text: String) {
    #expect(throws: ForecastError.unknownFrequency(text)) { try Frequency.parse(text) }
  }

  @Test func seasonLengths() {
    let cases: [(Frequency, Int)] = [(.minutes(30), 48), (.hours(1), 24), (.days(1), 7), (.businessDays, 5),
                                      (.weeks, 52), (.months, 12), (.quarters, 4), (.years, 1), (.days(7), 1)]
    for (f, m) in cases { #expect(f.seasonLength == m) }
  }

  @Test func advancesAndCountsSteps() throws {
    let cases: [(Frequency, String, Int, String)] = [
      (.minutes(30), "2000-06-05 23:30:00", 3, "2000-06-06 01:00:00"),
      (.hours(2), "2000-06-05", -1, "2000-06-04 22:00:00"),
      (.days(1), "2024-02-28", 2, "2024-03-01"),
      (.weeks, "2024-01-01", 52, "2024-12-30"),
      (.quarters, "1956-01-01", 5, "1957-04-01"),
      (.years, "1821-01-01", 100, "1921-01-01"),
      (.businessDays, "2026-11-20", 1, "2026-11-23"),
      (.businessDays, "2026-11-23", -1, "2026-11-20"),
      (.businessDays, "2026-11-18", 12, "2026-12-04"),
    ]
    for (f, a, n, b) in cases {
      let t = f.advance(ts(a), by: n)
      #expect(t.text == b)
      #expect(f.steps(from: ts(a), to: t) == n)
    }
    #expect(Frequency.months.steps(from: ts("2000-01-01"), to: ts("2000-01-15")) == nil)
    #expect(Frequency.hours(1).steps(from: ts("2000-01-01"), to: ts("2000-01-01 00:30")) == nil)
  }
}

@Suite struct FrequencyInferenceTests {
  @Test(arguments: [Frequency.minutes(30), .minutes(1), .hours(1), .hours(6), .days(1), .days(3), .weeks,
                    .businessDays, .months, .quarters, .years])
  func infersWhatItGenerated(_ f: Frequency) {
    let start = ts("2026-11-18")
    let ds = (0..<20).map { f.advance(start, by: $0) }
    #expect(Frequency.infer(from: ds) == f)
  }

  @Test func irregularOrTooShort() {
    #expect(Frequency.infer(from: [ts("2020-01-01")]) == nil)
    #expect(Frequency.infer(from: [ts("2020-01-01"), ts("2020-01-02"), ts("2020-01-04")]) == nil)
    #expect(Frequency.infer(from: [ts("2020-01-01 00:00:00"), Timestamp(seconds: ts("2020-01-01").seconds + 7)]) == nil)
    #expect(Frequency.infer(from: [ts("2020-01-01"), ts("2010-01-01")]) == nil)
  }
}
