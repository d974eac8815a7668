// `ruvswarm demo`: the end-to-end scenario of `make demo`.
//
// 1. A Core swarm of forecasting agents splits the real series of `manifest.csv` (one task each),
//    run by CoreParallel's executor on all cores; a coordinator task depends on all of them.
// 2. Each agent fits seasonal naive, random walk with drift, an MLP and a weighted ensemble on the
//    series minus its held-out horizon, and forecasts the horizon with 80 % and 95 % intervals.
// 3. The swarm's events, tasks and checkpoint (SwarmJournal), each fitted ensemble (model archive),
//    the accuracy metrics and each agent's notes (agent memory) go into the SQLite database.
// 4. It prints accuracy against the seasonal-naive baseline on the held-out horizon, and times;
//    writes forecasts (CSV) and SVG plots with the actuals; optionally builds the wasm bundle.
import ArgumentParser
import Core
import CoreParallel
import Forecasting
import ForecastingIO
import Foundation
import Persistence
import PersistenceCore

/// One line of `manifest.csv`.
struct ManifestEntry: Equatable {
  var id: String
  var file: String
  var freq: String
  var season: Int
  var horizon: Int
}

/// Reads `manifest.csv` (unique_id,file,freq,m,h,...; quoted fields allowed).
func readManifest(_ path: String) throws -> [ManifestEntry] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CLIError(.noInput, "no such file or not readable", file: path)
  }
  var out: [ManifestEntry] = []
  for (n, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated().dropFirst() {
    var fields: [String] = [], field = "", quoted = false
    for c in line where c != "\r" {
      if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(field); field = "" } else { field.append(c) }
    }
    fields.append(field)
    guard fields.count >= 5, let m = Int(fields[3]), let h = Int(fields[4]), m >= 1, h >= 1 else {
      throw CLIError(.dataError, "expected unique_id,file,freq,m,h with positive m and h", file: path, line: n + 1)
    }
    out.append(ManifestEntry(id: fields[0], file: fields[1], freq: fields[2], season: m, horizon: h))
  }
  guard !out.isEmpty else { throw CLIError(.dataError, "no series listed", file: path) }
  return out
}

/// The result of one agent's work on one series.
struct SeriesOutcome {
  var entry: ManifestEntry
  var agent: Int
  var count: Int
  var scores: [(alias: String, score: Score)]
  var seconds: Double
}

/// The forecasting agents' behaviour: fit, forecast, score, write the plot; thread-safe.
final class ForecastAgent: AgentBehavior, @unchecked Sendable {
  let entries: [ManifestEntry]
  let frames: [SeriesFrame]
  let outputDir: String
  let mlpSteps: Int
  let lock = NSLock()
  var outcomes: [Int: SeriesOutcome] = [:]
  var archives: [Int: String] = [:]
  var failures: [Int: String] = [:]
  var progress: ProgressBar?

