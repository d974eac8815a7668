// SwarmJournal: Core's event log and checkpoints in a store; a restored swarm continues its
// pending tasks without redoing finished ones.
import Core
import Foundation
import Persistence
@testable import PersistenceCore
import Testing

/// Counts behaviour calls per task; returns the payload plus the sum of the prerequisites' results.
final class CountingWork: AgentBehavior, @unchecked Sendable {
  var calls: [Int: Int] = [:]
  var failing: Set<Int> = []

  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    calls[input.task.rawValue, default: 0] += 1
    if failing.contains(input.task.rawValue) { throw TaskFailure(code: 7, message: "boom \(input.task.rawValue)") }
    var sum = input.payload.intValue ?? 0
    for prerequisite in input.prerequisites { sum += prerequisite.value.intValue ?? 0 }
    return TaskOutput(.int(sum))
  }
}

enum JournalStoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqliteFile, plainMemory
  var testDescription: String { rawValue }
}

/// A store that can be "restarted": a file reopened, or the same in-memory object.
final class RestartableStore {
  let kind: JournalStoreKind
  let directory: URL
  var current: any Store

  init(_ kind: JournalStoreKind) throws {
    self.kind = kind
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    switch kind {
    case .sqliteFile: current = try SQLiteStore(path: directory.appendingPathComponent("swarm.sqlite").path, clock: .system)
    case .plainMemory: current = InMemoryStore(clock: .system)
    }
  }

  /// Drops the connection and opens the file again (the in-memory store survives only in memory).
  func restart() throws -> any Store {
    if kind == .sqliteFile {
      current = try SQLiteStore(path: directory.appendingPathComponent("swarm.sqlite").path, clock: .system)
    }
    return current
  }

  deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Roots 0 and 1; 2 after 0; 3 after 1; 4 after 2 and 3; 5 after 4; 6 after 5 (durations 1..2).
func diamond() -> TaskGraph {
  var graph = TaskGraph()
  let a = graph.add(TaskSpec(payload: .int(1)))
  let b = graph.add(TaskSpec(payload: .int(10), duration: 2))
  let c = graph.add(TaskSpec(payload: .int(100)), after: [a])
  let d = graph.add(TaskSpec(payload: .int(1_000)), after: [b])
  let e = graph.add(TaskSpec(payload: .int(10_000), priority: .high), after: [c, d])
  let f = graph.add(TaskSpec(payload: .record([PayloadField("note", .string("'; DROP TABLE tasks; --"))]), retry: RetryPolicy(maxRetries: 1)), after: [e])
  graph.add(TaskSpec(payload: .int(1), requires: [Capability(3)], group: 2), after: [f])
  return graph
}

@Suite("SwarmJournal: store and restore Core swarms")
struct SwarmJournalTests {
  let configuration = SwarmConfiguration(seed: 9, distribution: .roundRobin)

  func spawnTeam(_ journal: SwarmJournal, _ work: CountingWork) throws {
    _ = try journal.spawn(AgentSpec(type: .coder, behavior: work))
    _ = try journal.spawn(AgentSpec(type: .tester, capabilities: [Capability(3)], pattern: .critical, concurrency: 2, behavior: work))
  }

