import Foundation
import ForecastingIO
import Testing
@testable import Forecasting

@Suite struct ThetaTests {
  // Agreement with statsforecast's Theta: ExponentialSmoothingTests (matchesStatsforecastOn…).

  @Test func driftIsHalfTheLinearSlope() throws {
    // A straight line: SES follows it with α → 1, the drift adds half the slope per step.
    let y = (0..<40).map { 5 + 2 * Double($0) }
    let f = try SeriesFrame(id: "line", freq: .years, start: try Timestamp.parse("2000-01-01"), y: y)
    let fc = try Theta(seasonLength: 1).forecast(f, h: 4, levels: [90])[0]
    #expect(zip(fc.mean, fc.mean.dropFirst()).allSatisfy { close($1 - $0, 1, rel: 1e-6, abs: 1e-6) })
    #expect(fc.mean[0] > y[39])
    #expect(fc.intervals[0].lo[0] <= fc.mean[0] && fc.mean[0] <= fc.intervals[0].hi[0])
  }

  @Test func beatsNaiveOnAirPassengers() throws {
    let all = try airPassengers()
    let train = try all.droppingLast(12), actual = try all.lastRows(12).series[0].y
    let theta = try Theta(seasonLength: 12).forecast(train, h: 12, levels: [])[0].mean
    let naive = try SeasonalNaive(seasonLength: 12).forecast(train, h: 12, levels: [])[0].mean
    let thetaMAE = try Metrics.mae(actual, theta), naiveMAE = try Metrics.mae(actual, naive)
    #expect(thetaMAE < naiveMAE)
  }

  @Test func badInputAndArchives() throws {
    #expect(throws: ForecastError.self) { try Theta(seasonLength: 0) }
    let m = try Theta(seasonLength: 4, alias: "T")
    let f = try twoSeries(30)
    try m.fit(f, progress: nil)
    let back = try ModelArchive.load(ModelArchive.save(m))
    #expect(back.alias == "T" && (back as? Theta)?.seasonLength == 4)
    #expect(try back.forecast(f, h: 5, levels: [80]) == m.forecast(f, h: 5, levels: [80]))
    let nan = try SeriesFrame(id: "n", freq: .years, start: try Timestamp.parse("2000-01-01"), y: [1, .nan, 3, 4])
    #expect(throws: ForecastError.missingValue(id: "n", index: 1)) { try m.fit(nan, progress: nil) }
    #expect(throws: ForecastError.missingValue(id: "n", index: 1)) { try m.forecast(nan, h: 1, levels: []) }
    let bad = ModelArchive.save(m).replacingOccurrences(of: "seasonLength 4", with: "seasonLength -1")
    #expect(throws: ForecastError.self) { try ModelArchive.load(bad) }
  }
}
