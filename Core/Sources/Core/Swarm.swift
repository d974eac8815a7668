// Swarm: the deterministic, synchronous orchestration engine.
//
// Purpose. Run a swarm of agents on a DAG of tasks for real: every task is assigned by a distribution
// strategy, executed by its agent's behaviour, retried on faults, and recorded, on an explicit engine
// clock, with nothing but Embedded-Swift-compatible code so that the same engine runs natively and in
// the browser.
//
// Model of time. The engine is a discrete-event simulator. `now` only moves when the next event of the
// agenda (a binary heap ordered by time, then scheduling order) is processed. A behaviour runs when its
// attempt starts; its output's duration (or the task's) says when the attempt ends. All events of one
// tick are processed before the next dispatch pass, so work that becomes startable at the same tick
// forms one batch, which the native executor runs in parallel.
//
// Invariants.
// 1. Same configuration (seed) + same calls in the same order ⇒ the same event log, bit for bit, on
//    every platform: no wall clock, no hashing order, no thread timing influences a decision. Batches
//    are applied in their order whatever order their jobs finished in.
// 2. Every state change appends exactly one `SwarmEvent`; sequence numbers are dense.
// 3. A task is in exactly one place: waiting for prerequisites, in backoff, parked (no capable agent),
//    in the ready queue, assigned/running on one agent, or final.
// 4. `availableBits` holds exactly the agents that are idle or busy with a free slot; `freeSlots` is the
//    sum of their free slots.
//
// Threading and exclusivity. A Swarm is confined to one thread at a time (the parallel executor calls
// behaviours on other threads, never the swarm). Its stored properties are `@exclusivity(unchecked)`:
// the engine never holds an access to one across a call into user code (behaviours run between
// `nextBatch` and `complete`; `receive` is called last, after every access has ended), so the dynamic
// exclusivity checks, which cost half the time of a no-op assignment natively, are dropped.
//
// Goals, in priority order: correctness and determinism; nothing lost silently (every unassignable
// task has a queryable reason, every dropped message a log entry); throughput (O(1) amortised work
// per assignment for round-robin and random, one pass over the free agents otherwise); memory (flat
// arrays indexed by dense ids; topology as rules, not edges).

/// A swarm of agents running task graphs on an explicit engine clock.
///
/// ```swift
/// let swarm = Swarm(SwarmConfiguration(seed: 1))
/// let doubler = ClosureBehavior { input in TaskOutput(.int((input.payload.intValue ?? 0) * 2)) }
/// _ = try swarm.spawn(AgentSpec(type: .coder, behavior: doubler))
/// var g = TaskGraph()
/// g.add(TaskSpec(payload: .int(21)))
/// let ids = try swarm.submit(g)
/// swarm.run()
/// #expect(try swarm.task(ids[0]).result == .int(42))
/// ```
public final class Swarm {
  /// The settings the swarm was created with.
  public let configuration: SwarmConfiguration
  /// The engine clock.
  @exclusivity(unchecked) public internal(set) var now: Tick = 0

  @exclusivity(unchecked) var rng: Xoshiro256
  @exclusivity(unchecked) var agenda = Agenda()

  // Agents.
  @exclusivity(unchecked) var agents: [AgentRecord] = []
  @exclusivity(unchecked) var behaviors: [any AgentBehavior] = []
  /// Agents with state idle or busy and a free slot (invariant 4), as a bitset over agent ids: set
  /// and clear are O(1), and scans visit agents in ascending id order, which lets a strategy stop at
  /// the first agent that cannot be beaten.
  @exclusivity(unchecked) var availableBits: [UInt64] = []
  @exclusivity(unchecked) var availableCount = 0
  @exclusivity(unchecked) var freeSlots = 0
  @exclusivity(unchecked) var roundRobinCursor = -1
  @exclusivity(unchecked) var unresponsiveCount = 0
  @exclusivity(unchecked) var healthCheckScheduled = false