  @Test(arguments: JournalStoreKind.allCases)
  func aRestoredSwarmContinuesItsPendingTasksWithoutRedoingFinishedOnes(kind: JournalStoreKind) throws {
    // The reference: the same swarm run to the end without interruption.
    let reference = Swarm(configuration)
    let referenceWork = CountingWork()
    _ = try reference.spawn(AgentSpec(type: .coder, behavior: referenceWork))
    _ = try reference.spawn(AgentSpec(type: .tester, capabilities: [Capability(3)], pattern: .critical, concurrency: 2, behavior: referenceWork))
    let referenceIDs = try reference.submit(diamond())
    reference.run()
    let expected = try referenceIDs.map { try reference.task($0).result }
    #expect(expected.allSatisfy { $0 != nil })

    let stores = try RestartableStore(kind)
    let work = CountingWork()
    let journal = try SwarmJournal(store: stores.current, swarmID: "swarm-1", configuration: configuration, name: "demo", topology: "mesh")
    try spawnTeam(journal, work)
    let ids = try journal.submit(diamond())
    journal.swarm.run(until: 2)
    let finishedBefore = try ids.filter { try journal.swarm.task($0).status == .completed }.map { $0.rawValue }
    #expect(!finishedBefore.isEmpty && finishedBefore.count < ids.count)
    try journal.checkpoint()
    let loggedBefore = try stores.current.nextSwarmEventSequence(swarmID: "swarm-1")
    #expect(loggedBefore == journal.swarm.eventCount)
    #expect(try stores.current.latestSnapshot(swarmID: "swarm-1")?.sequence == loggedBefore)

    // Restart: a new store connection, a new engine, fresh behaviours.
    let store = try stores.restart()
    let after = CountingWork()
    let restored = try SwarmJournal.restore(from: store, swarmID: "swarm-1", configuration: configuration) { _ in after }
    #expect(restored.swarm.agentCount == 2)
    #expect(try restored.swarm.agent(AgentID(1)).capabilities.contains(Capability(3)))
    restored.swarm.run()
    for (index, id) in ids.enumerated() {
      let info = try restored.swarm.task(id)
      #expect(info.status == .completed, "task \(index)")
      #expect(info.result == expected[index], "task \(index)")
    }
    for index in finishedBefore { #expect(after.calls[index] == nil, "finished task \(index) ran again") }
    for index in ids.map({ $0.rawValue }) where !finishedBefore.contains(index) { #expect(after.calls[index] == 1) }
    try restored.checkpoint()

    // The log: every event once, numbered without gaps; the restored engine's log follows on.
    let log = try store.swarmEvents(swarmID: "swarm-1", from: 0, limit: nil)
    #expect(log.map { $0.sequence } == Array(0..<Int64(log.count)))
    #expect(log.count > loggedBefore && log[Int(loggedBefore)].kind == SwarmEvent.Kind.agentSpawned.rawValue)
    let decoded = try log.map { try SwarmJournal.swarmEvent($0) }
    // Completions: those before the checkpoint, then every task once more after the restore
    // (finished ones as instant replays of their stored result).
    #expect(decoded.filter { $0.kind == .taskCompleted }.count == finishedBefore.count + ids.count)
    let tasks = try store.tasks(swarmID: "swarm-1", status: nil)
    #expect(tasks.count == ids.count && tasks.allSatisfy { $0.status == .completed })
    #expect(try store.task(swarmID: "swarm-1", id: "4")?.dependencies == ["2", "3"])
    #expect(try tasks.first { $0.id == "6" }.map { try Payload(decoding: $0.result ?? []) } == expected[6])
    #expect(try store.agents(swarmID: "swarm-1").map { $0.kind } == ["coder", "tester"])
  }

  @Test(arguments: JournalStoreKind.allCases)
  func eventsAreStoredAsCoreLoggedThem(kind: JournalStoreKind) throws {
    let stores = try RestartableStore(kind)
    let journal = try SwarmJournal(store: stores.current, swarmID: "s", configuration: configuration)
    try spawnTeam(journal, CountingWork())
    _ = try journal.submit(diamond())
    let reference = Swarm(configuration)
    _ = try reference.spawn(AgentSpec(type: .coder, behavior: CountingWork()))
    _ = try reference.spawn(AgentSpec(type: .tester, capabilities: [Capability(3)], pattern: .critical, concurrency: 2, behavior: CountingWork()))
    _ = try reference.submit(diamond())
    reference.run()
    journal.swarm.run(until: 3)
    #expect(try journal.recordEvents() > 0)
    journal.swarm.run()
    try journal.recordEvents()
    #expect(try journal.recordEvents() == 0)
    let stored = try stores.current.swarmEvents(swarmID: "s", from: 0, limit: nil).map { try SwarmJournal.swarmEvent($0) }
    #expect(stored == reference.drainEvents())
    #expect(try stores.current.swarmEvents(swarmID: "s", from: 5, limit: 2).map { $0.sequence } == [5, 6])
  }

  @Test func finishedFailuresAndCancellationsStayFinal() throws {
    let store = InMemoryStore(clock: .system)
    let work = CountingWork()
    work.failing = [1]
    let journal = try SwarmJournal(store: store, swarmID: "s", configuration: configuration)
    try spawnTeam(journal, work)
    var graph = TaskGraph()
    let ok = graph.add(TaskSpec(payload: .int(1)))
    let bad = graph.add(TaskSpec(payload: .int(2)))
    graph.add(TaskSpec(), after: [bad])          // cancelled when its prerequisite fails
    let later = graph.add(TaskSpec(duration: 50), after: [ok])
    graph.add(TaskSpec(), after: [later])
    let ids = try journal.submit(graph)
    journal.swarm.run(until: 5)
    _ = try journal.swarm.cancel(ids[3])
    try journal.checkpoint()
    let statuses = try ids.map { try journal.swarm.task($0).status }
    #expect(statuses == [.completed, .failed, .cancelled, .cancelled, .cancelled])

    let after = CountingWork()
    let restored = try SwarmJournal.restore(from: store, swarmID: "s", configuration: configuration) { _ in after }
    restored.swarm.run()
    #expect(try ids.map { try restored.swarm.task($0).status } == statuses)
    #expect(try restored.swarm.task(ids[1]).lastFailure == TaskFailure(code: 7, message: "boom 1"))
    #expect(after.calls.isEmpty)
    #expect(try store.task(swarmID: "s", id: "1")?.error == "boom 1")
  }

  @Test func errors() throws {
    let store = InMemoryStore(clock: .system)
    #expect(throws: JournalError.noSnapshot("none")) {
      _ = try SwarmJournal.restore(from: store, swarmID: "none", configuration: configuration) { _ in CountingWork() }
    }
    let journal = try SwarmJournal(store: store, swarmID: "s", configuration: configuration)
    var graph = TaskGraph()
    graph.add(TaskSpec(), after: [3])
    #expect(throws: JournalError.swarm(.unknownNode(3))) { _ = try journal.submit(graph) }
    #expect(throws: JournalError.swarm(.invalidConcurrency(0))) {
      _ = try journal.spawn(AgentSpec(type: .coder, concurrency: 0, behavior: CountingWork()))
    }
    _ = try journal.swarm.submit(TaskGraph())
    var one = TaskGraph()
    one.add(TaskSpec())
    _ = try journal.swarm.submit(one)
    #expect(throws: JournalError.unrecordedChanges("1 tasks submitted without the journal")) { try journal.checkpoint() }

    for (bytes, message) in [([UInt8]("nope".utf8), "not a journal snapshot"),
                             (Array("RSJ1".utf8) + [1, 0, 0, 0], "truncated at byte 8"),
                             (Array("RSJ1".utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 9], "trailing bytes")] {
      try store.saveSnapshot(SnapshotRecord(swarmID: "s", sequence: 0, state: bytes))
      #expect(throws: JournalError.corruptSnapshot(message)) {
        _ = try SwarmJournal.restore(from: store, swarmID: "s", configuration: configuration) { _ in CountingWork() }
      }
    }
    #expect(throws: JournalError.corruptSnapshot("event 1: unknown kind 99")) {
      _ = try SwarmJournal.swarmEvent(SwarmEventRow(swarmID: "s", sequence: 1, time: 0, kind: 99))
    }
    #expect(throws: JournalError.store(.unknownSwarm("ghost"))) {
      let ghost = SwarmJournal(store: store, swarmID: "ghost", swarm: Swarm(configuration), offset: 0)
      _ = try ghost.spawn(AgentSpec(type: .coder, behavior: CountingWork()))
      try ghost.recordEvents()
    }
  }

  @Test func namesCoverEveryCase() {
    #expect(AgentType.allCases.map { SwarmJournal.name(of: $0) } ==
              ["researcher", "coder", "analyst", "optimizer", "coordinator", "tester", "reviewer", "documenter"])
    let states: [AgentState] = [.spawned, .idle, .busy, .degraded, .offline, .terminated]
    #expect(states.map { SwarmJournal.name(of: $0) } == ["spawned", "idle", "busy", "degraded", "offline", "terminated"])
  }
}
