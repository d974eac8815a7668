// JournalJS: journaled swarms (SwarmJournal) driven from JS, for the journal chunk
// (Persistence/JS/Journal.jsapi), in the databases of Persistence's chunk (PersistenceJS).
//
// A journaled swarm is a Core swarm whose agents, tasks and events are recorded in one of the
// registry's databases: `swarmCheckpoint` saves the event log and a snapshot in one transaction, and
// after a page reload `swarmRestore` rebuilds the engine from the newest snapshot, so pending tasks
// continue and finished ones keep their results. Behaviours are JS callbacks, driven batch by batch
// exactly like Core's chunk (Core/Sources/Core/SwarmJS.swift): `swarmNextBatch`, then per job
// `swarmJobTask` / `swarmJobPayload`, the JS work, `swarmSetOutcome`, and `swarmCompleteBatch`.
// Payloads and results are numbers. A journal belongs to its database's current content: once the
// database is closed or an image is imported into it, the journal's handle is refused (and freed).
import Core
import Persistence

/// The journal chunk's error: Persistence's (the same codes; the generated glue of this module names
/// it through this alias, since it imports only this module).
public typealias JournalJSError = PersistenceJSError

/// The behaviour of agents of a JS-driven journal: the outcome the page set for the job.
final class JournalJSBehavior: AgentBehavior {
  unowned(unsafe) let session: JSJournal
  init(_ session: JSJournal) { self.session = session }
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    guard let i = session.batch.firstIndex(where: { $0.task == input.task }), let o = session.outcomes[i] else {
      throw TaskFailure(code: -1, message: "no outcome set from JS")
    }
    return try o.get()
  }
}

/// One journaled swarm driven from JS.
final class JSJournal {
  /// The database entry and store the journal writes to: the journal is stale once either changed.
  let database: Int
  let entry: JSDatabase
  let store: SQLiteStore
  var journal: SwarmJournal?
  var graph = TaskGraph()
  var batch: [Job] = []
  var outcomes: [Result<TaskOutput, TaskFailure>?] = []
  init(database: Int, entry: JSDatabase) {
    self.database = database
    self.entry = entry
    store = entry.store
  }

  /// Whether the database is still open with the content the journal was opened on.
  var isCurrent: Bool {
    PersistenceJS.isOpen(database, entry) && entry.store === store
  }
}

nonisolated(unsafe) var jsJournals: [JSJournal?] = []

/// Journaled swarms over a registry of integer handles, for the journal chunk.
///
/// ```swift
/// let db = try PersistenceJS.open()
/// let s = try JournalJS.swarmCreate(db, id: id, seed: 1, distribution: 0, topology: 0)
/// ```
public enum JournalJS {
  /// The journal of `handle`; a stale one (its database closed or re-imported) is freed and refused.
  static func session(_ handle: Int) throws(PersistenceJSError) -> (JSJournal, SwarmJournal) {
    guard handle >= 0 && handle < jsJournals.count, let session = jsJournals[handle], let journal = session.journal else {
      throw fail(.unknownSwarm(handle: handle), "no swarm with handle \(handle)")
    }
    guard session.isCurrent else {
      jsJournals[handle] = nil
      throw fail(.unknownSwarm(handle: handle), "swarm \(handle) was closed with its database")
    }
    return (session, journal)
  }

