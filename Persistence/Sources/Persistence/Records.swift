// Records: the plain values the stores save and load. Opaque state (a swarm's config, an agent's
// state, a snapshot) is bytes, so that the stores do not depend on how Core encodes it.

/// A swarm: the root every other record belongs to.
///
/// ```swift
/// let swarm = SwarmRecord(id: "s1", name: "research", topology: "mesh", config: [], createdAt: 0)
/// ```
public struct SwarmRecord: Equatable, Sendable {
  public var id: String
  public var name: String
  public var topology: String
  public var config: [UInt8]
  public var createdAt: Int64

  public init(id: String, name: String, topology: String, config: [UInt8] = [], createdAt: Int64 = 0) {
    self.id = id
    self.name = name
    self.topology = topology
    self.config = config
    self.createdAt = createdAt
  }
}

/// An agent of a swarm.
///
/// ```swift
/// let agent = AgentRecord(swarmID: "s1", id: "a1", name: "coder", kind: "coder", status: "idle")
/// ```
public struct AgentRecord: Equatable, Sendable {
  public var swarmID: String
  public var id: String
  public var name: String
  public var kind: String
  public var status: String
  public var state: [UInt8]

  public init(swarmID: String, id: String, name: String, kind: String, status: String, state: [UInt8] = []) {
    self.swarmID = swarmID
    self.id = id
    self.name = name
    self.kind = kind
    self.status = status
    self.state = state
  }
}

/// Where a task is in its life.
///
/// ```swift
/// TaskStatus(rawValue: "pending") == .pending
/// ```
public enum TaskStatus: String, Sendable, CaseIterable {
  case pending, assigned, running, completed, failed, cancelled

  /// `completed`, `failed` and `cancelled` are final.
  public var isFinal: Bool { self == .completed || self == .failed || self == .cancelled }
}

/// A task of a swarm, with its dependencies (ids of tasks of the same swarm, in order) and outcome.
///
/// ```swift
/// var task = TaskRecord(swarmID: "s1", id: "t2", description: "test", dependencies: ["t1"])
/// task.status = .completed
/// task.result = Array("ok".utf8)
/// ```
public struct TaskRecord: Equatable, Sendable {
  public var swarmID: String
  public var id: String
  public var description: String
  public var priority: Int
  public var status: TaskStatus
  public var assignedAgent: String?
  public var dependencies: [String]
  public var result: [UInt8]?
  public var error: String?
  public var createdAt: Int64
  public var updatedAt: Int64

  public init(swarmID: String, id: String, description: String, priority: Int = 0, status: TaskStatus = .pending,
              assignedAgent: String? = nil, dependencies: [String] = [], result: [UInt8]? = nil,
              error: String? = nil, createdAt: Int64 = 0, updatedAt: Int64 = 0) {
    self.swarmID = swarmID
    self.id = id
    self.description = description
    self.priority = priority
    self.status = status
    self.assignedAgent = assignedAgent
    self.dependencies = dependencies
    self.result = result
    self.error = error
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// Rejects a task that depends on itself or names a dependency twice.
  func validate() throws(StoreError) {
    for (index, dependency) in dependencies.enumerated() {
      if dependency.utf8.elementsEqual(id.utf8) { throw .invalidRecord("task \(id) depends on itself") }
      for other in dependencies[..<index] where other.utf8.elementsEqual(dependency.utf8) {
        throw .invalidRecord("task \(id) lists dependency \(dependency) twice")
      }
    }
  }
}

/// One entry of a swarm's append-only event log. Sequence numbers start at 1 and have no gaps.
///
/// ```swift
/// let event = EventRecord(swarmID: "s1", sequence: 1, kind: "taskCreated", payload: [1, 2], timestamp: 0)
/// ```
public struct EventRecord: Equatable, Sendable {
  public var swarmID: String
  public var sequence: Int64
  public var kind: String
  public var payload: [UInt8]
  public var timestamp: Int64

  public init(swarmID: String, sequence: Int64, kind: String, payload: [UInt8] = [], timestamp: Int64 = 0) {
    self.swarmID = swarmID
    self.sequence = sequence
    self.kind = kind
    self.payload = payload
    self.timestamp = timestamp
  }
}

/// One of Core's swarm events, as the flat all-integer row Core defines (Core/README.md): numbered
/// 0, 1, 2, ... per swarm; `agent`, `task` and `peer` are -1 when unused (NULL in SQL).
///
/// ```swift
/// let row = SwarmEventRow(swarmID: "s1", sequence: 0, time: 0, kind: 1, agent: 0, task: -1, peer: -1, value: 0)
/// ```
public struct SwarmEventRow: Equatable, Sendable {
  public var swarmID: String
  public var sequence: Int64
  public var time: Int64
  public var kind: UInt8
  public var agent: Int32
  public var task: Int32
  public var peer: Int32
  public var value: Int64

  public init(swarmID: String, sequence: Int64, time: Int64, kind: UInt8, agent: Int32 = -1, task: Int32 = -1,
              peer: Int32 = -1, value: Int64 = 0) {
    self.swarmID = swarmID
    self.sequence = sequence
    self.time = time
    self.kind = kind
    self.agent = agent
    self.task = task
    self.peer = peer
    self.value = value
  }
}

/// A swarm's state after applying its events `1...sequence` (0: before any event).
///
/// ```swift
/// let snapshot = SnapshotRecord(swarmID: "s1", sequence: 100, state: encodedState)
/// ```
public struct SnapshotRecord: Equatable, Sendable {
  public var swarmID: String
  public var sequence: Int64
  public var state: [UInt8]
  public var createdAt: Int64

