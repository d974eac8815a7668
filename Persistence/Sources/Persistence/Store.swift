/// Storage for swarms and agent memory: one protocol, two implementations.
///
/// - ``SQLiteStore``: a file (durable, shared between processes) or `:memory:`.
/// - ``InMemoryStore``: plain Swift collections, same behaviour, no SQLite.
///
/// Both run the same test suite. The protocol is class-bound, so `any Store` works everywhere,
/// Embedded Swift included.
///
/// ```swift
/// func record(_ store: any Store) throws(StoreError) {
///   try store.saveSwarm(SwarmRecord(id: "s1", name: "demo", topology: "mesh"))
///   try store.transaction { () throws(StoreError) in
///     try store.appendEvents([EventRecord(swarmID: "s1", sequence: 1, kind: "started")])
///     try store.setMemory(Array("v".utf8), forKey: Array("k".utf8), namespace: "a1", ttlMilliseconds: nil)
///   }
/// }
/// ```
public protocol Store: AnyObject {
  // MARK: Transactions

  /// Runs `body` atomically: all its writes are kept, or none when it throws. Nests.
  func transaction(_ body: () throws(StoreError) -> Void) throws(StoreError)

  // MARK: Swarms, agents, tasks

  /// Inserts or replaces a swarm.
  func saveSwarm(_ swarm: SwarmRecord) throws(StoreError)
  /// The swarm with `id`, or `nil`.
  func swarm(id: String) throws(StoreError) -> SwarmRecord?
  /// Every swarm, by id (byte order of the UTF-8).
  func swarms() throws(StoreError) -> [SwarmRecord]
  /// Inserts or replaces an agent. Throws ``StoreError/unknownSwarm(_:)`` for an unsaved swarm.
  func saveAgent(_ agent: AgentRecord) throws(StoreError)
  /// The agents of a swarm, by id.
  func agents(swarmID: String) throws(StoreError) -> [AgentRecord]
  /// Inserts or replaces a task and its dependency list.
  func saveTask(_ task: TaskRecord) throws(StoreError)
  /// One task, or `nil`.
  func task(swarmID: String, id: String) throws(StoreError) -> TaskRecord?
  /// The tasks of a swarm (all, or those with `status`), by creation time then id.
  func tasks(swarmID: String, status: TaskStatus?) throws(StoreError) -> [TaskRecord]

  // MARK: Event log and snapshots

  /// Appends events atomically. Each swarm's sequence numbers must continue `last + 1, ...`.
  func appendEvents(_ events: [EventRecord]) throws(StoreError)
  /// Events of a swarm with `sequence > after`, in order, at most `limit` (`nil`: all).
  func events(swarmID: String, after: Int64, limit: Int?) throws(StoreError) -> [EventRecord]
  /// The last sequence number of a swarm's log (0 when empty).
  func lastEventSequence(swarmID: String) throws(StoreError) -> Int64
  /// Appends Core swarm events atomically; each swarm's rows are numbered `next, next + 1, ...`
  /// from 0.
  func appendSwarmEvents(_ rows: [SwarmEventRow]) throws(StoreError)
  /// Core swarm events of a swarm with `sequence >= from`, in order, at most `limit`.
  func swarmEvents(swarmID: String, from: Int64, limit: Int?) throws(StoreError) -> [SwarmEventRow]
  /// The sequence number the next Core swarm event of a swarm takes (its count).
  func nextSwarmEventSequence(swarmID: String) throws(StoreError) -> Int64
  /// Saves a snapshot (replacing one at the same sequence).
  func saveSnapshot(_ snapshot: SnapshotRecord) throws(StoreError)
  /// The snapshot with the highest sequence, or `nil`.
  func latestSnapshot(swarmID: String) throws(StoreError) -> SnapshotRecord?

  // MARK: Messages and metrics

  /// Appends a message and returns its id (increasing, never reused).
  func appendMessage(_ message: MessageRecord) throws(StoreError) -> Int64
  /// Messages of a swarm with `id > after`, for `recipient` (its own and broadcasts) or all when `nil`.
  func messages(swarmID: String, recipient: String?, after: Int64) throws(StoreError) -> [MessageRecord]
  /// Appends metric points atomically.
  func recordMetrics(_ points: [MetricPoint]) throws(StoreError)
  /// Points of `series` with `from <= timestamp <= through`, by time (then insertion).
  func metrics(series: String, from: Int64, through: Int64) throws(StoreError) -> [MetricPoint]

