// `ruvswarm swarm run|resume|inspect`: scenarios run on Core's engine, journaled into SQLite.
//
// A run checkpoints after every `--step` engine ticks (events, tasks, agents and a snapshot in one
// transaction), so a process killed mid-run loses at most one step: `swarm resume` restores the
// latest checkpoint and continues. `--max-ticks` stops a run on purpose (the same state as a kill).
// The scenario text is kept in the database (memory namespace `ruvswarm/scenarios`), because a
// restore needs the configuration and the behaviours, which are code.
import ArgumentParser
import Core
import Foundation
import Persistence
import PersistenceCore

/// Options shared by every command that uses the database.
struct DatabaseOptions: ParsableArguments {
  @Option(help: "The SQLite database (created when missing).") var db: String = "ruvswarm.db"

  func open() throws -> SQLiteStore {
    do { return try SQLiteStore(path: db, clock: .system) } catch { throw CLIError.store(error, path: db) }
  }
}

let scenarioNamespace = "ruvswarm/scenarios"
/// The largest `--step` (engine ticks): far beyond any scenario, and far from overflowing the clock.
let maxStep: Int64 = 1_000_000

/// `ruvswarm swarm`.
struct SwarmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "swarm",
    abstract: "Run swarm scenarios described in JSON; state goes into SQLite.",
    subcommands: [SwarmRun.self, SwarmResume.self, SwarmInspect.self])
}

/// Runs a journaled swarm step by step until every task is final, nothing can progress, or the tick budget ends.
func drive(_ journal: SwarmJournal, names: [String], step: Int64, maxTicks: Int64?, db: String,
           console: Console) throws -> Bool {
  let swarm = journal.swarm
  let total = swarm.taskCount
  func finals() -> (done: Int, failed: Int) {
    var done = 0, failed = 0
    for i in 0..<total {
      let s = (try? swarm.task(TaskID(i)).status) ?? .pending
      switch s {
      case .completed: done += 1
      case .failed, .cancelled, .timedOut: done += 1; failed += 1
      default: break
      }
    }
    return (done, failed)
  }
  let bar = ProgressBar(label: "tasks", total: total, console: console)
  var elapsed: Int64 = 0
  var state = finals()
  bar.update(state.done)
  while state.done < total {
    var ticks = step
    if let maxTicks { ticks = min(step, maxTicks - elapsed) }
    if ticks <= 0 { break }
    let before = swarm.metrics
    swarm.run(until: swarm.now + ticks)
    elapsed += ticks
    do { try journal.checkpoint() } catch { throw CLIError.journal(error, path: db) }
    let after = swarm.metrics
    state = finals()
    bar.update(state.done)
    if after.inFlight == 0 && after.backingOff == 0 && after.ready == 0 && after.attempts == before.attempts
      && state.done < total
    {
      bar.finish()
      console.line("stopped: \(total - state.done) tasks cannot run (no capable agent)")
      return false
    }
  }
  bar.finish()
  let m = swarm.metrics
  if state.done < total {
    console.line("paused after \(elapsed) ticks: \(state.done)/\(total) tasks final; continue with `ruvswarm swarm resume`")
    return true
  }
  console.line("finished: \(m.succeeded) succeeded, \(state.failed) failed, \(m.retried) retried, "
               + "latency p50 \(m.latency.p50) max \(m.latency.max) ticks, utilisation \(fixed(m.utilisation * 100, 1)) %")
  for i in 0..<total {
    let t = try swarm.task(TaskID(i))
    let result = t.result.flatMap { $0.intValue }.map { " = \($0)" } ?? ""
    console.line("  \(pad(names[i], 12)) \("\(t.status)")\(result)")
  }
  return state.failed == 0
}

/// `ruvswarm swarm run`.
struct SwarmRun: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a scenario (JSON: agents, topology, strategy, task graph).",
    discussion: "Exit code 1 when a task failed. See CLI/README.md for the scenario format.")

  @Argument(help: "The scenario file (JSON).") var scenario: String
  @OptionGroup var database: DatabaseOptions
  @Option(help: "The swarm's id in the database (default: the scenario's name).") var id: String?
  @Option(help: "Engine ticks between checkpoints.") var step: Int64 = 1
  @Option(help: "Stop (checkpointed) after this many engine ticks; `swarm resume` continues.") var maxTicks: Int64?

  func validate() throws {
    guard step >= 1 && step <= maxStep else { throw ValidationError("--step must be 1...\(maxStep)") }
    if let maxTicks, maxTicks < 0 || maxTicks > maxStep * 1_000 {
      throw ValidationError("--max-ticks must be 0...\(maxStep * 1_000)")
    }
  }

  func execute(_ console: Console) throws {
    guard let data = FileManager.default.contents(atPath: scenario) else {
      throw CLIError(.noInput, "no such file or not readable", file: scenario)
    }
    let plan = try ScenarioPlan(text: String(decoding: data, as: UTF8.self), file: scenario)
    let swarmID = id ?? plan.scenario.name ?? URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
    let store = try database.open()
    let journal: SwarmJournal
    do {
      guard try store.swarm(id: swarmID) == nil else {
        throw CLIError(.usage, "swarm \"\(swarmID)\" already exists in \(database.db): resume it, or choose --id")
      }
      try store.setMemory(Array(plan.text.utf8), forKey: swarmID, namespace: scenarioNamespace)
      journal = try SwarmJournal(store: store, swarmID: swarmID, configuration: plan.configuration,
                                 name: plan.scenario.name ?? swarmID, topology: plan.scenario.topology ?? "mesh")
      for a in plan.agents { _ = try journal.spawn(a) }
      _ = try journal.submit(plan.graph)
      try journal.checkpoint()
    } catch let e as StoreError {
      throw CLIError.store(e, path: database.db)
    } catch let e as JournalError {
      throw CLIError.journal(e, path: database.db)
    }
    console.line("swarm \"\(swarmID)\": \(plan.agents.count) agents, \(plan.taskNames.count) tasks -> \(database.db)")
    guard try drive(journal, names: plan.taskNames, step: step, maxTicks: maxTicks, db: database.db,
                    console: console)
    else { throw CLIError(.failure, "swarm \"\(swarmID)\" did not succeed") }
  }
}

