import Testing
@testable import Forecasting

@Suite struct CalendarTests {
  @Test func agreesWithPythonDatetime() throws {
    for r in try fixtureRows("calendar.csv") {
      let t = try Timestamp.parse(r[0])
      let d = t.date
      #expect(d.days == Int(r[1])!)
      #expect(CivilDate(days: d.days) == d)
      #expect(d.weekday == Int(r[2])!)
      #expect(d.dayOfYear == Int(r[3])!)
      #expect(CalendarField.weekOfYear.value(of: t) == Double(r[4])!)
      if !r[5].isEmpty {
        #expect(Frequency.months.advance(t, by: 1).text == r[5])
        #expect(Frequency.months.advance(t, by: -13).text == r[6])
      }
      #expect(Frequency.businessDays.advance(t, by: 5).text == r[7])
      #expect(Frequency.businessDays.advance(t, by: -3).text == r[8])
      #expect(t.text == r[0])
    }
  }

  @Test func roundTripsEveryDayOverCenturies() {
    var d = -800_000
    while d < 3_000_000 {
      let c = CivilDate(days: d)
      #expect(c.isValid && c.days == d)
      d += 997
    }
  }

  @Test func monthEndsStayMonthEnds() {
    #expect(CivilDate(year: 2023, month: 2, day: 28).addingMonths(1) == CivilDate(year: 2023, month: 3, day: 31))
    #expect(CivilDate(year: 2024, month: 1, day: 31).addingMonths(1) == CivilDate(year: 2024, month: 2, day: 29))
    #expect(CivilDate(year: 2024, month: 3, day: 15).addingMonths(-15) == CivilDate(year: 2022, month: 12, day: 15))
    #expect(CivilDate(year: 2000, month: 2, day: 29).addingMonths(12) == CivilDate(year: 2001, month: 2, day: 28))
  }

  @Test func timesOfDay() throws {
    let t = try Timestamp.parse("2000-06-05 13:30:15")
    #expect(t.hour == 13 && t.minute == 30 && t.secondOfDay == 13 * 3600 + 1815)
    #expect(t.text == "2000-06-05 13:30:15")
    #expect(try Timestamp.parse("2000-06-05T13:30").text == "2000-06-05 13:30:00")
    let before = Timestamp(seconds: -1)
    #expect(before.text == "1969-12-31 23:59:59" && before.dayNumber == -1)
    #expect(ts("1949-01-01") < ts("1949-02-01"))
    #expect(pad(-5, 3) == "-005")
  }

  @Test(arguments: ["", "2024-13-01", "2024-02-30", "24-01-01", "2024-01-01 25:00", "2024-01-01 10:61",
                    "2024-01-01 10:00:99", "2024-01-01x", "2024-01-01 10:00x", "2024/01/01", "2024-01-01 10",
                    "2024-01-01 10:00:0"])
  func rejectsMalformedDates(_ text: String) {
    #expect(throws: ForecastError.invalidDate(text)) { try Timestamp.parse(text) }
  }

  @Test func leapYears() {
    #expect(CivilDate.isLeap(2000) && CivilDate.isLeap(2024) && !CivilDate.isLeap(1900) && !CivilDate.isLeap(2023))
    #expect(CivilDate.daysIn(year: 2023, month: 4) == 30)
    #expect(CivilDate.weekday(days: -1) == 2)
  }
}
