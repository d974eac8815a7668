import Testing
@testable import Forecasting

@Suite struct PlotTests {
  @Test func svgHasHistoryForecastBandsAndEscapedTitle() {
    let f = SeriesForecast(mean: [3, 4], intervals: [PredictionInterval(level: 80, lo: [2, 3], hi: [4, 5]),
                                                     PredictionInterval(level: 95, lo: [1, 2], hi: [5, 6])])
    let svg = ForecastPlot.svg(history: [1, 2, .nan], forecast: f, actuals: [3.5, 4.5], title: "a<b & c>", width: 200, height: 100)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\""))
    #expect(svg.contains("a&lt;b &amp; c&gt;"))
    #expect(svg.components(separatedBy: "<polygon").count == 3)
    #expect(svg.components(separatedBy: "<polyline").count == 4)
    #expect(svg.contains("<title>95.00%</title></polygon>\n<polygon") && svg.hasSuffix("</svg>\n"))
    // Snapshot of the coordinate mapping: the top of the range is y = 30, the bottom y = 70.
    #expect(svg.contains(">6.00</text>") && svg.contains(">1.00</text>"))
    #expect(svg.contains("60.00,70.00 "))
  }

  @Test func degenerateRangesAndFormatting() {
    let flat = ForecastPlot.svg(history: [2, 2], forecast: SeriesForecast(mean: [2]))
    #expect(flat.contains(">3.00</text>") && flat.contains(">1.00</text>"))
    let empty = ForecastPlot.svg(history: [], forecast: SeriesForecast(mean: []))
    #expect(empty.contains(">2.00</text>"))
    #expect(ForecastPlot.fmt(-12.3) == "-12.30" && ForecastPlot.fmt(-0.001) == "0.00" && ForecastPlot.fmt(.nan) == "0")
    #expect(ForecastPlot.fmt(1e300) == "9e13" && ForecastPlot.fmt(-1e300) == "-9e13")
  }
}
