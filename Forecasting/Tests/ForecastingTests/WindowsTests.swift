import Testing
@testable import Forecasting

@Suite struct WindowsTests {
  @Test(arguments: 1...5)
  func windowsMatchAScalarReference(_ step: Int) throws {
    let f = try twoSeries(13)
    let w = try Windows(f, inputSize: 4, horizon: 3, step: step)
    var expected: [(Int, Int)] = []
    for k in 0..<2 {
      var starts: [Int] = []
      var s = 13 - 7
      while s >= 0 { starts.append(s); s -= step }
      for st in starts.reversed() { expected.append((k, st)) }
    }
    #expect(w.count == expected.count)
    for (i, (k, st)) in expected.enumerated() {
      #expect(w.seriesIndex[i] == k && w.targetStart[i] == st + 4)
      #expect(w.input(i) == Array(f.series[k].y[st..<(st + 4)]))
      #expect(w.target(i) == Array(f.series[k].y[(st + 4)..<(st + 7)]))
    }
    #expect(w.targetStart.last == 10)
  }

  @Test func shortSeriesAreSkippedAndSizesChecked() throws {
    let f = try twoSeries(5)
    #expect(try Windows(f, inputSize: 4, horizon: 2).count == 0)
    #expect(try Windows(f, inputSize: 3, horizon: 2).count == 2)
    #expect(throws: ForecastError.invalidArgument("windows need inputSize, horizon and step >= 1")) {
      try Windows(f, inputSize: 0, horizon: 2)
    }
  }
}