  init(entries: [ManifestEntry], frames: [SeriesFrame], outputDir: String, mlpSteps: Int) {
    self.entries = entries
    self.frames = frames
    self.outputDir = outputDir
    self.mlpSteps = mlpSteps
  }

  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    let index = Int(input.payload.intValue ?? -1)
    guard entries.indices.contains(index) else { throw TaskFailure(code: 2, message: "no series \(index)") }
    let started = Date()
    do {
      let outcome = try work(index, agent: input.agent.rawValue, started: started)
      lock.withLock {
        outcomes[index] = outcome
        progress?.update(outcomes.count + failures.count)
      }
      let ens = outcome.scores.last!.score.mase
      return TaskOutput(.record([PayloadField("series", .int(Int64(index))), PayloadField("mase", .number(ens))]))
    } catch {
      lock.withLock {
        failures[index] = "\(error)"
        progress?.update(outcomes.count + failures.count)
      }
      throw TaskFailure(code: 1, message: "\(entries[index].id): \(error)")
    }
  }

  func work(_ index: Int, agent: Int, started: Date) throws -> SeriesOutcome {
    let e = entries[index], frame = frames[index]
    let train = try frame.droppingLast(e.horizon)
    let actual = try frame.lastRows(e.horizon).series[0].y
    let setup = ModelSetup(horizon: e.horizon, season: e.season, shortest: train.series[0].count, levels: [80, 95],
                           mlpSteps: mlpSteps, seed: 1, ensembleMethod: .weighted)
    let forecaster = Forecaster(models: try setup.models(["snaive", "rwd", "mlp", "ensemble"]), freq: frame.freq)
    try forecaster.fit(train)
    let table = try forecaster.predict(h: e.horizon, levels: [80, 95])
    var scores: [(String, Score)] = []
    for m in forecaster.models {
      scores.append((m.alias, try Score(actual: actual, forecast: try table.column(m.alias), insample: train.series[0].y,
                                        season: e.season)))
    }
    let name = safeFileName(e.id)
    try ForecastCSV.write(table, path: (outputDir as NSString).appendingPathComponent(name + "-forecast.csv"))
    let f = try seriesForecast(table, id: e.id, alias: "Ensemble", levels: [80, 95])
    let svg = ForecastPlot.svg(history: train.series[0].y, forecast: f, actuals: actual,
                               title: e.id + ": weighted ensemble, 80/95 % intervals, held-out actuals in red")
    guard FileManager.default.createFile(atPath: (outputDir as NSString).appendingPathComponent(name + ".svg"),
                                         contents: Data(svg.utf8))
    else { throw CLIError(.cantCreate, "cannot write the plot", file: outputDir) }
    let archive = ModelArchive.save(forecaster.models[forecaster.models.count - 1])
    lock.withLock { archives[index] = archive }
    return SeriesOutcome(entry: e, agent: agent, count: frame.series[0].count, scores: scores,
                         seconds: Date().timeIntervalSince(started))
  }
}

/// The coordinator's behaviour: the mean ensemble MASE of its prerequisites.
final class CombineBehavior: AgentBehavior, @unchecked Sendable {
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    var sum = 0.0
    for p in input.prerequisites { sum += p.value["mase"]?.doubleValue ?? .nan }
    return TaskOutput(.number(sum / Double(max(1, input.prerequisites.count))))
  }
}

/// The first `relative` path found in the working directory or one of its parents.
func findUpwards(_ relative: String) -> String? {
  var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  for _ in 0..<12 {
    let candidate = dir.appendingPathComponent(relative).path
    if FileManager.default.fileExists(atPath: candidate) { return candidate }
    let parent = dir.deletingLastPathComponent()
    if parent.path == dir.path { break }
    dir = parent
  }
  return nil
}

