import Testing
@testable import Forecasting

/// A model that counts its fits and forecasts the last value plus the number of fits so far.
final class CountingModel: ForecastModel {
  var alias = "Counting"
  var seed: UInt64 = 0
  var fits = 0
  func fit(_ frame: SeriesFrame, progress: ProgressHandler?) throws(ForecastError) {
    fits += 1
    progress?(TrainingProgress(model: alias, step: 1, totalSteps: 1, loss: 0))
  }
  func forecast(_ history: SeriesFrame, h: Int, levels: [Double]) throws(ForecastError) -> [SeriesForecast] {
    history.series.map { SeriesForecast(mean: [Double](repeating: $0.y.last! + Double(fits), count: h)) }
  }
  func encode(into archive: inout ArchiveWriter) { archive.begin("Counting", alias: alias, seed: seed) }
}

@Suite struct ForecasterTests {
  @Test func predictBuildsATableWithDatesAndIntervalColumns() throws {
    let air = try airPassengers()
    let fc = Forecaster(models: [Naive(), try SeasonalNaive(seasonLength: 12), try WindowAverage(windowSize: 3)], freq: .months)
    #expect(throws: ForecastError.notFitted("Forecaster")) { try fc.predict(h: 1) }
    try fc.fit(air)
    let t = try fc.predict(h: 3, levels: [90])
    #expect(t.rowCount == 3 && t.ds.map { $0.text } == ["1961-01-01", "1961-02-01", "1961-03-01"])
    #expect(t.columns.map { $0.name } == ["Naive", "Naive-lo-90", "Naive-hi-90", "SeasonalNaive",
                                          "SeasonalNaive-lo-90", "SeasonalNaive-hi-90", "WindowAverage"])
    #expect(try t.column("Naive") == [432, 432, 432])
    #expect(try t.column("SeasonalNaive") == [417, 391, 419])
    #expect(t.cutoff.isEmpty && t.y.isEmpty)
    #expect(throws: ForecastError.unknownColumn("ETS")) { try t.column("ETS") }
  }

  @Test func crossValidationHasCutoffsActualsAndMatchesDirectForecasts() throws {
    let air = try airPassengers()
    let fc = Forecaster(models: [try SeasonalNaive(seasonLength: 12), RandomWalkWithDrift()], freq: .months)
    let cv = try fc.crossValidation(air, nWindows: 3, h: 12, step: 6, levels: [80])
    #expect(cv.rowCount == 36)
    let cutoffs = [cv.cutoff[0], cv.cutoff[12], cv.cutoff[24]].map { $0.text }
    #expect(cutoffs == ["1958-12-01", "1959-06-01", "1959-12-01"])
    #expect(cv.y == Array(air.series[0].y[120..<132]) + Array(air.series[0].y[126..<138]) + Array(air.series[0].y[132..<144]))
    let direct = try RandomWalkWithDrift().forecast(try air.droppingLast(12), h: 12, levels: [80])[0]
    #expect(Array(try cv.column("RWD")[24..<36]) == direct.mean)
    #expect(Array(try cv.column("RWD-lo-80")[24..<36]) == direct.interval(80)!.lo)
    #expect(cv.ds[12].text == "1959-07-01" && cv.ds[24].text == "1960-01-01")
    #expect(fc.trainingFrame == nil)
    let one = cv.rows(for: "AirPassengers")
    #expect(one == cv)
    #expect(cv.rows(for: "none").rowCount == 0)
  }

  @Test func refitControlsHowOftenModelsAreFitted() throws {
    let f = try twoSeries(40)
    let m = CountingModel()
    var reports = 0
    let fc = Forecaster(models: [m], freq: .quarters)
    let refit = try fc.crossValidation(f, nWindows: 4, h: 2, progress: { _ in reports += 1 })
    #expect(m.fits == 4 && reports == 4)
    m.fits = 0
    let once = try fc.crossValidation(f, nWindows: 4, h: 2, refit: false)
    #expect(m.fits == 1)
    #expect(try once.column("Counting")[0] == f.series[0].y[31] + 1)
    #expect(try refit.column("Counting")[refit.rowCount - 1] == f.series[1].y[37] + 4)
  }

  @Test func rejectsBadSetups() throws {
    let f = try twoSeries(10)
    let fc = Forecaster(models: [Naive(), Naive()], freq: .quarters)
    #expect(throws: ForecastError.invalidArgument("duplicate model alias Naive")) { try fc.fit(f) }
    let ok = Forecaster(models: [Naive()], freq: .months)
    #expect(throws: ForecastError.invalidArgument("frame frequency differs from the forecaster's")) { try ok.fit(f) }
    let q = Forecaster(models: [Naive()], freq: .quarters)
    #expect(throws: ForecastError.seriesTooShort(id: "a", needed: 12, actual: 10)) {
      try q.crossValidation(f, nWindows: 2, h: 5)
    }
    #expect(throws: ForecastError.invalidArgument("nWindows and step must be >= 1")) {
      try q.crossValidation(f, nWindows: 0, h: 2)
    }
    #expect(throws: ForecastError.invalidArgument("horizon must be >= 1")) { try q.crossValidation(f, nWindows: 1, h: 0) }
  }
}
