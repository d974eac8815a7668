import Foundation
import Testing
@testable import Forecasting
@testable import ForecastingIO

@Suite struct ForecastCSVTests {
  @Test func readsTheSharedDatasets() throws {
    let manifest = try ForecastCSV.read(Paths.datasets.appendingPathComponent("manifest.csv").path)
    for line in manifest.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      let freq = try Frequency.parse(f[2] == "A" ? "A" : f[2])
      let frame = try ForecastCSV.readFrame(path: Paths.datasets.appendingPathComponent(f[1]).path, freq: freq)
      #expect(frame.series.count == 1 && frame.series[0].count == Int(f[5])!)
      #expect(frame.series[0].id == f[0])
    }
  }

  @Test func roundTripsFramesWithExogenousColumns() throws {
    let text = "y,unique_id,ds,promo,price,store\n1.5,\"a,1\",2020-01-01,0,NA,7\n2,\"a,1\",2020-01-02,1,3.25,7\n-4e-3,b,2020-01-01,,1,8\n"
    let f = try ForecastCSV.parseFrame(text, freq: .days(1), futureColumns: ["promo"], staticColumns: ["store"], missing: .keep)
    #expect(f.series.map { $0.id } == ["a,1", "b"] && f.historicalNames == ["price"] && f.futureNames == ["promo"])
    #expect(f.series[0].y == [1.5, 2] && f.series[0].historical[0][0].isNaN && f.series[1].statics == [8])
    let out = ForecastCSV.text(of: f)
    #expect(out.hasPrefix("unique_id,ds,y,price,promo,store\n\"a,1\",2020-01-01,1.5,,0.0,7.0\n"))
    let again = try ForecastCSV.parseFrame(out, freq: .days(1), futureColumns: ["promo"], staticColumns: ["store"], missing: .keep)
    #expect(ForecastCSV.text(of: again) == out)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fcsv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("f.csv").path
    try ForecastCSV.write(again, path: path)
    #expect(try ForecastCSV.readFrame(path: path, freq: .days(1), futureColumns: ["promo"], staticColumns: ["store"], missing: .keep).series.count == 2)
    let fc = Forecaster(models: [Naive()], freq: .days(1))
    let train = try ForecastCSV.parseFrame("unique_id,ds,y\nq\"x,2020-01-01,1\nq\"x,2020-01-02,2\nq\"x,2020-01-03,4\n", freq: .days(1))
    let cv = try fc.crossValidation(train, nWindows: 1, h: 1)
    let cvText = ForecastCSV.text(of: cv)
    #expect(cvText == "unique_id,ds,cutoff,y,Naive\n\"q\"\"x\",2020-01-03,2020-01-02,4.0,2.0\n")
    try fc.fit(train)
    try ForecastCSV.write(try fc.predict(h: 1), path: path)
    #expect(try ForecastCSV.read(path) == "unique_id,ds,Naive\n\"q\"\"x\",2020-01-04,4.0\n")
  }

  @Test(arguments: [
    ("", ForecastError.csv(line: 1, reason: "empty file")),
    ("unique_id,ds\n", .csv(line: 1, reason: "no column y")),
    ("unique_id,ds,y\na,2020-01-01\n", .csv(line: 2, reason: "expected 3 fields, found 2")),
    ("unique_id,ds,y\na,2020-13-01,1\n", .csv(line: 2, reason: "bad date 2020-13-01")),
    ("unique_id,ds,y\na,2020-01-01,x\n", .csv(line: 2, reason: "not a number: x")),
    ("unique_id,ds,y\n\"a,2020-01-01,1\n", .csv(line: 2, reason: "unterminated quote")),
  ])
  func malformedFilesThrow(_ text: String, _ error: ForecastError) {
    #expect(throws: error) { try ForecastCSV.parseFrame(text, freq: .days(1)) }
  }

  @Test func fileErrors() {
    #expect(throws: ForecastError.io("cannot read /nonexistent/x.csv")) { try ForecastCSV.read("/nonexistent/x.csv") }
    #expect(throws: ForecastError.io("cannot write /nonexistent/x.csv")) { try ForecastCSV.save("x", "/nonexistent/x.csv") }
  }
}