  // Tasks.
  @exclusivity(unchecked) var tasks: [TaskRecord] = []
  @exclusivity(unchecked) var prerequisiteLists: [[Int32]] = []
  @exclusivity(unchecked) var dependentLists: [[Int32]] = []
  @exclusivity(unchecked) var lanes: [[Int32]] = [[], [], [], []]
  @exclusivity(unchecked) var laneHeads = [0, 0, 0, 0]
  @exclusivity(unchecked) var laneTombstones = [0, 0, 0, 0]
  @exclusivity(unchecked) var parked: [Int32] = []
  @exclusivity(unchecked) var inFlight = 0
  @exclusivity(unchecked) var window: Int
  /// Cognitive-diversity bookkeeping: relation key → slot; per slot 7 pattern counts and the last one.
  @exclusivity(unchecked) var groupSlots: [Int64: Int32] = [:]
  @exclusivity(unchecked) var groupCounts: [Int32] = []
  @exclusivity(unchecked) var groupLast: [Int8] = []
  /// Per dispatch pass: heaps of available agents for the priority strategy (Swarm+Dispatch.swift).
  @exclusivity(unchecked) var priorityHeaps: [[PriorityEntry]] = [[], []]
  @exclusivity(unchecked) var priorityHeapBuilt = (false, false)
  @exclusivity(unchecked) var graphCount = 0

  // Log.
  /// The event log not yet drained (see ``drainEvents()``), oldest first.
  @exclusivity(unchecked) public internal(set) var events: [SwarmEvent] = []
  @exclusivity(unchecked) var nextSequence: Int64 = 0

  // Topology and messages.
  @exclusivity(unchecked) var topology: TopologyState
  @exclusivity(unchecked) var messages: [MessageRecord] = []
  @exclusivity(unchecked) var inboxes: [[Int32]] = []
  @exclusivity(unchecked) var queuedMessages: [Int32] = []
  @exclusivity(unchecked) var linkCounts: [UInt64: Int] = [:]
  @exclusivity(unchecked) var bfsStamp: [UInt32] = []
  @exclusivity(unchecked) var bfsParent: [Int32] = []
  @exclusivity(unchecked) var bfsDepth: [Int32] = []
  @exclusivity(unchecked) var bfsGeneration: UInt32 = 0

  // Scheduled faults.
  @exclusivity(unchecked) var scheduledFaults: [Fault?] = []

  // Swarm counters.
  @exclusivity(unchecked) var counters = Counters()
  @exclusivity(unchecked) var latencies: [Tick] = []

  /// An empty swarm.
  public init(_ configuration: SwarmConfiguration = SwarmConfiguration()) {
    self.configuration = configuration
    rng = Xoshiro256(seed: configuration.seed)
    topology = TopologyState(kind: configuration.topology)
    switch configuration.orchestration {
    case .parallel: window = Int.max
    case .sequential: window = 1
    case .adaptive(let initial, let maximum): window = max(1, min(initial, max(maximum, 1)))
    }
  }

  /// The number of agents ever spawned (terminated ones included).
  public var agentCount: Int { agents.count }
  /// The number of tasks ever submitted.
  public var taskCount: Int { tasks.count }
  /// The number of events ever logged (drained ones included).
  public var eventCount: Int64 { nextSequence }
  /// The current in-flight limit of the orchestration strategy (`Int.max` for parallel).
  public var inFlightLimit: Int { window }

  /// Removes and returns the logged events; sequence numbers continue (a store such as Persistence
  /// drains the log into a table).
  ///
  /// ```swift
  /// let batch = swarm.drainEvents()
  /// #expect(swarm.events.isEmpty)
  /// ```
  public func drainEvents() -> [SwarmEvent] {
    let out = events
    events = []
    return out
  }

  @inline(__always)
  func log(_ kind: SwarmEvent.Kind, agent: Int32 = -1, task: Int32 = -1, peer: Int32 = -1, value: Int64 = 0) {
    events.append(SwarmEvent(sequence: nextSequence, time: now, kind: kind, agent: agent, task: task, peer: peer, value: value))
    nextSequence += 1
  }

  func checkAgent(_ id: AgentID) throws(SwarmError) -> Int32 {
    guard id.rawValue >= 0 && id.rawValue < agents.count else { throw .unknownAgent(id) }
    return Int32(id.rawValue)
  }

  func checkLiveAgent(_ id: AgentID) throws(SwarmError) -> Int32 {
    let a = try checkAgent(id)
    guard agents[Int(a)].state != .terminated else { throw .agentTerminated(id) }
    return a
  }