  public init(swarmID: String, sequence: Int64, state: [UInt8], createdAt: Int64 = 0) {
    self.swarmID = swarmID
    self.sequence = sequence
    self.state = state
    self.createdAt = createdAt
  }
}

/// A message between agents; `recipient == nil` is a broadcast. `id` is assigned by the store.
///
/// ```swift
/// let id = try store.appendMessage(MessageRecord(swarmID: "s1", sender: "a1", recipient: "a2", topic: "hi"))
/// ```
public struct MessageRecord: Equatable, Sendable {
  public var id: Int64
  public var swarmID: String
  public var sender: String
  public var recipient: String?
  public var topic: String
  public var payload: [UInt8]
  public var timestamp: Int64

  public init(id: Int64 = 0, swarmID: String, sender: String, recipient: String?, topic: String,
              payload: [UInt8] = [], timestamp: Int64 = 0) {
    self.id = id
    self.swarmID = swarmID
    self.sender = sender
    self.recipient = recipient
    self.topic = topic
    self.payload = payload
    self.timestamp = timestamp
  }
}

/// One point of a metric time series. `value` must not be NaN.
///
/// ```swift
/// try store.recordMetrics([MetricPoint(series: "s1/latency", timestamp: 10, value: 0.25)])
/// ```
public struct MetricPoint: Equatable, Sendable {
  public var series: String
  public var timestamp: Int64
  public var value: Double

  public init(series: String, timestamp: Int64, value: Double) {
    self.series = series
    self.timestamp = timestamp
    self.value = value
  }
}

/// One agent-memory entry: arbitrary key and value bytes in a namespace, with an optional expiry.
///
/// ```swift
/// for entry in try store.memoryEntries(namespace: "agent-1", prefix: Array("task/".utf8), limit: nil) {
///   print(entry.key, entry.value.count)
/// }
/// ```
public struct MemoryEntry: Equatable, Sendable {
  public var namespace: String
  public var key: [UInt8]
  public var value: [UInt8]
  /// Milliseconds since 1970 after which the entry is gone; `nil`: never.
  public var expiresAt: Int64?

  public init(namespace: String, key: [UInt8], value: [UInt8], expiresAt: Int64? = nil) {
    self.namespace = namespace
    self.key = key
    self.value = value
    self.expiresAt = expiresAt
  }
}

/// Size limits of agent memory, checked before anything is written.
///
/// ```swift
/// let store = try SQLiteStore(path: ":memory:", limits: MemoryLimits(maxKeyBytes: 256, maxValueBytes: 1 << 20))
/// ```
public struct MemoryLimits: Equatable, Sendable {
  public var maxKeyBytes: Int
  public var maxValueBytes: Int

  /// Defaults: 1 KiB keys, 16 MiB values.
  public init(maxKeyBytes: Int = 1_024, maxValueBytes: Int = 16 << 20) {
    self.maxKeyBytes = maxKeyBytes
    self.maxValueBytes = maxValueBytes
  }

  func check(key: [UInt8], value: [UInt8]? = nil) throws(StoreError) {
    if key.count > maxKeyBytes { throw .keyTooLarge(limit: maxKeyBytes, actual: key.count) }
    if let value, value.count > maxValueBytes { throw .valueTooLarge(limit: maxValueBytes, actual: value.count) }
  }
}

/// How a stored model is encoded.
///
/// ```swift
/// ModelFormat(rawValue: "fann-net") == .fannNet
/// ```
public enum ModelFormat: String, Sendable, CaseIterable {
  /// FANN's `.net` text format.
  case fannNet = "fann-net"
  /// Raw weights (e.g. little-endian Float32).
  case weights
}

/// A stored neural network.
///
/// ```swift
/// let model = ModelRecord(name: "xor", format: .fannNet, data: Array(netFileText.utf8), metadata: "{}")
/// ```
public struct ModelRecord: Equatable, Sendable {
  public var name: String
  public var format: ModelFormat
  public var data: [UInt8]
  public var metadata: String
  public var createdAt: Int64

  public init(name: String, format: ModelFormat, data: [UInt8], metadata: String = "", createdAt: Int64 = 0) {
    self.name = name
    self.format = format
    self.data = data
    self.metadata = metadata
    self.createdAt = createdAt
  }
}

/// The smallest byte string greater than every string that starts with `prefix`, or `nil` when
/// there is none (the prefix is empty or all 0xFF). Prefix listing is then the range
/// `prefix <= key < upperBound`: exact for any bytes, with no LIKE/GLOB escaping at all.
///
/// ```swift
/// prefixUpperBound([0x61, 0xFF]) == [0x62]
/// ```
func prefixUpperBound(_ prefix: [UInt8]) -> [UInt8]? {
  var bound = prefix
  while let last = bound.last {
    if last < 0xFF {
      bound[bound.count - 1] = last + 1
      return bound
    }
    bound.removeLast()
  }
  return nil
}
