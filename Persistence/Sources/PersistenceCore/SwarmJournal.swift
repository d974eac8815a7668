// SwarmJournal: Core's swarm, recorded in a Persistence store and restored after a restart.
//
// What is stored, per swarm id:
// - the event log: Core's flat, numbered events, one `EventRecord` each (store sequence = offset +
//   Core sequence + 1, kind "core:<code>", a 29-byte payload: kind u8, time i64, agent i32, task i32,
//   peer i32, value i64, little endian); a restore appends a "journal:restored" marker and the
//   restored engine's events continue after it;
// - a checkpoint: in one transaction, the drained events, every task as a `TaskRecord` (status,
//   dependencies, encoded result, failure), every agent as an `AgentRecord`, and a snapshot whose
//   bytes hold what a restore needs (agent specs, task specs with prerequisites, outcomes; see
//   SnapshotCoding.swift), at the sequence of the last event.
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
  /// Store sequence of Core sequence 0, minus one.
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
      sequenceOffset = try store.lastEventSequence(swarmID: swarmID)
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
    do { try store.appendEvents(events.map(eventRecord)) } catch {
      throw .store(error)
    }
    return events.count
  }

  func eventRecord(_ event: SwarmEvent) -> EventRecord {
    var writer = ByteWriter()
    writer.u8(event.kind.rawValue)
    writer.i64(event.time)
    writer.u32(UInt32(bitPattern: event.agent))
    writer.u32(UInt32(bitPattern: event.task))
    writer.u32(UInt32(bitPattern: event.peer))
    writer.i64(event.value)
    return EventRecord(swarmID: swarmID, sequence: sequenceOffset + event.sequence + 1,
                       kind: "core:\(event.kind.rawValue)", payload: writer.bytes, timestamp: event.time)
  }

  /// Decodes an event written by a journal (`nil` for the journal's own markers).
  ///
  /// ```swift
  /// let events = try store.events(swarmID: "s1").compactMap { try SwarmJournal.swarmEvent($0) }
  /// ```
  /// - Throws: ``JournalError/corruptSnapshot(_:)`` for a malformed payload.
  public static func swarmEvent(_ record: EventRecord) throws(JournalError) -> SwarmEvent? {
    guard record.kind.utf8.starts(with: "core:".utf8) else { return nil }
    var reader = ByteReader(record.payload)
    guard record.payload.count == 29 else { throw .corruptSnapshot("event \(record.sequence): \(record.payload.count) bytes") }
    let kind = try reader.enumCode(SwarmEvent.Kind.self, "event kind")
    return SwarmEvent(sequence: record.sequence, time: try reader.i64(), kind: kind,
                      agent: Int32(bitPattern: try reader.u32()), task: Int32(bitPattern: try reader.u32()),
                      peer: Int32(bitPattern: try reader.u32()), value: try reader.i64())
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
    let events = swarm.drainEvents().map(eventRecord)
    do {
      try store.transaction { () throws(StoreError) in
        try store.appendEvents(events)
        for agent in agentRecords { try store.saveAgent(agent) }
        for task in taskRecords { try store.saveTask(task) }
        let sequence = try store.lastEventSequence(swarmID: swarmID)
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