  static func fail(_ error: PersistenceJSError, _ message: String) -> PersistenceJSError { PersistenceJS.fail(error, message) }
  static func fail(_ error: StoreError) -> PersistenceJSError { PersistenceJS.fail(error) }
  static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) throws(PersistenceJSError) -> String {
    try PersistenceJS.text(bytes, name)
  }

  /// The JS error for a journal failure.
  static func fail(_ error: JournalError) -> PersistenceJSError {
    switch error {
    case .store(let e): return fail(e)
    case .swarm: return fail(.swarmRefused, "the swarm engine refused the call")
    case .noSnapshot(let id): return fail(.noSnapshot, "no checkpoint stored for swarm \(id)")
    case .corruptSnapshot(let why): return fail(.corruptSnapshot, "the swarm checkpoint is corrupt: \(why)")
    case .unrecordedChanges(let why): return fail(.swarmRefused, why)
    }
  }

  /// Runs an engine call, mapping its error.
  static func engine<T>(_ body: () throws(SwarmError) -> T) throws(PersistenceJSError) -> T {
    do { return try body() } catch { throw fail(.swarmRefused, "the swarm engine refused the call") }
  }

  /// The configuration from JS numbers: distribution 0 roundRobin, 1 leastLoaded, 2 random,
  /// 3 priority, 4 capabilityMatch, 5 cognitiveDiversity; topology 0 mesh, 1 star, 2 ring, 3 pipeline.
  static func configuration(seed: Double, distribution: Int, topology: Int) throws(PersistenceJSError) -> SwarmConfiguration {
    let strategies: [DistributionStrategy] = [.roundRobin, .leastLoaded, .random, .priority, .capabilityMatch,
                                              .cognitiveDiversity]
    let topologies: [TopologyKind] = [.mesh, .star, .ring, .pipeline]
    guard distribution >= 0 && distribution < strategies.count else {
      throw fail(.invalidArgument(name: "distribution", value: distribution), "unknown distribution \(distribution)")
    }
    guard topology >= 0 && topology < topologies.count else {
      throw fail(.invalidArgument(name: "topology", value: topology), "unknown topology \(topology)")
    }
    guard seed >= 0 && seed < 9_007_199_254_740_992, seed == seed.rounded(.towardZero) else {
      throw fail(.invalidArgument(name: "seed", value: -1), "the seed must be a whole number in 0..<2^53")
    }
    return SwarmConfiguration(seed: UInt64(seed), distribution: strategies[distribution], topology: topologies[topology])
  }

  /// Adds a journal session to the registry.
  static func register(_ session: JSJournal) -> Int {
    if let free = jsJournals.firstIndex(where: { $0 == nil }) {
      jsJournals[free] = session
      return free
    }
    jsJournals.append(session)
    return jsJournals.count - 1
  }

  /// Starts a new journaled swarm `id` in database `db` (its SwarmRecord is saved); returns its handle.
  ///
  /// ```swift
  /// let s = try PersistenceJS.swarmCreate(db, id: id, seed: 1, distribution: 0, topology: 0)
  /// ```
  public static func swarmCreate(
    _ db: Int, id: UnsafeBufferPointer<UInt8>, seed: Double, distribution: Int, topology: Int
  ) throws(PersistenceJSError) -> Int {
    let entry = try PersistenceJS.database(db)
    let swarmID = try text(id, "swarm id")
    let configuration = try configuration(seed: seed, distribution: distribution, topology: topology)
    let session = JSJournal(database: db, entry: entry)
    do {
      session.journal = try SwarmJournal(store: entry.store, swarmID: swarmID, configuration: configuration)
    } catch {
      throw fail(error)
    }
    return register(session)
  }

  /// Rebuilds journaled swarm `id` from its newest checkpoint in database `db` (pass the
  /// configuration it was created with); its agents are driven from JS again. Returns its handle.
  ///
  /// - Throws: ``PersistenceJSError/noSnapshot`` when it was never checkpointed,
  ///   ``PersistenceJSError/corruptSnapshot`` when the checkpoint cannot be decoded.
  public static func swarmRestore(
    _ db: Int, id: UnsafeBufferPointer<UInt8>, seed: Double, distribution: Int, topology: Int
  ) throws(PersistenceJSError) -> Int {
    let entry = try PersistenceJS.database(db)
    let swarmID = try text(id, "swarm id")
    let configuration = try configuration(seed: seed, distribution: distribution, topology: topology)
    let session = JSJournal(database: db, entry: entry)
    do {
      session.journal = try SwarmJournal.restore(from: entry.store, swarmID: swarmID, configuration: configuration) { _ in
        JournalJSBehavior(session)
      }
    } catch {
      throw fail(error)
    }
    return register(session)
  }

  /// Frees a journaled swarm (what it checkpointed stays in the database).
  public static func swarmClose(_ handle: Int) throws(PersistenceJSError) {
    _ = try session(handle)
    jsJournals[handle] = nil
  }

  /// Spawns an agent driven by JS; returns its id. type and pattern index Core's `AgentType` and
  /// `CognitivePattern` cases; capabilities is a bitmask (bits 0-30).
  public static func swarmSpawn(_ handle: Int, type: Int, capabilities: Int, pattern: Int, concurrency: Int) throws(PersistenceJSError) -> Int {
    let (session, journal) = try self.session(handle)
    guard type >= 0 && type < AgentType.allCases.count else { throw fail(.invalidArgument(name: "type", value: type), "unknown agent type") }
    guard pattern >= 0 && pattern < CognitivePattern.allCases.count else {
      throw fail(.invalidArgument(name: "pattern", value: pattern), "unknown cognitive pattern")
    }
    guard capabilities >= 0 else { throw fail(.invalidArgument(name: "capabilities", value: capabilities), "negative capabilities") }
    let spec = AgentSpec(type: AgentType.allCases[type], capabilities: CapabilitySet(bits: UInt64(capabilities)),
                         pattern: CognitivePattern.allCases[pattern], concurrency: concurrency, behavior: JournalJSBehavior(session))
    do { return try journal.spawn(spec).rawValue } catch { throw fail(error) }
  }

  /// Adds a task to the graph under construction; returns its node. priority 0 low … 3 critical.
  public static func swarmAddTask(
    _ handle: Int, payload: Double, priority: Int, requires: Int, duration: Int, retries: Int
  ) throws(PersistenceJSError) -> Int {
    let (session, _) = try self.session(handle)
    guard priority >= 0 && priority < 4 else { throw fail(.invalidArgument(name: "priority", value: priority), "priority must be 0...3") }
    guard requires >= 0 else { throw fail(.invalidArgument(name: "requires", value: requires), "negative requirements") }
    guard duration >= 0 && retries >= 0 else {
      throw fail(.invalidArgument(name: "duration or retries", value: Swift.min(duration, retries)), "negative duration or retries")
    }
    return session.graph.add(TaskSpec(payload: .number(payload), priority: TaskPriority.allCases[priority],
                                      requires: CapabilitySet(bits: UInt64(requires)), duration: Tick(duration),
                                      retry: RetryPolicy(maxRetries: retries, base: 1)))
  }

  /// Makes node `dependent` wait for node `prerequisite` in the graph under construction.
  public static func swarmAddDependency(_ handle: Int, dependent: Int, prerequisite: Int) throws(PersistenceJSError) {
    let (session, _) = try self.session(handle)
    guard dependent >= 0 && dependent < session.graph.count else {
      throw fail(.invalidArgument(name: "dependent", value: dependent), "the graph has no node \(dependent)")
    }
    guard prerequisite >= 0 && prerequisite < session.graph.count else {
      throw fail(.invalidArgument(name: "prerequisite", value: prerequisite), "the graph has no node \(prerequisite)")
    }
    session.graph.addDependency(dependent, on: prerequisite)
  }

  /// Submits the graph under construction through the journal; returns the task id of its node 0
  /// (nodes map to consecutive ids). The graph is cleared either way.
  public static func swarmSubmit(_ handle: Int) throws(PersistenceJSError) -> Int {
    let (session, journal) = try self.session(handle)
    let graph = session.graph
    session.graph = TaskGraph()
    let ids: [TaskID]
    do { ids = try journal.submit(graph) } catch { throw fail(error) }
    return ids.first?.rawValue ?? journal.swarm.taskCount
  }

  /// Advances the engine to its next batch of jobs; returns how many (0: nothing left to do).
  public static func swarmNextBatch(_ handle: Int) throws(PersistenceJSError) -> Int {
    let (session, journal) = try self.session(handle)
    session.batch = journal.swarm.nextBatch()
    session.outcomes = Array(repeating: nil, count: session.batch.count)
    return session.batch.count
  }

  /// Job `index` of the current batch.
  static func job(_ handle: Int, _ index: Int) throws(PersistenceJSError) -> (JSJournal, Job) {
    let (session, _) = try self.session(handle)
    guard index >= 0 && index < session.batch.count else {
      throw fail(.invalidArgument(name: "job", value: index), "the current batch has no job \(index)")
    }
    return (session, session.batch[index])
  }

  /// The task of job `index`.
  public static func swarmJobTask(_ handle: Int, _ index: Int) throws(PersistenceJSError) -> Int {
    try job(handle, index).1.task.rawValue
  }

  /// The payload of job `index` (NaN when not a number).
  public static func swarmJobPayload(_ handle: Int, _ index: Int) throws(PersistenceJSError) -> Double {
    try job(handle, index).1.input.payload.doubleValue ?? .nan
  }

  /// Sets job `index`'s outcome: failure 0 means success with `value`; any other code is a failure.
  public static func swarmSetOutcome(_ handle: Int, _ index: Int, value: Double, failure: Int) throws(PersistenceJSError) {
    let (session, _) = try job(handle, index)
    session.outcomes[index] = failure == 0 ? .success(TaskOutput(.number(value))) : .failure(TaskFailure(code: failure))
  }

  /// Runs the current batch's attempts with the outcomes set (a job without one fails with code -1).
  public static func swarmCompleteBatch(_ handle: Int) throws(PersistenceJSError) {
    let (session, journal) = try self.session(handle)
    guard !session.batch.isEmpty else { throw fail(.noBatch, "no batch is in progress") }
    let outcomes = session.batch.map { $0.run() }
    let batch = session.batch
    session.batch = []
    session.outcomes = []
    try engine { () throws(SwarmError) in try journal.swarm.complete(batch, with: outcomes) }
  }

  /// Saves the swarm's new events, agents, tasks and a snapshot in one transaction: flush the
  /// database after it. Returns how many events the database holds for this swarm.
  public static func swarmCheckpoint(_ handle: Int) throws(PersistenceJSError) -> Int {
    let (_, journal) = try session(handle)
    do { try journal.checkpoint() } catch { throw fail(error) }
    return try storedEvents(journal)
  }

  /// How many events the database holds for this swarm.
  static func storedEvents(_ journal: SwarmJournal) throws(PersistenceJSError) -> Int {
    do {
      return Int(try journal.store.nextSwarmEventSequence(swarmID: journal.swarmID))
    } catch {
      throw fail(error)
    }
  }

  /// A task's status (Core's TaskStatus raw value: 0 pending … 6 timedOut).
  public static func swarmTaskStatus(_ handle: Int, task: Int) throws(PersistenceJSError) -> Int {
    let (_, journal) = try session(handle)
    return Int(try engine { () throws(SwarmError) in try journal.swarm.task(TaskID(task)) }.status.rawValue)
  }

  /// A completed task's result (NaN otherwise).
  public static func swarmTaskResult(_ handle: Int, task: Int) throws(PersistenceJSError) -> Double {
    let (_, journal) = try session(handle)
    return try engine { () throws(SwarmError) in try journal.swarm.task(TaskID(task)) }.result?.doubleValue ?? .nan
  }

  /// How many tasks the swarm has.
  public static func swarmTaskCount(_ handle: Int) throws(PersistenceJSError) -> Int {
    try session(handle).1.swarm.taskCount
  }
}
