// SwarmJournal: Core's swarm, recorded in a Persistence store and restored after a restart.
//
// What is stored, per swarm id:
// - the event log: Core's flat, all-integer events, one row each of `swarm_events` (Core/README.md,
//   "The event record"), numbered 0, 1, 2, ... per swarm; a restored engine numbers its events from
//   0 again, and the journal shifts them to continue the stored numbering;
// - a checkpoint: in one transaction, the drained events, every task as a `TaskRecord` (status,
//   dependencies, encoded result, failure), every agent as an `AgentRecord`, and a snapshot whose
//   bytes hold what a restore needs (agent specs, task specs with prerequisites, outcomes; see
//   SnapshotCoding.swift). Its sequence is the number of events it includes.
//
// Restore rebuilds a fresh engine from the latest snapshot: the live agents are spawned again (the
// program supplies their behaviours: code is not data), then every task is submitted again in its
// original order, so TaskIDs are the same. Finished tasks are not run again: a replay wrapper around
// each behaviour returns a completed task's stored result at once (so dependents still receive it)
// and fails a failed one without retries; cancelled tasks are cancelled. Tasks that were pending,
// assigned or running at the checkpoint run for real: the swarm continues its pending tasks.
// Execution is at-least-once: work done after the last checkpoint is done again.
import Core
import Persistence

/// What the journal throws.
///
/// ```swift
/// do { _ = try SwarmJournal.restore(...) } catch .noSnapshot(let id) { print("nothing saved for \(id)") }
/// ```
public enum JournalError: Error, Equatable {
  /// The store failed.
  case store(StoreError)
  /// The engine refused a call.
  case swarm(SwarmError)
  /// No checkpoint exists for this swarm id.
  case noSnapshot(String)
  /// A snapshot could not be decoded.
  case corruptSnapshot(String)
  /// Agents or tasks were added to the swarm without going through the journal.
  case unrecordedChanges(String)
}

/// A Core ``Swarm`` whose state is recorded in a ``Store``.
///
/// ```swift
/// let journal = try SwarmJournal(store: store, swarmID: "s1", configuration: SwarmConfiguration(seed: 1))
/// _ = try journal.spawn(AgentSpec(type: .coder, behavior: work))
/// _ = try journal.submit(graph)
/// journal.swarm.run(until: 10)
/// try journal.checkpoint()
/// // after a restart:
/// let again = try SwarmJournal.restore(from: store, swarmID: "s1", configuration: SwarmConfiguration(seed: 1)) { _ in work }
/// again.swarm.run()
/// ```
public final class SwarmJournal {
  /// The engine: run it directly; spawn and submit through the journal.
  public let swarm: Swarm
  /// The swarm's id in the store.
  public let swarmID: String
  let store: any Store
  /// Task specs and prerequisites, by TaskID.
  var taskSpecs: [(spec: TaskSpec, prerequisites: [Int64])] = []
  /// Stored sequence of this engine's event 0.
  var sequenceOffset: Int64

  /// Starts a new swarm and saves its `SwarmRecord`.
  /// - Throws: ``JournalError/store(_:)``.
  public init(store: any Store, swarmID: String, configuration: SwarmConfiguration, name: String = "",
              topology: String = "") throws(JournalError) {
    self.store = store
    self.swarmID = swarmID
    swarm = Swarm(configuration)
    do {
      try store.saveSwarm(SwarmRecord(id: swarmID, name: name, topology: topology))
      sequenceOffset = try store.nextSwarmEventSequence(swarmID: swarmID)
    } catch {
      throw .store(error)
    }
  }

  init(store: any Store, swarmID: String, swarm: Swarm, offset: Int64) {
    self.store = store
    self.swarmID = swarmID
    self.swarm = swarm
    sequenceOffset = offset
  }

  /// Spawns an agent (agents are read back from the engine at each checkpoint).
  /// - Throws: ``JournalError/swarm(_:)``.
  public func spawn(_ spec: AgentSpec, links: [AgentID] = []) throws(JournalError) -> AgentID {
    do { return try swarm.spawn(spec, links: links) } catch { throw .swarm(error) }
  }

  /// Submits a task graph and remembers its specs for checkpoints.
  /// - Throws: ``JournalError/swarm(_:)`` when the engine rejects the graph (nothing is recorded).
  public func submit(_ graph: TaskGraph) throws(JournalError) -> [TaskID] {
    let ids: [TaskID]
    do { ids = try swarm.submit(graph) } catch { throw .swarm(error) }
    for node in 0..<graph.count {
      taskSpecs.append((graph.specs[node], graph.prerequisites(of: node).map { Int64(ids[$0].rawValue) }))
    }
    return ids
  }

  /// Appends the engine's new events to the store's log (one transaction). Returns how many.
  /// - Throws: ``JournalError/store(_:)``.
  @discardableResult
  public func recordEvents() throws(JournalError) -> Int {
    let events = swarm.drainEvents()
    do { try store.appendSwarmEvents(events.map(row)) } catch {
      throw .store(error)
    }
    return events.count
  }

  func row(_ event: SwarmEvent) -> SwarmEventRow {
    SwarmEventRow(swarmID: swarmID, sequence: sequenceOffset + event.sequence, time: event.time,
                  kind: event.kind.rawValue, agent: event.agent, task: event.task, peer: event.peer, value: event.value)
  }

