// SwarmJS: the swarm behind scalar-only functions, for the browser chunk (Core/JS/Core.jsapi).
//
// The bundler's JS boundary carries numbers (i32, f64) and Float32Arrays, so this facade keeps swarms
// in a registry of integer handles and exposes one scalar per call. Behaviours are JS callbacks: the
// page drives the engine batch by batch (`nextBatch`, then per job `jobTask`/`jobPayload`/…, the JS
// callback, `setOutcome`, and finally `completeBatch`), which is the same split the native parallel
// executor uses, so the schedule is the engine's and stays deterministic. Payloads and results are
// numbers (`Payload.number`) on this path. Core/JS/swarm.mjs wraps it in a small class.

/// A JS-facing failure: codes and fields the loader turns into `core.<case>` errors.
///
/// ```swift
/// #expect(throws: SwarmJSError.unknownSwarm(handle: 9)) { try SwarmJS.nextBatch(9) }
/// ```
public enum SwarmJSError: Error, Equatable {
  case unknownSwarm(handle: Int)
  case unknownAgent(agent: Int)
  case unknownTask(task: Int)
  case unknownNode(node: Int)
  case dependencyCycle(first: Int, length: Int)
  case invalidArgument(name: StaticString, value: Int)
  case noBatch

  public static func == (a: SwarmJSError, b: SwarmJSError) -> Bool {
    switch (a, b) {
    case (.unknownSwarm(let x), .unknownSwarm(let y)), (.unknownAgent(let x), .unknownAgent(let y)),
      (.unknownTask(let x), .unknownTask(let y)), (.unknownNode(let x), .unknownNode(let y)):
      return x == y
    case (.dependencyCycle(let f, let l), .dependencyCycle(let g, let m)): return f == g && l == m
    case (.invalidArgument(let n, let v), .invalidArgument(let m, let w)):
      return v == w && n.utf8Start == m.utf8Start
    case (.noBatch, .noBatch): return true
    default: return false
    }
  }

  init(_ e: SwarmError) {
    switch e {
    case .unknownAgent(let id): self = .unknownAgent(agent: id.rawValue)
    case .unknownTask(let id): self = .unknownTask(task: id.rawValue)
    case .unknownNode(let n): self = .unknownNode(node: n)
    case .dependencyCycle(let c): self = .dependencyCycle(first: c.first ?? -1, length: c.count)
    case .unknownMessage(let id): self = .invalidArgument(name: "message", value: id.rawValue)
    case .agentTerminated(let id): self = .invalidArgument(name: "terminated agent", value: id.rawValue)
    case .invalidConcurrency(let c): self = .invalidArgument(name: "concurrency", value: c)
    case .invalidTaskSpec(let node): self = .invalidArgument(name: "task of node", value: node)
    case .capabilityOutOfRange(let i): self = .invalidArgument(name: "capability", value: i)
    case .invalidTopology: self = .invalidArgument(name: "topology", value: 0)
    case .invalidLink(let a, _): self = .invalidArgument(name: "link", value: a.rawValue)
    case .timeInPast(let t): self = .invalidArgument(name: "time", value: Int(truncatingIfNeeded: t))
    case .batchMismatch: self = .noBatch
    }
  }
}

/// The behaviour of agents spawned from JS: it returns the outcome the page set for the job.
final class JSBehavior: AgentBehavior {
  unowned(unsafe) let session: JSSession
  init(_ session: JSSession) { self.session = session }
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    guard let i = session.batch.firstIndex(where: { $0.task == input.task }), let o = session.outcomes[i] else {
      throw TaskFailure(code: -1, message: "no outcome set from JS")
    }
    return try o.get()
  }
}

/// One swarm driven from JS.
final class JSSession {
  let swarm: Swarm
  var graph = TaskGraph()
  var batch: [Job] = []
  var outcomes: [Result<TaskOutput, TaskFailure>?] = []
  init(_ swarm: Swarm) { self.swarm = swarm }
}

nonisolated(unsafe) private var sessions: [JSSession?] = []

/// Scalar-only functions over a registry of swarms, for the browser chunk.
///
/// ```swift
/// let h = try SwarmJS.create(seed: 1, distribution: 1, orchestration: 0, window: 0, topology: 0, parameter: 0)
/// _ = try SwarmJS.spawn(h, type: 1, capabilities: 0, pattern: 6, concurrency: 1)
/// ```
public enum SwarmJS {
  static func session(_ h: Int) throws(SwarmJSError) -> JSSession {
    guard h >= 0 && h < sessions.count, let s = sessions[h] else { throw .unknownSwarm(handle: h) }
    return s
  }

  static func wrap<T>(_ body: () throws(SwarmError) -> T) throws(SwarmJSError) -> T {
    do throws(SwarmError) { return try body() } catch { throw SwarmJSError(error) }
  }

