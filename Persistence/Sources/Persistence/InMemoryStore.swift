// InMemoryStore: the Store protocol over plain Swift collections.
//
// It exists for tests, previews and wasm builds without SQLite, and as a second implementation
// that keeps SQLiteStore honest: both run one test suite, so every rule (sequence gaps, unknown
// swarms, TTLs, byte order of keys, size limits) is implemented twice and must agree.
//
// Ids and keys are compared as UTF-8 bytes, like SQLite's BINARY collation (Swift's `String ==`
// would merge canonically equivalent strings such as "é" and "e\u{301}", which SQLite keeps
// apart). Transactions copy the state (copy-on-write makes that O(1) until a write) and restore
// it when the body throws.

/// A ``Store`` in memory, with the same behaviour as ``SQLiteStore``.
///
/// ```swift
/// let store = InMemoryStore(clock: StoreClock { 0 })
/// try store.saveSwarm(SwarmRecord(id: "s1", name: "demo", topology: "mesh"))
/// ```
public final class InMemoryStore: Store {
  struct State {
    var swarms: [[UInt8]: SwarmRecord] = [:]
    var agents: [[UInt8]: [[UInt8]: AgentRecord]] = [:]
    var tasks: [[UInt8]: [[UInt8]: TaskRecord]] = [:]
    var events: [[UInt8]: [EventRecord]] = [:]
    var swarmEvents: [[UInt8]: [SwarmEventRow]] = [:]
    var snapshots: [[UInt8]: [Int64: SnapshotRecord]] = [:]
    var messages: [MessageRecord] = []
    var lastMessageID: Int64 = 0
    var metrics: [[UInt8]: [MetricPoint]] = [:]
    var memory: [[UInt8]: [[UInt8]: MemoryEntry]] = [:]
    var models: [[UInt8]: ModelRecord] = [:]
  }

  var state = State()
  /// Memory size limits.
  public let limits: MemoryLimits
  /// Where timestamps and expiries come from.
  public let clock: StoreClock

  /// An empty store.
  ///
  /// ```swift
  /// let store = InMemoryStore(limits: MemoryLimits(maxValueBytes: 1 << 20), clock: StoreClock { 0 })
  /// ```
  public init(limits: MemoryLimits = MemoryLimits(), clock: StoreClock) {
    self.limits = limits
    self.clock = clock
  }

  public func transaction(_ body: () throws(StoreError) -> Void) throws(StoreError) {
    let saved = state
    do {
      try body()
    } catch {
      state = saved
      throw error
    }
  }

  func requireSwarm(_ id: String) throws(StoreError) {
    if state.swarms[Array(id.utf8)] == nil { throw .unknownSwarm(id) }
  }

  static func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  // MARK: Swarms, agents, tasks

  public func saveSwarm(_ swarm: SwarmRecord) throws(StoreError) { state.swarms[Array(swarm.id.utf8)] = swarm }

  public func swarm(id: String) throws(StoreError) -> SwarmRecord? { state.swarms[Array(id.utf8)] }

  public func swarms() throws(StoreError) -> [SwarmRecord] {
    state.swarms.values.sorted { InMemoryStore.byBytes($0.id, $1.id) }
  }

  public func saveAgent(_ agent: AgentRecord) throws(StoreError) {
    try requireSwarm(agent.swarmID)
    state.agents[Array(agent.swarmID.utf8), default: [:]][Array(agent.id.utf8)] = agent
  }

  public func agents(swarmID: String) throws(StoreError) -> [AgentRecord] {
    (state.agents[Array(swarmID.utf8)] ?? [:]).values.sorted { InMemoryStore.byBytes($0.id, $1.id) }
  }

  public func saveTask(_ task: TaskRecord) throws(StoreError) {
    try task.validate()
    try requireSwarm(task.swarmID)
    state.tasks[Array(task.swarmID.utf8), default: [:]][Array(task.id.utf8)] = task
  }

  public func task(swarmID: String, id: String) throws(StoreError) -> TaskRecord? {
    state.tasks[Array(swarmID.utf8)]?[Array(id.utf8)]
  }

