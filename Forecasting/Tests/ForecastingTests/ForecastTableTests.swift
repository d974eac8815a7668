import Testing
@testable import Forecasting

@Suite struct ForecastTableTests {
  @Test func namesAndAppend() throws {
    #expect(ForecastTable.intervalNames("MLP", level: 95) == ("MLP-lo-95", "MLP-hi-95"))
    #expect(ForecastTable.intervalNames("MLP", level: 97.5) == ("MLP-lo-97.5", "MLP-hi-97.5"))
    let f = try twoSeries(6)
    let fc = [SeriesForecast(mean: [1, 2]), SeriesForecast(mean: [3, 4])]
    let t = ForecastTable.make(history: f, h: 2, models: [("m", fc)], levels: [80])
    #expect(t.uniqueIds == ["a", "a", "b", "b"] && t.columns.map { $0.name } == ["m"])
    var all = ForecastTable()
    all.append(t)
    all.append(t)
    #expect(all.rowCount == 8)
    #expect(try all.column("m") == [1, 2, 3, 4, 1, 2, 3, 4])
    #expect(t.rows(for: "b").ds == Array(t.ds[2...]))
  }
}