/// `ruvswarm swarm resume`.
struct SwarmResume: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "resume", abstract: "Continue a swarm from its latest checkpoint after an interruption.")

  @Argument(help: "The swarm's id.") var id: String
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Engine ticks between checkpoints.") var step: Int64 = 1
  @Option(help: "Stop (checkpointed) after this many engine ticks.") var maxTicks: Int64?

  func validate() throws {
    guard step >= 1 && step <= maxStep else { throw ValidationError("--step must be 1...\(maxStep)") }
  }

  func execute(_ console: Console) throws {
    let store = try database.open()
    let text: [UInt8]?
    do { text = try store.memory(forKey: id, namespace: scenarioNamespace) } catch {
      throw CLIError.store(error, path: database.db)
    }
    guard let text else { throw CLIError(.failure, "no swarm \"\(id)\" was started by ruvswarm", file: database.db) }
    let plan = try ScenarioPlan(text: String(decoding: text, as: UTF8.self), file: database.db)
    let behavior = ScenarioBehavior()
    let journal: SwarmJournal
    do {
      journal = try SwarmJournal.restore(from: store, swarmID: id, configuration: plan.configuration) { _ in behavior }
    } catch {
      throw CLIError.journal(error, path: database.db)
    }
    console.line("resumed swarm \"\(id)\" from \(database.db)")
    guard try drive(journal, names: plan.taskNames, step: step, maxTicks: maxTicks, db: database.db,
                    console: console)
    else { throw CLIError(.failure, "swarm \"\(id)\" did not succeed") }
  }
}

/// `ruvswarm swarm inspect`.
struct SwarmInspect: CLICommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect", abstract: "Print a swarm's status, metrics and events (no id: list the swarms).")

  @Argument(help: "The swarm's id.") var id: String?
  @OptionGroup var database: DatabaseOptions
  @Option(help: "How many of the latest events to print.") var events: Int = 20

  func execute(_ console: Console) throws {
    let store = try database.open()
    do {
      guard let id else {
        let all = try store.swarms()
        console.line(all.isEmpty ? "no swarms in \(database.db)" : "swarms in \(database.db):")
        for s in all { console.line("  \(s.id)  topology \(s.topology)") }
        return
      }
      guard let record = try store.swarm(id: id) else {
        throw CLIError(.failure, "no swarm \"\(id)\"", file: database.db)
      }
      let tasks = try store.tasks(swarmID: id, status: nil)
      let agents = try store.agents(swarmID: id)
      var byStatus: [String: Int] = [:]
      for t in tasks { byStatus[t.status.rawValue, default: 0] += 1 }
      console.line("swarm \(record.id) (\(record.name)), topology \(record.topology)")
      console.line("agents: \(agents.count) (" + agents.map { "\($0.id):\($0.kind)/\($0.status)" }.joined(separator: " ") + ")")
      let status = Persistence.TaskStatus.allCases.compactMap { s in byStatus[s.rawValue].map { "\(s.rawValue) \($0)" } }
      console.line("tasks: \(tasks.count) (" + status.joined(separator: ", ") + ")")
      let log = try store.swarmEvents(swarmID: id, from: 0, limit: nil)
      var kinds: [SwarmEvent.Kind: Int] = [:]
      var decoded: [SwarmEvent] = []
      for row in log {
        let e = try SwarmJournal.swarmEvent(row)
        kinds[e.kind, default: 0] += 1
        decoded.append(e)
      }
      console.line("event log (all runs): \(kinds[.taskCompleted] ?? 0) completed, \(kinds[.taskFailed] ?? 0) failed, "
                   + "\(kinds[.taskStarted] ?? 0) attempts, \(kinds[.retryScheduled] ?? 0) retries, "
                   + "\(kinds[.messageSent] ?? 0) messages, \(log.count) events")
      console.line("latest events:")
      for e in decoded.suffix(max(0, events)) {
        var s = "  #\(e.sequence) t=\(e.time) \(e.kind)"
        if e.agent >= 0 { s += " agent \(e.agent)" }
        if e.task >= 0 { s += " task \(e.task)" }
        if e.peer >= 0 { s += " peer \(e.peer)" }
        console.line(s + " value \(e.value)")
      }
    } catch let e as StoreError {
      throw CLIError.store(e, path: database.db)
    } catch let e as JournalError {
      throw CLIError.journal(e, path: database.db)
    }
  }
}