  func checkTask(_ id: TaskID) throws(SwarmError) -> Int32 {
    guard id.rawValue >= 0 && id.rawValue < tasks.count else { throw .unknownTask(id) }
    return Int32(id.rawValue)
  }

  /// A snapshot of agent `id`.
  /// - Throws: ``SwarmError/unknownAgent(_:)``.
  public func agent(_ id: AgentID) throws(SwarmError) -> AgentInfo {
    let a = agents[Int(try checkAgent(id))]
    return AgentInfo(
      id: id, type: a.type, capabilities: CapabilitySet(bits: a.capabilities), pattern: a.pattern,
      concurrency: Int(a.concurrency), state: a.state, running: Int(a.running), responsive: a.responsive,
      lastHeartbeat: lastHeartbeat(of: a), joinedAt: a.joinedAt)
  }

  /// A snapshot of task `id`.
  /// - Throws: ``SwarmError/unknownTask(_:)``.
  public func task(_ id: TaskID) throws(SwarmError) -> TaskInfo {
    let i = Int(try checkTask(id))
    let t = tasks[i]
    return TaskInfo(
      id: id, status: t.status, priority: t.priority, attempts: Int(t.attempts),
      agent: t.agent >= 0 ? AgentID(Int(t.agent)) : nil, result: t.status == .completed ? t.result : nil,
      lastFailure: t.lastFailure, prerequisites: prerequisiteLists[i].map { TaskID(Int($0)) },
      dependents: dependentLists[i].map { TaskID(Int($0)) }, submittedAt: t.submittedAt,
      finishedAt: t.status.isFinal ? t.finishedAt : nil)
  }

  /// The ids of the agents in the given state, ascending.
  /// - Complexity: O(agents).
  public func agents(in state: AgentState) -> [AgentID] {
    var out: [AgentID] = []
    for i in 0..<agents.count where agents[i].state == state { out.append(AgentID(i)) }
    return out
  }
}

/// The engine's record of an agent.
struct AgentRecord {
  var capabilities: UInt64
  var type: AgentType
  var pattern: CognitivePattern
  var state: AgentState
  var responsive = true
  var concurrency: Int32
  var running: Int32 = 0
  var joinedAt: Tick
  var leftAt: Tick = -1
  var silentSince: Tick = 0
  var beatsSince: Tick
  var lastChange: Tick
  var busySlotTicks: Int64 = 0
  var succeeded: Int32 = 0
  var failed: Int32 = 0
  var timedOut: Int32 = 0
  var interrupted: Int32 = 0
  var sent: Int32 = 0
  var received: Int32 = 0
  var relayed: Int32 = 0
  /// Tasks assigned to or running on it.
  var tasks: [Int32] = []
}

/// How an attempt ends, decided when the behaviour returns.
enum AttemptEnding: UInt8 { case success, failure, timeout }

/// The engine's record of a task.
struct TaskRecord {
  var payload: Payload
  var result: Payload? = nil
  var lastFailure: TaskFailure? = nil
  var requires: UInt64
  var duration: Tick
  var timeout: Tick
  var retry: RetryPolicy
  var group: Int64
  var submittedAt: Tick
  var readyAt: Tick = 0
  var retryAt: Tick = 0
  var finishedAt: Tick = 0
  var failedOn: [Int32] = []
  var agent: Int32 = -1
  var attempts: Int32 = 0
  var token: Int32 = 0
  var waiting: Int32
  var status: TaskStatus = .pending
  var priority: TaskPriority
  var ending: AttemptEnding = .success
  var queued = false
  var parked = false
}

/// An agent in a priority heap, with the load it had when pushed.
struct PriorityEntry {
  var agent: Int32
  var running: Int32
}

/// Swarm-wide counters.
struct Counters {
  var succeeded = 0
  var failed = 0
  var timedOut = 0
  var cancelled = 0
  var retried = 0
  var attempts = 0
  var attemptsFailed = 0
  var attemptsTimedOut = 0
  var attemptsInterrupted = 0
  var messagesSent = 0
  var messagesDelivered = 0
  var messagesDropped = 0
  var messageHops = 0
  var retiredSlotTicks: Int64 = 0
  var retiredCapacityTicks: Int64 = 0
}