  // MARK: Agent memory

  /// Stores `value` under `key` in `namespace`, expiring `ttlMilliseconds` from now (`nil`: never).
  func setMemory(_ value: [UInt8], forKey key: [UInt8], namespace: String, ttlMilliseconds: Int64?) throws(StoreError)
  /// The live value under `key`, or `nil`. An expired entry is removed on the way (lazy expiry).
  func memory(forKey key: [UInt8], namespace: String) throws(StoreError) -> [UInt8]?
  /// Removes an entry; `true` when a live one was there.
  func removeMemory(forKey key: [UInt8], namespace: String) throws(StoreError) -> Bool
  /// Live entries whose key starts with `prefix` (bytes, no wildcards), by key bytes, at most `limit`.
  func memoryEntries(namespace: String, prefix: [UInt8], limit: Int?) throws(StoreError) -> [MemoryEntry]
  /// Deletes every expired entry of every namespace; returns how many.
  func sweepExpiredMemory() throws(StoreError) -> Int

  // MARK: Models

  /// Inserts or replaces a model.
  func saveModel(_ model: ModelRecord) throws(StoreError)
  /// The model named `name`, or `nil`.
  func model(named name: String) throws(StoreError) -> ModelRecord?
  /// Names of every stored model, sorted.
  func modelNames() throws(StoreError) -> [String]
}

extension Store {
  /// String-keyed convenience for ``setMemory(_:forKey:namespace:ttlMilliseconds:)``.
  ///
  /// ```swift
  /// try store.setMemory(Array("blue".utf8), forKey: "favourite colour", namespace: "a1")
  /// ```
  public func setMemory(_ value: [UInt8], forKey key: String, namespace: String,
                        ttlMilliseconds: Int64? = nil) throws(StoreError) {
    try setMemory(value, forKey: Array(key.utf8), namespace: namespace, ttlMilliseconds: ttlMilliseconds)
  }

  /// String-keyed convenience for ``memory(forKey:namespace:)``.
  ///
  /// ```swift
  /// let colour = try store.memory(forKey: "favourite colour", namespace: "a1")
  /// ```
  public func memory(forKey key: String, namespace: String) throws(StoreError) -> [UInt8]? {
    try memory(forKey: Array(key.utf8), namespace: namespace)
  }

  /// String-keyed convenience for ``removeMemory(forKey:namespace:)``.
  ///
  /// ```swift
  /// let wasThere = try store.removeMemory(forKey: "favourite colour", namespace: "a1")
  /// ```
  @discardableResult
  public func removeMemory(forKey key: String, namespace: String) throws(StoreError) -> Bool {
    try removeMemory(forKey: Array(key.utf8), namespace: namespace)
  }

  /// Every event of a swarm, in order.
  ///
  /// ```swift
  /// let log = try store.events(swarmID: "s1")
  /// ```
  public func events(swarmID: String) throws(StoreError) -> [EventRecord] {
    try events(swarmID: swarmID, after: 0, limit: nil)
  }
}

/// Validation shared by both stores, so that they reject exactly the same input.
enum StoreRules {
  static func checkTTL(_ ttl: Int64?) throws(StoreError) {
    if let ttl, ttl <= 0 { throw .invalidRecord("TTL must be positive, got \(ttl)") }
  }

  static func checkMetrics(_ points: [MetricPoint]) throws(StoreError) {
    for point in points where point.value.isNaN {
      throw .invalidRecord("metric \(point.series) at \(point.timestamp) is NaN")
    }
  }

  static func checkLimit(_ limit: Int?) throws(StoreError) {
    if let limit, limit < 0 { throw .invalidRecord("limit must not be negative, got \(limit)") }
  }

  static func checkSnapshot(_ snapshot: SnapshotRecord) throws(StoreError) {
    if snapshot.sequence < 0 { throw .invalidRecord("snapshot sequence must not be negative") }
  }

  static func expiry(now: Int64, ttl: Int64?) -> Int64? {
    guard let ttl else { return nil }
    let (sum, overflow) = now.addingReportingOverflow(ttl)
    return overflow ? Int64.max : sum
  }
}