  /// A new swarm; returns its handle. distribution: 0 roundRobin, 1 leastLoaded, 2 random, 3 priority,
  /// 4 capabilityMatch, 5 cognitiveDiversity. orchestration: 0 parallel, 1 sequential, 2 adaptive(1,
  /// window). topology: 0 mesh, 1 star, 2 ring, 3 pipeline, 4 hierarchical(parameter),
  /// 5 clustered(parameter), 6 custom.
  public static func create(
    seed: Double, distribution: Int, orchestration: Int, window: Int, topology: Int, parameter: Int
  ) throws(SwarmJSError) -> Int {
    let strategies: [DistributionStrategy] = [.roundRobin, .leastLoaded, .random, .priority, .capabilityMatch,
                                              .cognitiveDiversity]
    guard distribution >= 0 && distribution < strategies.count else {
      throw .invalidArgument(name: "distribution", value: distribution)
    }
    let o: OrchestrationStrategy
    switch orchestration {
    case 0: o = .parallel
    case 1: o = .sequential
    case 2 where window >= 1: o = .adaptive(initial: 1, maximum: window)
    default: throw .invalidArgument(name: "orchestration", value: orchestration)
    }
    let t: TopologyKind
    switch topology {
    case 0: t = .mesh
    case 1: t = .star
    case 2: t = .ring
    case 3: t = .pipeline
    case 4 where parameter >= 1: t = .hierarchical(fanOut: parameter)
    case 5 where parameter >= 1: t = .clustered(size: parameter)
    case 6: t = .custom
    default: throw .invalidArgument(name: "topology", value: topology)
    }
    guard seed >= 0 && seed < 18_446_744_073_709_551_616.0 else { throw .invalidArgument(name: "seed", value: -1) }
    sessions.append(JSSession(Swarm(SwarmConfiguration(seed: UInt64(seed), orchestration: o, distribution: strategies[distribution], topology: t))))
    return sessions.count - 1
  }

  /// Frees a swarm.
  public static func destroy(_ h: Int) throws(SwarmJSError) {
    _ = try session(h)
    sessions[h] = nil
  }

  /// Spawns an agent whose work is done by JS; returns its id. capabilities: a bitmask (bits 0-30).
  public static func spawn(_ h: Int, type: Int, capabilities: Int, pattern: Int, concurrency: Int) throws(SwarmJSError) -> Int {
    let s = try session(h)
    guard type >= 0 && type < AgentType.allCases.count else { throw .invalidArgument(name: "type", value: type) }
    guard pattern >= 0 && pattern < CognitivePattern.allCases.count else { throw .invalidArgument(name: "pattern", value: pattern) }
    guard capabilities >= 0 else { throw .invalidArgument(name: "capabilities", value: capabilities) }
    let spec = AgentSpec(type: AgentType.allCases[type], capabilities: CapabilitySet(bits: UInt64(capabilities)),
                         pattern: CognitivePattern.allCases[pattern], concurrency: concurrency, behavior: JSBehavior(s))
    return try wrap { () throws(SwarmError) in try s.swarm.spawn(spec) }.rawValue
  }

  /// Adds a task to the swarm's graph under construction; returns its node. priority 0 low … 3 critical;
  /// retries with a backoff of `backoff` ticks doubling per retry.
  public static func addTask(
    _ h: Int, payload: Double, priority: Int, requires: Int, duration: Int, timeout: Int, retries: Int, backoff: Int
  ) throws(SwarmJSError) -> Int {
    let s = try session(h)
    guard priority >= 0 && priority < 4 else { throw .invalidArgument(name: "priority", value: priority) }
    guard requires >= 0 else { throw .invalidArgument(name: "requires", value: requires) }
    return s.graph.add(TaskSpec(payload: .number(payload), priority: TaskPriority.allCases[priority],
                                requires: CapabilitySet(bits: UInt64(requires)), duration: Tick(duration),
                                timeout: Tick(timeout), retry: RetryPolicy(maxRetries: retries, base: Tick(backoff))))
  }

  /// Makes node `dependent` wait for node `prerequisite` in the graph under construction.
  public static func addDependency(_ h: Int, dependent: Int, prerequisite: Int) throws(SwarmJSError) {
    let s = try session(h)
    guard dependent >= 0 && dependent < s.graph.count else { throw .unknownNode(node: dependent) }
    s.graph.addDependency(dependent, on: prerequisite)
  }

  /// Submits the graph under construction; returns the task id of its node 0 (nodes map to
  /// consecutive ids). The graph is cleared either way.
  public static func submit(_ h: Int) throws(SwarmJSError) -> Int {
    let s = try session(h)
    let g = s.graph
    s.graph = TaskGraph()
    let ids = try wrap { () throws(SwarmError) in try s.swarm.submit(g) }
    return ids.first?.rawValue ?? s.swarm.taskCount
  }

  /// Advances the engine to the next batch of jobs; returns how many (0: nothing left to do).
  public static func nextBatch(_ h: Int) throws(SwarmJSError) -> Int {
    let s = try session(h)
    s.batch = s.swarm.nextBatch()
    s.outcomes = Array(repeating: nil, count: s.batch.count)
    return s.batch.count
  }

  static func job(_ h: Int, _ i: Int) throws(SwarmJSError) -> (JSSession, Job) {
    let s = try session(h)
    guard i >= 0 && i < s.batch.count else { throw .invalidArgument(name: "job", value: i) }
    return (s, s.batch[i])
  }

