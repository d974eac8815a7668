// Restoring a swarm from its latest checkpoint (see SwarmJournal.swift for what is stored).
import Core
import Persistence

/// Returns stored outcomes for finished tasks, and runs the real behaviour for the others.
final class ReplayBehavior: AgentBehavior {
  let inner: any AgentBehavior
  let outcomes: ReplayTable

  init(_ inner: any AgentBehavior, _ outcomes: ReplayTable) {
    self.inner = inner
    self.outcomes = outcomes
  }

  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    switch outcomes.byTask[input.task.rawValue] {
    case .some(.success(let value)): return TaskOutput(value, duration: 0)
    case .some(.failure(let failure)): throw failure
    case .none: return try inner.perform(input)
    }
  }

  func receive(_ message: Message) { inner.receive(message) }
}

/// The stored outcome of each finished task, by TaskID.
final class ReplayTable {
  var byTask: [Int: Result<Payload, TaskFailure>] = [:]
}

extension SwarmJournal {
  /// Rebuilds the swarm `swarmID` from its latest checkpoint in `store`.
  ///
  /// - Parameters:
  ///   - configuration: the engine settings (the same as before the restart).
  ///   - behavior: the behaviour of an agent of each type.
  /// - Returns: a journal whose engine holds every checkpointed agent and task; finished tasks keep
  ///   their outcomes, the others run when the engine runs.
  /// - Throws: ``JournalError/noSnapshot(_:)``, ``JournalError/corruptSnapshot(_:)``,
  ///   ``JournalError/store(_:)``, ``JournalError/swarm(_:)``.
  public static func restore(from store: any Store, swarmID: String, configuration: SwarmConfiguration,
                             behavior: (AgentType) -> any AgentBehavior) throws(JournalError) -> SwarmJournal {
    guard let snapshot = try journalStore({ () throws(StoreError) in try store.latestSnapshot(swarmID: swarmID) }) else {
      throw .noSnapshot(swarmID)
    }
    let next = try journalStore { () throws(StoreError) in try store.nextSwarmEventSequence(swarmID: swarmID) }
    guard snapshot.state.starts(with: Array("RSJ1".utf8)) else { throw .corruptSnapshot("not a journal snapshot") }
    var reader = ByteReader(snapshot.state)
    reader.offset = 4
    let swarm = Swarm(configuration)
    let table = ReplayTable()
    let agentCount = try reader.count(minimumSize: 18)
    for _ in 0..<agentCount {
      let type = try reader.enumCode(AgentType.self, "agent type")
      let pattern = try reader.enumCode(CognitivePattern.self, "cognitive pattern")
      let capabilities = CapabilitySet(bits: try reader.u64())
      let concurrency = Int(truncatingIfNeeded: try reader.i64())
      let spec = AgentSpec(type: type, capabilities: capabilities, pattern: pattern, concurrency: concurrency,
                           behavior: ReplayBehavior(behavior(type), table))
      _ = try journalSwarm { () throws(SwarmError) in try swarm.spawn(spec) }
    }
    var graph = TaskGraph()
    var specs: [(spec: TaskSpec, prerequisites: [Int64])] = []
    var cancelled: [Int] = []
    let taskCount = try reader.count(minimumSize: 40)
    for index in 0..<taskCount {
      var spec = TaskSpec(payload: try reader.payload())
      spec.priority = try reader.enumCode(TaskPriority.self, "task priority")
      spec.requires = CapabilitySet(bits: try reader.u64())
      spec.duration = try reader.i64()
      spec.timeout = try reader.i64()
      spec.retry = RetryPolicy(maxRetries: Int(truncatingIfNeeded: try reader.i64()), base: try reader.i64(),
                               multiplier: try reader.i64(), maxDelay: try reader.i64())
      let hasGroup = try reader.u8() != 0
      let group = try reader.i64()
      spec.group = hasGroup ? Int(truncatingIfNeeded: group) : nil
      let prerequisiteCount = try reader.count(minimumSize: 8)
      var prerequisites: [Int64] = []
      for _ in 0..<prerequisiteCount {
        let prerequisite = try reader.i64()
        guard prerequisite >= 0 && prerequisite < Int64(index) else {
          throw .corruptSnapshot("task \(index) depends on \(prerequisite)")
        }
        prerequisites.append(prerequisite)
      }
      let status = try reader.enumCode(Core.TaskStatus.self, "task status")
      let result: Payload? = try reader.u8() != 0 ? try reader.payload() : nil
      var failure: TaskFailure? = nil
      if try reader.u8() != 0 {
        failure = TaskFailure(code: Int(truncatingIfNeeded: try reader.i64()), message: try reader.string())
      }
      specs.append((spec, prerequisites))
      var submitted = spec
      switch status {
      case .completed:
        table.byTask[index] = .success(result ?? .null)
        submitted.retry = .none
        submitted.timeout = 0
      case .failed, .timedOut:
        table.byTask[index] = .failure(failure ?? TaskFailure(code: -1, message: "timed out"))
        submitted.retry = .none
        submitted.timeout = 0
      case .cancelled:
        cancelled.append(index)
      case .pending, .assigned, .running:
        break
      }
      graph.add(submitted, after: prerequisites.map { Int($0) })
    }
    guard reader.isAtEnd else { throw .corruptSnapshot("trailing bytes") }
    let finalGraph = graph
    _ = try journalSwarm { () throws(SwarmError) in try swarm.submit(finalGraph) }
    for index in cancelled { _ = try journalSwarm { () throws(SwarmError) in try swarm.cancel(TaskID(index)) } }
    // The rebuild's own events (spawns, submissions, cancellations) stay in the engine's log: they
    // are recorded after the stored ones, like everything the restored engine does.
    let journal = SwarmJournal(store: store, swarmID: swarmID, swarm: swarm, offset: next)
    journal.taskSpecs = specs
    return journal
  }
}

/// Runs a store call, wrapping its error as ``JournalError/store(_:)``.
func journalStore<T>(_ body: () throws(StoreError) -> T) throws(JournalError) -> T {
  do { return try body() } catch { throw .store(error) }
}

/// Runs an engine call, wrapping its error as ``JournalError/swarm(_:)``.
func journalSwarm<T>(_ body: () throws(SwarmError) -> T) throws(JournalError) -> T {
  do { return try body() } catch { throw .swarm(error) }
}
