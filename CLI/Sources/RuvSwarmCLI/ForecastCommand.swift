// `ruvswarm forecast`: a CSV of series (unique_id, ds, y) to a CSV of forecasts with intervals, an
// SVG plot per series, and with `--cv N` rolling-origin cross-validation scored per model.
import ArgumentParser
import Forecasting
import ForecastingIO
import Foundation

/// `ruvswarm forecast`.
struct ForecastCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Forecast every series of a CSV file; write forecasts with intervals and SVG plots.",
    discussion: """
      The CSV has the columns unique_id, ds, y (long format, as NeuralForecast). Models: \
      \(ModelSetup.names.joined(separator: ", ")); "ensemble" combines snaive, rwd and mlp.
      Example: ruvswarm forecast AirPassengers.csv --freq M --horizon 12 --season 12 \
      --models snaive,mlp,ensemble --levels 80,95 -o forecasts.csv --cv 3
      """)

  @Argument(help: "Input CSV (unique_id, ds, y).") var csv: String
  @Option(help: "Frequency: pandas-style alias (D, W, M, Q, A, h, 30min, ...).") var freq: String
  @Option(name: [.customShort("H"), .long], help: "Forecast horizon (steps).") var horizon: Int
  @Option(help: "Seasonal period (12 for monthly data with a yearly cycle; 1 for none).") var season: Int = 1
  @Option(help: "Comma-separated models.") var models: String = "snaive,rwd,mlp,ensemble"
  @Option(help: "Comma-separated interval levels in percent, e.g. 80,95.") var levels: String = "80,95"
  @Option(help: "How the ensemble combines: mean, median, weighted, stacking.") var ensemble: String = "weighted"
  @Option(help: "Adam steps of the MLP and of every neural model.") var mlpSteps: Int = 300
  @Option(help: "Seed of the MLP.") var seed: UInt64 = 1
  @Option(name: .shortAndLong, help: "Output CSV of forecasts.") var output: String = "forecasts.csv"
  @Option(help: "Directory of the SVG plots (default: the output's directory).") var plots: String?
  @Option(help: "Cross-validation: number of rolling windows of `horizon` steps (0: none).") var cv: Int = 0
  @Option(help: "Where to write the cross-validation table (CSV).") var cvOutput: String?

  func validate() throws {
    guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1") }
    guard season >= 1 else { throw ValidationError("--season must be at least 1") }
    guard cv >= 0 else { throw ValidationError("--cv must be 0 or more") }
    guard mlpSteps >= 1 else { throw ValidationError("--mlp-steps must be at least 1") }
  }

  func parsedLevels() throws -> [Double] {
    var out: [Double] = []
    for f in levels.split(separator: ",") {
      guard let v = Double(f.trimmingCharacters(in: .whitespaces)), v > 0, v < 100 else {
        throw CLIError(.usage, "--levels: \"\(f)\" is not a level in (0, 100)")
      }
      out.append(v)
    }
    return out.sorted()
  }

  func execute(_ console: Console) throws {
    let frequency: Frequency
    do { frequency = try Frequency.parse(freq) } catch { throw CLIError(.usage, "--freq: unknown frequency \"\(freq)\"") }
    guard let method = Ensemble.Method(name: ensemble) else {
      throw CLIError(.usage, "--ensemble: unknown method \"\(ensemble)\" (mean, median, weighted, stacking)")
    }
    let levels = try parsedLevels()
    guard FileManager.default.isReadableFile(atPath: csv) else {
      throw CLIError(.noInput, "no such file or not readable", file: csv)
    }
    let frame: SeriesFrame
    do { frame = try ForecastCSV.readFrame(path: csv, freq: frequency) } catch { throw CLIError.forecast(error, file: csv) }
    let names = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    let shortest = frame.series.map(\.count).min() ?? 0
    var setup = ModelSetup(horizon: horizon, season: season, shortest: shortest - cv * horizon, levels: levels,
                           mlpSteps: mlpSteps, seed: seed, ensembleMethod: method)

    // Forecast after the whole history.
    let forecaster = Forecaster(models: try setup.models(names), freq: frequency)
    let table: ForecastTable
    do { table = try fitAndPredict(forecaster, frame, levels: levels, console: console) } catch {
      throw CLIError.forecast(error, file: csv)
    }
    do { try ForecastCSV.write(table, path: output) } catch { throw CLIError(.cantCreate, "cannot write", file: output) }
    console.line("wrote \(table.rowCount) forecast rows to \(output)")

    let plotDir = plots ?? (URL(fileURLWithPath: output).deletingLastPathComponent().path)
    try writePlots(frame: frame, table: table, aliases: forecaster.models.map(\.alias), levels: levels, dir: plotDir,
                   console: console)

    if cv > 0 {
      setup.shortest = shortest - cv * horizon
      try crossValidate(frame, setup: setup, names: names, frequency: frequency, console: console)
    }
  }

  /// Fits the models (a progress bar per model that reports training steps) and forecasts.
  func fitAndPredict(_ forecaster: Forecaster, _ frame: SeriesFrame, levels: [Double],
                     console: Console) throws(ForecastError) -> ForecastTable {
    var bar: ProgressBar?
    var current = ""
    try forecaster.fit(frame) { p in
      if p.model != current {
        bar?.finish()
        current = p.model
        bar = ProgressBar(label: "training " + p.model, total: p.totalSteps, console: console)
      }
      bar?.update(p.step)
    }
    bar?.finish()
    return try forecaster.predict(h: horizon, levels: levels)
  }

  /// One SVG per series, of the ensemble when there is one, else of the last model.
  func writePlots(frame: SeriesFrame, table: ForecastTable, aliases: [String], levels: [Double], dir: String,
                  console: Console) throws {
    let alias = aliases.contains("Ensemble") ? "Ensemble" : aliases[aliases.count - 1]
    do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
      throw CLIError(.cantCreate, "cannot create the directory", file: dir)
    }
    for s in frame.series {
      let f = try seriesForecast(table, id: s.id, alias: alias, levels: levels)
      let svg = ForecastPlot.svg(history: s.y, forecast: f, title: s.id + " — " + alias)
      let path = (dir as NSString).appendingPathComponent(safeFileName(s.id) + ".svg")
      guard FileManager.default.createFile(atPath: path, contents: Data(svg.utf8)) else {
        throw CLIError(.cantCreate, "cannot write", file: path)
      }
      console.line("plot \(path)")
    }
  }

  /// Rolling-origin cross-validation, one window at a time (so that progress is per window).
  func crossValidate(_ frame: SeriesFrame, setup: ModelSetup, names: [String], frequency: Frequency,
                     console: Console) throws {
    var all = ForecastTable()
    var errors: [String: [Double]] = [:]
    var aliases: [String] = []
    let bar = ProgressBar(label: "cv windows", total: cv, console: console)
    for w in 0..<cv {
      let forecaster = Forecaster(models: try setup.models(names), freq: frequency)
      aliases = forecaster.models.map(\.alias)
      do {
        let upTo = try frame.droppingLast((cv - 1 - w) * horizon)
        let t = try forecaster.crossValidation(upTo, nWindows: 1, h: horizon)
        all.uniqueIds += t.uniqueIds
        all.ds += t.ds
        all.cutoff += t.cutoff
        all.y += t.y
        if all.columns.isEmpty { all.columns = t.columns.map { ForecastColumn(name: $0.name, values: []) } }
        for (k, c) in t.columns.enumerated() { all.columns[k].values += c.values }
        for s in upTo.series {
          let train = s.prefix(s.count - horizon)
          let actual = Array(s.y.suffix(horizon))
          let rows = t.rows(for: s.id)
          for a in aliases {
            let score = try Score(actual: actual, forecast: try rows.column(a), insample: train.y, season: setup.season)
            errors[a, default: []].append(score.mase)
            errors[a + "/smape", default: []].append(score.smape)
          }
        }
      } catch let e as ForecastError {
        throw CLIError.forecast(e, file: csv)
      }
      bar.update(w + 1)
    }
    bar.finish()
    console.line(pad("model", 16) + pad("MASE", 9, right: true) + pad("sMAPE %", 9, right: true))
    for a in aliases {
      let mase = errors[a]!, smape = errors[a + "/smape"]!
      console.line(pad(a, 16) + pad(fixed(mase.reduce(0, +) / Double(mase.count)), 9, right: true)
                   + pad(fixed(smape.reduce(0, +) / Double(smape.count), 2), 9, right: true))
    }
    if let cvOutput {
      do { try ForecastCSV.write(all, path: cvOutput) } catch { throw CLIError(.cantCreate, "cannot write", file: cvOutput) }
      console.line("wrote \(all.rowCount) cross-validation rows to \(cvOutput)")
    }
  }
}

/// A file name made of the id's letters, digits, `-`, `_` and `.` (others become `_`).
func safeFileName(_ id: String) -> String {
  let s = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
  return s.isEmpty || s.hasPrefix(".") ? "_" + s : s
}