  public func tasks(swarmID: String, status: TaskStatus?) throws(StoreError) -> [TaskRecord] {
    (state.tasks[Array(swarmID.utf8)] ?? [:]).values
      .filter { status == nil || $0.status == status }
      .sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : InMemoryStore.byBytes($0.id, $1.id) }
  }

  // MARK: Event log and snapshots

  public func appendEvents(_ events: [EventRecord]) throws(StoreError) {
    try transaction { () throws(StoreError) in
      for event in events {
        let key = Array(event.swarmID.utf8)
        let expected = Int64(state.events[key]?.count ?? 0) + 1
        guard event.sequence == expected else {
          throw .sequenceGap(swarm: event.swarmID, expected: expected, found: event.sequence)
        }
        try requireSwarm(event.swarmID)
        state.events[key, default: []].append(event)
      }
    }
  }

  public func events(swarmID: String, after: Int64, limit: Int?) throws(StoreError) -> [EventRecord] {
    try StoreRules.checkLimit(limit)
    let log = state.events[Array(swarmID.utf8)] ?? []
    // Sequence n sits at index n - 1.
    let start = Int(max(0, min(after, Int64(log.count))))
    let end = start + (limit.map { min(log.count - start, $0) } ?? (log.count - start))
    return Array(log[start..<end])
  }

  public func lastEventSequence(swarmID: String) throws(StoreError) -> Int64 {
    Int64(state.events[Array(swarmID.utf8)]?.count ?? 0)
  }

  public func appendSwarmEvents(_ rows: [SwarmEventRow]) throws(StoreError) {
    try transaction { () throws(StoreError) in
      for row in rows {
        let key = Array(row.swarmID.utf8)
        let expected = Int64(state.swarmEvents[key]?.count ?? 0)
        guard row.sequence == expected else {
          throw .sequenceGap(swarm: row.swarmID, expected: expected, found: row.sequence)
        }
        try requireSwarm(row.swarmID)
        // SQL stores negative ids as NULL and reads NULL back as -1.
        var stored = row
        stored.agent = max(row.agent, -1)
        stored.task = max(row.task, -1)
        stored.peer = max(row.peer, -1)
        state.swarmEvents[key, default: []].append(stored)
      }
    }
  }

  public func swarmEvents(swarmID: String, from: Int64, limit: Int?) throws(StoreError) -> [SwarmEventRow] {
    try StoreRules.checkLimit(limit)
    let log = state.swarmEvents[Array(swarmID.utf8)] ?? []
    // Sequence n sits at index n.
    let start = Int(max(0, min(from, Int64(log.count))))
    let end = start + (limit.map { min(log.count - start, $0) } ?? (log.count - start))
    return Array(log[start..<end])
  }

  public func nextSwarmEventSequence(swarmID: String) throws(StoreError) -> Int64 {
    Int64(state.swarmEvents[Array(swarmID.utf8)]?.count ?? 0)
  }

  public func saveSnapshot(_ snapshot: SnapshotRecord) throws(StoreError) {
    try StoreRules.checkSnapshot(snapshot)
    try requireSwarm(snapshot.swarmID)
    state.snapshots[Array(snapshot.swarmID.utf8), default: [:]][snapshot.sequence] = snapshot
  }

  public func latestSnapshot(swarmID: String) throws(StoreError) -> SnapshotRecord? {
    state.snapshots[Array(swarmID.utf8)]?.values.max { $0.sequence < $1.sequence }
  }

  // MARK: Messages and metrics

  public func appendMessage(_ message: MessageRecord) throws(StoreError) -> Int64 {
    try requireSwarm(message.swarmID)
    state.lastMessageID += 1
    var stored = message
    stored.id = state.lastMessageID
    state.messages.append(stored)
    return stored.id
  }

  public func messages(swarmID: String, recipient: String?, after: Int64) throws(StoreError) -> [MessageRecord] {
    state.messages.filter { message in
      message.swarmID.utf8.elementsEqual(swarmID.utf8) && message.id > after
        && (recipient == nil || message.recipient == nil
            || message.recipient!.utf8.elementsEqual(recipient!.utf8))
    }
  }

  public func recordMetrics(_ points: [MetricPoint]) throws(StoreError) {
    try StoreRules.checkMetrics(points)
    for point in points { state.metrics[Array(point.series.utf8), default: []].append(point) }
  }

  public func metrics(series: String, from: Int64, through: Int64) throws(StoreError) -> [MetricPoint] {
    // A stable sort by timestamp keeps insertion order among equal timestamps (SQLite: rowid).
    let points = (state.metrics[Array(series.utf8)] ?? []).filter { $0.timestamp >= from && $0.timestamp <= through }
    return points.enumerated()
      .sorted { $0.element.timestamp != $1.element.timestamp ? $0.element.timestamp < $1.element.timestamp : $0.offset < $1.offset }
      .map { $0.element }
  }

  // MARK: Agent memory

  func isLive(_ entry: MemoryEntry, now: Int64) -> Bool { entry.expiresAt.map { $0 > now } ?? true }

  public func setMemory(_ value: [UInt8], forKey key: [UInt8], namespace: String,
                        ttlMilliseconds: Int64?) throws(StoreError) {
    try limits.check(key: key, value: value)
    try StoreRules.checkTTL(ttlMilliseconds)
    let expiresAt = StoreRules.expiry(now: clock.now(), ttl: ttlMilliseconds)
    state.memory[Array(namespace.utf8), default: [:]][key] =
      MemoryEntry(namespace: namespace, key: key, value: value, expiresAt: expiresAt)
  }

  public func memory(forKey key: [UInt8], namespace: String) throws(StoreError) -> [UInt8]? {
    try limits.check(key: key)
    let space = Array(namespace.utf8)
    guard let entry = state.memory[space]?[key] else { return nil }
    if isLive(entry, now: clock.now()) { return entry.value }
    state.memory[space]?[key] = nil
    return nil
  }

  public func removeMemory(forKey key: [UInt8], namespace: String) throws(StoreError) -> Bool {
    try limits.check(key: key)
    guard let entry = state.memory[Array(namespace.utf8)]?.removeValue(forKey: key) else { return false }
    return isLive(entry, now: clock.now())
  }

  public func memoryEntries(namespace: String, prefix: [UInt8], limit: Int?) throws(StoreError) -> [MemoryEntry] {
    try StoreRules.checkLimit(limit)
    let now = clock.now()
    let matches = (state.memory[Array(namespace.utf8)] ?? [:]).values
      .filter { $0.key.starts(with: prefix) && isLive($0, now: now) }
      .sorted { $0.key.lexicographicallyPrecedes($1.key) }
    return limit.map { Array(matches.prefix($0)) } ?? matches
  }

  public func sweepExpiredMemory() throws(StoreError) -> Int {
    let now = clock.now()
    var removed = 0
    for (space, entries) in state.memory {
      let live = entries.filter { isLive($0.value, now: now) }
      removed += entries.count - live.count
      state.memory[space] = live
    }
    return removed
  }

  // MARK: Models

  public func saveModel(_ model: ModelRecord) throws(StoreError) { state.models[Array(model.name.utf8)] = model }

  public func model(named name: String) throws(StoreError) -> ModelRecord? { state.models[Array(name.utf8)] }

  public func modelNames() throws(StoreError) -> [String] {
    state.models.values.map { $0.name }.sorted(by: InMemoryStore.byBytes)
  }
}