/// `ruvswarm demo`.
struct DemoCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "The end-to-end scenario: a swarm of forecasting agents, stored in SQLite, scored and plotted.",
    discussion: """
      Forecasts every series of the manifest's held-out horizon with seasonal naive, random walk with \
      drift, an MLP and their weighted ensemble; prints MASE and sMAPE against seasonal naive.
      """)

  @Option(help: "The folder with manifest.csv and the series (default: shared/datasets/forecast above the working directory).")
  var datasets: String?
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Where forecasts and SVG plots go.") var output: String = "demo-output"
  @Option(help: "Forecasting agents in the swarm.") var agents: Int = 3
  @Option(help: "Adam steps of each MLP.") var mlpSteps: Int = 300
  @Option(help: "Only these series (comma-separated ids; default: all).") var only: String?
  @Flag(help: "Also build the wasm bundle with the Bundler and print its report.") var bundle = false
  @Option(help: "The Bundler package (default: Bundler/ above the working directory).") var bundlerDir: String?

  func validate() throws {
    guard agents >= 1, agents <= 64 else { throw ValidationError("--agents must be 1...64") }
    guard mlpSteps >= 1 else { throw ValidationError("--mlp-steps must be at least 1") }
  }

  func execute(_ console: Console) throws {
    let clockStart = Date()
    guard let dir = datasets ?? findUpwards("shared/datasets/forecast") else {
      throw CLIError(.noInput, "no shared/datasets/forecast found above the working directory: pass --datasets")
    }
    var entries = try readManifest((dir as NSString).appendingPathComponent("manifest.csv"))
    if let only {
      let ids = only.split(separator: ",").map(String.init)
      entries = entries.filter { ids.contains($0.id) }
      guard !entries.isEmpty else { throw CLIError(.usage, "--only: none of \(ids) is in the manifest") }
    }
    var frames: [SeriesFrame] = []
    for e in entries {
      let path = (dir as NSString).appendingPathComponent(e.file)
      guard FileManager.default.isReadableFile(atPath: path) else {
        throw CLIError(.noInput, "no such file or not readable", file: path)
      }
      do {
        frames.append(try ForecastCSV.readFrame(path: path, freq: try Frequency.parse(e.freq)))
      } catch {
        throw CLIError.forecast(error, file: path)
      }
    }
    do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
      throw CLIError(.cantCreate, "cannot create the directory", file: output)
    }

    // 1. The swarm.
    let store = try database.open()
    let db = database.db
    let worker = ForecastAgent(entries: entries, frames: frames, outputDir: output, mlpSteps: mlpSteps)
    let journal: SwarmJournal
    let swarmID: String
    do {
      swarmID = "demo-\(try store.swarms().filter { $0.id.hasPrefix("demo-") }.count + 1)"
      journal = try SwarmJournal(store: store, swarmID: swarmID,
                                 configuration: SwarmConfiguration(seed: 42, distribution: .leastLoaded, topology: .star),
                                 name: "forecasting demo", topology: "star")
      _ = try journal.spawn(AgentSpec(type: .coordinator, capabilities: [Capability(1)], behavior: CombineBehavior()))
      for _ in 0..<agents {
        _ = try journal.spawn(AgentSpec(type: .analyst, capabilities: [Capability(0)], pattern: .convergent, behavior: worker))
      }
      var graph = TaskGraph()
      var nodes: [Int] = []
      for i in entries.indices { nodes.append(graph.add(TaskSpec(payload: .int(Int64(i)), requires: [Capability(0)]))) }
      graph.add(TaskSpec(requires: [Capability(1)]), after: nodes)
      _ = try journal.submit(graph)
    } catch let e as StoreError {
      throw CLIError.store(e, path: db)
    } catch let e as JournalError {
      throw CLIError.journal(e, path: db)
    }
    console.line("swarm \(swarmID): \(agents) forecasting agents + 1 coordinator, \(entries.count) series -> \(db)")
    let bar = ProgressBar(label: "series", total: entries.count, console: console)
    worker.progress = bar
    let runStart = Date()
    ParallelExecutor().run(journal.swarm)
    bar.finish()
    let runSeconds = Date().timeIntervalSince(runStart)

    // 3. Store events, tasks, models, metrics and agent memory.
    let now = Int64(Date().timeIntervalSince1970 * 1000)
    do {
      try journal.checkpoint()
      try store.transaction { () throws(StoreError) in
        for (i, archive) in worker.archives.sorted(by: { $0.key < $1.key }) {
          try store.saveModel(ModelRecord(name: swarmID + "/" + entries[i].id + "/Ensemble", format: .weights,
                                          data: Array(archive.utf8),
                                          metadata: "ruvswarm forecast model archive (text), series \(entries[i].id)"))
        }
        var points: [MetricPoint] = []
        for (_, o) in worker.outcomes {
          for s in o.scores {
            points.append(MetricPoint(series: swarmID + "/" + o.entry.id + "/MASE/" + s.alias, timestamp: now, value: s.score.mase))
          }
          try store.setMemory(Array("MASE \(fixed(o.scores.last!.score.mase)) in \(fixed(o.seconds, 2)) s".utf8),
                              forKey: swarmID + "/" + o.entry.id, namespace: "agent-\(o.agent)")
        }
        try store.recordMetrics(points)
      }
    } catch let e as StoreError {
      throw CLIError.store(e, path: db)
    } catch let e as JournalError {
      throw CLIError.journal(e, path: db)
    }

    // 4. The summary.
    let m = journal.swarm.metrics
    let aliases = ["SeasonalNaive", "RWD", "MLP", "Ensemble"]
    console.line("")
    console.line("Held-out accuracy (MASE, lower is better; the baseline is SeasonalNaive)")
    console.line(pad("series", 14) + pad("n", 6, right: true) + pad("h", 4, right: true) + pad("m", 4, right: true)
                 + pad("agent", 7, right: true) + aliases.map { pad($0, 14, right: true) }.joined()
                 + pad("ens/base", 10, right: true) + pad("time s", 8, right: true))
    var sums = [Double](repeating: 0, count: aliases.count), logRatio = 0.0, wins = 0
    let done = entries.indices.compactMap { worker.outcomes[$0] }
    for o in done {
      var row = pad(o.entry.id, 14) + pad("\(o.count)", 6, right: true) + pad("\(o.entry.horizon)", 4, right: true)
        + pad("\(o.entry.season)", 4, right: true) + pad("\(o.agent)", 7, right: true)
      for (k, s) in o.scores.enumerated() {
        row += pad(fixed(s.score.mase), 14, right: true)
        sums[k] += s.score.mase
      }
      let ratio = o.scores[3].score.mase / o.scores[0].score.mase
      logRatio += log(ratio)
      if ratio < 1 { wins += 1 }
      console.line(row + pad(fixed(ratio), 10, right: true) + pad(fixed(o.seconds, 2), 8, right: true))
    }
    if !done.isEmpty {
      console.line(pad("mean", 35) + sums.map { pad(fixed($0 / Double(done.count)), 14, right: true) }.joined()
                   + pad(fixed(exp(logRatio / Double(done.count))), 10, right: true))
      console.line("The ensemble beats seasonal naive on \(wins) of \(done.count) series "
                   + "(geometric mean MASE ratio \(fixed(exp(logRatio / Double(done.count))))).")
    }
    for (i, why) in worker.failures.sorted(by: { $0.key < $1.key }) { console.line("FAILED \(entries[i].id): \(why)") }
    console.line("swarm: \(m.succeeded) tasks succeeded, \(m.failed) failed, \(m.attempts) attempts, "
                 + "\(journal.swarm.eventCount) events stored; swarm run \(fixed(runSeconds, 2)) s on "
                 + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
    console.line("stored in \(db): swarm \(swarmID) (events, tasks, checkpoint), \(worker.archives.count) models, "
                 + "metrics, agent memory; inspect with `ruvswarm swarm inspect \(swarmID) --db \(db)`")
    console.line("plots and forecasts in \(output)/")
    var bundleError: CLIError?
    if bundle {
      do { try buildBundle(console) } catch let e as CLIError { bundleError = e }
    }
    console.line("total \(fixed(Date().timeIntervalSince(clockStart), 1)) s")
    if let bundleError { throw bundleError }
    guard worker.failures.isEmpty else { throw CLIError(.failure, "\(worker.failures.count) series failed") }
  }

  /// `swift run -c release bundler build [--out OUT]` in the Bundler package, with its output shown.
  func buildBundle(_ console: Console, out: String? = nil) throws {
    guard let dir = bundlerDir ?? findUpwards("Bundler/Package.swift").map({ ($0 as NSString).deletingLastPathComponent })
    else { throw CLIError(.unavailable, "no Bundler package found: pass --bundler-dir") }
    console.line("")
    let arguments = ["swift", "run", "-c", "release", "bundler", "build"] + (out.map { ["--out", $0] } ?? [])
    console.line("building the wasm bundle (cd \(dir) && \(arguments.joined(separator: " ")))")
    let started = Date()
    let status = try runProcess(arguments, in: dir, console: console)
    guard status == 0 else {
      throw CLIError(.unavailable, "the Bundler failed (exit code \(status))", file: dir)
    }
    console.line("bundle built in \(fixed(Date().timeIntervalSince(started), 1)) s")
  }
}

/// Runs `arguments` (found on PATH) in `dir`, copying its output to the console; returns its exit status.
func runProcess(_ arguments: [String], in dir: String, console: Console) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: dir)
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  do { try process.run() } catch {
    throw CLIError(.unavailable, "cannot start \(arguments[0]): \(error.localizedDescription)", file: dir)
  }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  console.write(String(decoding: data, as: UTF8.self))
  return process.terminationStatus
}

/// `ruvswarm bundle`.
struct BundleCommand: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "bundle", abstract: "Build the wasm chunks (delegates to the Bundler's `bundler build`).")

  @Option(help: "The Bundler package (default: Bundler/ above the working directory).") var bundlerDir: String?

  func execute(_ console: Console) throws {
    var demo = DemoCommand()
    demo.bundlerDir = bundlerDir
    try demo.buildBundle(console)
  }
}