  /// The task of job `i` of the current batch.
  public static func jobTask(_ h: Int, _ i: Int) throws(SwarmJSError) -> Int { try job(h, i).1.task.rawValue }
  /// The agent of job `i`.
  public static func jobAgent(_ h: Int, _ i: Int) throws(SwarmJSError) -> Int { try job(h, i).1.agent.rawValue }
  /// The attempt number of job `i`.
  public static func jobAttempt(_ h: Int, _ i: Int) throws(SwarmJSError) -> Int { try job(h, i).1.input.attempt }
  /// The payload of job `i` (NaN when not a number).
  public static func jobPayload(_ h: Int, _ i: Int) throws(SwarmJSError) -> Double {
    try job(h, i).1.input.payload.doubleValue ?? .nan
  }
  /// How many prerequisite results job `i` receives.
  public static func jobPrerequisites(_ h: Int, _ i: Int) throws(SwarmJSError) -> Int {
    try job(h, i).1.input.prerequisites.count
  }
  /// The `k`-th prerequisite result of job `i` (NaN when not a number).
  public static func jobPrerequisite(_ h: Int, _ i: Int, _ k: Int) throws(SwarmJSError) -> Double {
    let pre = try job(h, i).1.input.prerequisites
    guard k >= 0 && k < pre.count else { throw .invalidArgument(name: "prerequisite", value: k) }
    return pre[k].value.doubleValue ?? .nan
  }

  /// Sets job `i`'s outcome: failure code 0 means success with `value` after `duration` ticks
  /// (negative: the task's duration); any other code is a failure with that code.
  public static func setOutcome(_ h: Int, _ i: Int, value: Double, duration: Int, failure: Int) throws(SwarmJSError) {
    let (s, _) = try job(h, i)
    s.outcomes[i] = failure == 0
      ? .success(TaskOutput(.number(value), duration: duration < 0 ? nil : Tick(duration)))
      : .failure(TaskFailure(code: failure))
  }

  /// Starts the current batch's attempts with the outcomes set; a job without one fails (code -1).
  public static func completeBatch(_ h: Int) throws(SwarmJSError) {
    let s = try session(h)
    let outcomes = s.batch.map { $0.run() }
    try wrap { () throws(SwarmError) in try s.swarm.complete(s.batch, with: outcomes) }
    s.batch = []
    s.outcomes = []
  }

  /// A task's status (TaskStatus raw value: 0 pending … 6 timedOut).
  public static func taskStatus(_ h: Int, _ task: Int) throws(SwarmJSError) -> Int {
    let s = try session(h)
    return Int(try wrap { () throws(SwarmError) in try s.swarm.task(TaskID(task)) }.status.rawValue)
  }

  /// A completed task's result (NaN otherwise).
  public static func taskResult(_ h: Int, _ task: Int) throws(SwarmJSError) -> Double {
    let s = try session(h)
    return try wrap { () throws(SwarmError) in try s.swarm.task(TaskID(task)) }.result?.doubleValue ?? .nan
  }

  /// One swarm metric: 0 succeeded, 1 failed, 2 timedOut, 3 cancelled, 4 retried, 5 attempts, 6 ready,
  /// 7 blocked, 8 inFlight, 9 latency p50, 10 p90, 11 p99, 12 max, 13 utilisation, 14 messages sent,
  /// 15 delivered, 16 engine time.
  public static func metric(_ h: Int, _ which: Int) throws(SwarmJSError) -> Double {
    let s = try session(h)
    let m = s.swarm.metrics
    let values: [Double] = [
      Double(m.succeeded), Double(m.failed), Double(m.timedOut), Double(m.cancelled), Double(m.retried),
      Double(m.attempts), Double(m.ready), Double(m.blocked), Double(m.inFlight), Double(m.latency.p50),
      Double(m.latency.p90), Double(m.latency.p99), Double(m.latency.max), m.utilisation,
      Double(m.messagesSent), Double(m.messagesDelivered), Double(s.swarm.now),
    ]
    guard which >= 0 && which < values.count else { throw .invalidArgument(name: "metric", value: which) }
    return values[which]
  }

  /// Events logged so far and not drained.
  public static func eventCount(_ h: Int) throws(SwarmJSError) -> Int { try session(h).swarm.events.count }

  /// Field `field` of event `index`: 0 sequence, 1 time, 2 kind, 3 agent, 4 task, 5 peer, 6 value.
  public static func eventField(_ h: Int, _ index: Int, _ field: Int) throws(SwarmJSError) -> Double {
    let events = try session(h).swarm.events
    guard index >= 0 && index < events.count else { throw .invalidArgument(name: "event", value: index) }
    let e = events[index]
    switch field {
    case 0: return Double(e.sequence)
    case 1: return Double(e.time)
    case 2: return Double(e.kind.rawValue)
    case 3: return Double(e.agent)
    case 4: return Double(e.task)
    case 5: return Double(e.peer)
    case 6: return Double(e.value)
    default: throw .invalidArgument(name: "field", value: field)
    }
  }
}