  /// The Core event a stored row holds.
  ///
  /// ```swift
  /// let log = try store.swarmEvents(swarmID: "s1", from: 0, limit: nil).map { try SwarmJournal.swarmEvent($0) }
  /// ```
  /// - Throws: ``JournalError/corruptSnapshot(_:)`` for a kind code Core does not have.
  public static func swarmEvent(_ row: SwarmEventRow) throws(JournalError) -> SwarmEvent {
    guard let kind = SwarmEvent.Kind(rawValue: row.kind) else {
      throw .corruptSnapshot("event \(row.sequence): unknown kind \(row.kind)")
    }
    return SwarmEvent(sequence: row.sequence, time: row.time, kind: kind, agent: row.agent, task: row.task,
                      peer: row.peer, value: row.value)
  }

  /// Saves everything a restore needs, with the new events, in one transaction.
  /// - Throws: ``JournalError/unrecordedChanges(_:)`` when tasks were submitted around the journal;
  ///   ``JournalError/store(_:)``.
  public func checkpoint() throws(JournalError) {
    guard swarm.taskCount == taskSpecs.count else {
      throw .unrecordedChanges("\(swarm.taskCount - taskSpecs.count) tasks submitted without the journal")
    }
    var writer = ByteWriter()
    writer.bytes.append(contentsOf: Array("RSJ1".utf8))
    var agentRecords: [Persistence.AgentRecord] = []
    var taskRecords: [Persistence.TaskRecord] = []
    do {
      var live: [AgentInfo] = []
      for index in 0..<swarm.agentCount {
        let info = try swarm.agent(AgentID(index))
        agentRecords.append(Persistence.AgentRecord(swarmID: swarmID, id: "\(index)", name: "",
                                                    kind: SwarmJournal.name(of: info.type),
                                                    status: SwarmJournal.name(of: info.state)))
        if info.state != .terminated { live.append(info) }
      }
      writer.u32(UInt32(live.count))
      for info in live {
        writer.u8(info.type.rawValue)
        writer.u8(info.pattern.rawValue)
        writer.u64(info.capabilities.bits)
        writer.i64(Int64(info.concurrency))
      }
      writer.u32(UInt32(taskSpecs.count))
      for (index, entry) in taskSpecs.enumerated() {
        let info = try swarm.task(TaskID(index))
        SwarmJournal.write(entry.spec, entry.prerequisites, info, into: &writer)
        taskRecords.append(SwarmJournal.taskRecord(swarmID: swarmID, index: index, entry.prerequisites, info))
      }
    } catch {
      throw .swarm(error)
    }
    let events = swarm.drainEvents().map(row)
    do {
      try store.transaction { () throws(StoreError) in
        try store.appendSwarmEvents(events)
        for agent in agentRecords { try store.saveAgent(agent) }
        for task in taskRecords { try store.saveTask(task) }
        let sequence = try store.nextSwarmEventSequence(swarmID: swarmID)
        try store.saveSnapshot(SnapshotRecord(swarmID: swarmID, sequence: sequence, state: writer.bytes, createdAt: swarm.now))
      }
    } catch {
      throw .store(error)
    }
  }

  static func write(_ spec: TaskSpec, _ prerequisites: [Int64], _ info: TaskInfo, into writer: inout ByteWriter) {
    writer.payload(spec.payload)
    writer.u8(spec.priority.rawValue)
    writer.u64(spec.requires.bits)
    writer.i64(spec.duration)
    writer.i64(spec.timeout)
    writer.i64(Int64(spec.retry.maxRetries))
    writer.i64(spec.retry.base)
    writer.i64(spec.retry.multiplier)
    writer.i64(spec.retry.maxDelay)
    writer.u8(spec.group == nil ? 0 : 1)
    writer.i64(Int64(spec.group ?? 0))
    writer.u32(UInt32(prerequisites.count))
    for prerequisite in prerequisites { writer.i64(prerequisite) }
    writer.u8(info.status.rawValue)
    writer.u8(info.result == nil ? 0 : 1)
    if let result = info.result { writer.payload(result) }
    writer.u8(info.lastFailure == nil ? 0 : 1)
    if let failure = info.lastFailure {
      writer.i64(Int64(failure.code))
      writer.string(failure.message)
    }
  }

  static func taskRecord(swarmID: String, index: Int, _ prerequisites: [Int64], _ info: TaskInfo) -> Persistence.TaskRecord {
    let status: Persistence.TaskStatus
    switch info.status {
    case .pending: status = .pending
    case .assigned: status = .assigned
    case .running: status = .running
    case .completed: status = .completed
    case .failed, .timedOut: status = .failed
    case .cancelled: status = .cancelled
    }
    return Persistence.TaskRecord(
      swarmID: swarmID, id: "\(index)", description: "", priority: Int(info.priority.rawValue), status: status,
      assignedAgent: info.agent.map { "\($0.rawValue)" }, dependencies: prerequisites.map { "\($0)" },
      result: info.result?.encoded, error: info.status == .timedOut ? "timed out" : info.lastFailure?.message,
      createdAt: info.submittedAt, updatedAt: info.finishedAt ?? info.submittedAt)
  }

  static func name(of type: AgentType) -> String {
    switch type {
    case .researcher: return "researcher"
    case .coder: return "coder"
    case .analyst: return "analyst"
    case .optimizer: return "optimizer"
    case .coordinator: return "coordinator"
    case .tester: return "tester"
    case .reviewer: return "reviewer"
    case .documenter: return "documenter"
    }
  }

  static func name(of state: AgentState) -> String {
    switch state {
    case .spawned: return "spawned"
    case .idle: return "idle"
    case .busy: return "busy"
    case .degraded: return "degraded"
    case .offline: return "offline"
    case .terminated: return "terminated"
    }
  }
}
