import Forecasting
import Testing
@testable import RuvSwarmCLI

@Suite struct ForecastModelsTests {
  @Test func modelsByName() throws {
    let setup = ModelSetup(horizon: 4, season: 4, shortest: 40, mlpSteps: 5)
    let models = try setup.models(["naive", "snaive", "rwd", "average", "mlp", "ensemble", "naive"])
    #expect(models.map(\.alias) == ["Naive", "SeasonalNaive", "RWD", "HistoricAverage", "MLP", "Ensemble"])
    #expect(setup.mlpInput == 8)
    #expect((models[5] as? Ensemble)?.members.count == 3)
    #expect(throws: CLIError.self) { try setup.model("prophet") }
  }

  @Test func shortSeriesHaveNoMLP() throws {
    let setup = ModelSetup(horizon: 10, season: 1, shortest: 20)
    #expect(throws: CLIError.self) { try setup.model("mlp") }
    #expect((try setup.model("ensemble") as? Ensemble)?.members.count == 2)
  }

  @Test func neuralModelsByName() throws {
    let setup = ModelSetup(horizon: 3, season: 4, shortest: 30, levels: [80], mlpSteps: 3, mlpHidden: 8)
    let all = try setup.models(ModelSetup.neural)
    #expect(all.map(\.alias) == ["MLP", "NLinear", "DLinear", "NBEATS", "NBEATSi", "NHITS", "RNN", "LSTM", "GRU", "TCN",
                                  "TiDE", "PatchTST", "DeepAR"])
    #expect(all.allSatisfy { $0.seed == 1 })
    #expect((all[2] as? DLinear)?.movingAverageWindow == 5)
    #expect((all[11] as? PatchTST)?.patchLength == 1)
    #expect(throws: CLIError.self) { try ModelSetup(horizon: 10, season: 1, shortest: 20).model("lstm") }
    // A bad season reaches Forecasting's typed error, reported as a usage error.
    #expect(throws: CLIError.self) { try ModelSetup(horizon: 2, season: 0, shortest: 20).model("snaive") }
  }

  @Test(arguments: ["nlinear", "lstm", "nhits"]) func neuralModelsForecast(name: String) throws {
    let y: [Double] = (0..<48).map { (t: Int) -> Double in 10 + Double(t % 4) * 3 + Double(t) * 0.25 }
    let frame = try SeriesFrame(id: "s", freq: .quarters, start: try Timestamp.parse("2000-01-01"), y: y)
    let setup = ModelSetup(horizon: 4, season: 4, shortest: y.count, levels: [80], mlpSteps: 40, mlpHidden: 16)
    let m = try setup.model(name)
    try m.fit(frame, progress: nil)
    let f = try m.forecast(frame, h: 4, levels: [80])[0]
    #expect(f.mean.count == 4 && f.mean.allSatisfy { $0.isFinite })
    let band = try #require(f.interval(80))
    for j in 0..<4 { #expect(band.lo[j] <= f.mean[j] && f.mean[j] <= band.hi[j]) }
  }

  @Test func ensembleMethods() {
    #expect(["mean", "median", "weighted", "stacking"].compactMap { Ensemble.Method(name: $0) }.count == 4)
    #expect(Ensemble.Method(name: "vote") == nil)
  }

  @Test func formatting() {
    #expect(fixed(1.23456) == "1.235")
    #expect(fixed(-0.5, 1) == "-0.5")
    #expect(fixed(-0.0001) == "0.000")
    #expect(fixed(2, 0) == "2")
    #expect(fixed(.nan) == "n/a")
    #expect(fixed(0.05, 2) == "0.05")
    #expect(pad("ab", 4) == "ab  ")
    #expect(pad("ab", 4, right: true) == "  ab")
    #expect(pad("abcdef", 4) == "abcdef")
  }

  @Test func scoresAgainstActuals() throws {
    let s = try Score(actual: [2, 4], forecast: [3, 3], insample: [1, 2, 3, 4], season: 1)
    #expect(s.mae == 1)
    #expect(s.mase == 1)
    let short = try Score(actual: [2], forecast: [3], insample: [1, 2], season: 12)
    #expect(short.mase == 1)
  }
}
