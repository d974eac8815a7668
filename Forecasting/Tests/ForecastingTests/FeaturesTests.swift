import Testing
@testable import Forecasting

@Suite struct FeaturesTests {
  @Test func lags() {
    let l = lag([1, 2, 3, 4], 1)
    #expect(l[0].isNaN && Array(l[1...]) == [1, 2, 3])
    let lead = lag([1, 2, 3, 4], -2)
    #expect(Array(lead[0..<2]) == [3, 4] && lead[2].isNaN)
  }

  @Test func rollingStatisticsAgainstDirectFormulas() {
    let y: [Double] = [4, 8, 6, -1, 3, 7]
    for w in 1...4 {
      for stat in [RollingStatistic.mean, .std, .min, .max, .sum] {
        let r = rolling(y, window: w, stat)
        for t in y.indices {
          if t + 1 < w || (stat == .std && w == 1) { #expect(r[t].isNaN); continue }
          let win = Array(y[(t + 1 - w)...t])
          let m = win.reduce(0, +) / Double(w)
          let expected: Double
          switch stat {
          case .mean: expected = m
          case .sum: expected = win.reduce(0, +)
          case .min: expected = win.min()!
          case .max: expected = win.max()!
          case .std: expected = (win.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(w - 1)).squareRoot()
          }
          #expect(close(r[t], expected))
        }
      }
    }
    #expect(rolling(y, window: 0, .mean).allSatisfy { $0.isNaN })
  }

  @Test func calendarFields() {
    let t = ts("2024-12-30 13:45:00")
    let cols = calendarFeatures([t], CalendarField.allCases)
    #expect(cols.map { $0.name } == ["year", "quarter", "month", "week", "day", "dayofweek", "dayofyear", "hour", "minute"])
    #expect(cols.map { $0.values[0] } == [2024, 4, 12, 1, 30, 0, 365, 13, 45])
  }

  @Test func fourier() {
    let f = fourierTerms(positions: [0, 3, 6], period: 12, order: 2)
    #expect(f.map { $0.name } == ["sin1_12", "cos1_12", "sin2_12", "cos2_12"])
    #expect(close(f[0].values, [0, 1, 0], abs: 1e-15) && close(f[1].values, [1, 0, -1], abs: 1e-15))
    #expect(close(f[2].values, [0, 0, 0], abs: 1e-15) && close(f[3].values, [1, -1, 1], abs: 1e-15))
    #expect(fourierTerms(positions: [1], period: 0, order: 1).isEmpty)
    #expect(fourierTerms(positions: [1], period: 4, order: 0).isEmpty)
  }
}
