import Forecasting
import ForecastingIO
import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct ForecastCommandTests {
  /// AirPassengers twice, the second copy under an id that is not a safe file name.
  static func twoSeries() throws -> String {
    let text = try String(contentsOfFile: Paths.forecast + "/AirPassengers.csv", encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
    let copy = rows.map { $0.replacingOccurrences(of: "AirPassengers,", with: "Air/2,") }
    return writeTemporary("two.csv", "unique_id,ds,y\n" + (rows + copy).joined(separator: "\n") + "\n")
  }

  @Test func forecastsWithIntervalsPlotsAndCrossValidation() throws {
    let csv = try Self.twoSeries()
    let dir = Paths.temporary()
    let r = ruvswarm(["forecast", csv, "--freq", "M", "-H", "12", "--season", "12", "--models", "snaive,mlp,ensemble",
                      "--levels", "80,95", "--mlp-steps", "5", "-o", dir + "/f.csv", "--cv", "2",
                      "--cv-output", dir + "/cv.csv"])
    #expect(r.code == 0, "\(r.errors)")
    let table = try String(contentsOfFile: dir + "/f.csv", encoding: .utf8)
    #expect(table.hasPrefix("unique_id,ds,"))
    #expect(table.contains("Ensemble-lo-95"))
    #expect(table.split(separator: "\n").count == 25)
    #expect(FileManager.default.fileExists(atPath: dir + "/AirPassengers.svg"))
    let svg = try String(contentsOfFile: dir + "/Air_2.svg", encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("<polygon"))
    #expect(r.output.contains("cv windows 2/2"))
    #expect(r.output.contains("training MLP"))
    #expect(r.output.contains("SeasonalNaive"))
    let cv = try String(contentsOfFile: dir + "/cv.csv", encoding: .utf8)
    #expect(cv.split(separator: "\n").count == 1 + 2 * 2 * 12)
  }

  @Test func plotsGoToTheirOwnFolderAndTheLastModelIsPlotted() throws {
    let dir = Paths.temporary()
    let r = ruvswarm(["forecast", Paths.forecast + "/lynx.csv", "--freq", "A", "--horizon", "6", "--models", "naive,rwd",
                      "--levels", "90", "-o", dir + "/f.csv", "--plots", dir + "/plots"])
    #expect(r.code == 0, "\(r.errors)")
    let svg = try String(contentsOfFile: dir + "/plots/lynx.svg", encoding: .utf8)
    #expect(svg.contains("lynx — RWD"))
  }

  @Test func errorsNameTheProblem() throws {
    let dir = Paths.temporary()
    let air = Paths.forecast + "/AirPassengers.csv"
    func code(_ extra: [String], _ file: String = air) -> Outcome {
      ruvswarm(["forecast", file, "--freq", "M", "-H", "12", "-o", dir + "/f.csv"] + extra)
    }
    #expect(code(["--freq", "fortnight"]).code == 64)
    #expect(code(["--ensemble", "vote"]).code == 64)
    #expect(code(["--levels", "120"]).errors.contains("--levels: \"120\""))
    #expect(code(["--models", "prophet"]).code == 64)
    #expect(code([], "/nonexistent.csv").code == 66)
    #expect(code(["--horizon", "0"]).code == 64)
    #expect(code(["--season", "0"]).code == 64)
    #expect(code(["--cv", "-1"]).code == 64)
    #expect(code(["--mlp-steps", "0"]).code == 64)
    let bad = writeTemporary("bad.csv", "unique_id,ds,y\na,2020-01-01,1\na,2020-02-30,2\n")
    let r = code([], bad)
    #expect(r.code == 65 && r.errors.contains(bad + ":3: bad date 2020-02-30"))
    #expect(ruvswarm(["forecast", air, "--freq", "M", "-H", "12", "--models", "naive", "-o", "/nonexistent/f.csv"]).code == 73)
    #expect(ruvswarm(["forecast", air, "--freq", "M", "-H", "12", "--models", "naive", "-o", dir + "/g.csv",
                      "--plots", "/proc/none"]).code == 73)
    #expect(ruvswarm(["forecast", air, "--freq", "M", "-H", "12", "--models", "naive", "-o", dir + "/g.csv",
                      "--cv", "20"]).code == 65)
    #expect(ruvswarm(["forecast", air, "--freq", "M", "-H", "12", "--models", "naive", "-o", dir + "/g.csv",
                      "--cv", "1", "--cv-output", "/nonexistent/cv.csv"]).code == 73)
  }

  @Test func safeFileNames() {
    #expect(safeFileName("a b/c") == "a_b_c")
    #expect(safeFileName(".hidden") == "_.hidden")
    #expect(safeFileName("") == "_")
  }
}
