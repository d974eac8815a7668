// The event log: one flat record per state change, append-only, numbered.
//
// Every field is an integer so that a row of a SQLite table stores it as is (README: "The event
// record"). `kind` codes are stable: new kinds get new codes, codes are never reused. Unused id
// fields hold -1 (NULL in SQL).
//
// | field    | type  | meaning                                                            |
// |----------|-------|--------------------------------------------------------------------|
// | sequence | Int64 | 0, 1, 2, ... in the order the changes happened; never reused       |
// | time     | Int64 | engine clock (ticks)                                               |
// | kind     | UInt8 | `SwarmEvent.Kind` raw value                                        |
// | agent    | Int32 | the agent concerned, or -1                                         |
// | task     | Int32 | the task concerned, or -1                                          |
// | peer     | Int32 | a second agent (message target, new hub, link end), or -1          |
// | value    | Int64 | kind-specific number (attempt, failure code, message id, ...)      |

/// One state change of the swarm.
///
/// ```swift
/// let first = swarm.events[0]
/// #expect(first.kind == .agentSpawned && first.sequence == 0)
/// ```
public struct SwarmEvent: Equatable, Sendable {
  /// The kind of change, with stable numeric codes.
  public enum Kind: UInt8, CaseIterable, Sendable {
    // Agents (value: see README table).
    case agentSpawned = 1, agentIdle = 2, agentBusy = 3, agentDegraded = 4, agentOffline = 5
    case agentOnline = 6, agentTerminated = 7, heartbeatsStopped = 8, heartbeatsResumed = 9
    // Topology.
    case agentJoined = 10, agentLeft = 11, hubElected = 12, linkAdded = 13, linkRemoved = 14
    // Tasks.
    case taskSubmitted = 20, taskReady = 21, taskAssigned = 22, taskStarted = 23, taskCompleted = 24
    case attemptFailed = 25, attemptTimedOut = 26, attemptInterrupted = 27, retryScheduled = 28
    case taskFailed = 29, taskTimedOut = 30, taskCancelled = 31, taskBlocked = 32
    // Messages.
    case messageSent = 40, messageDelivered = 41, messageQueued = 42, messageDropped = 43, messageRerouted = 44
    // Orchestration.
    case windowChanged = 50
  }

  public var sequence: Int64
  public var time: Tick
  public var kind: Kind
  public var agent: Int32
  public var task: Int32
  public var peer: Int32
  public var value: Int64

  /// An event record.
  public init(
    sequence: Int64, time: Tick, kind: Kind, agent: Int32 = -1, task: Int32 = -1, peer: Int32 = -1,
    value: Int64 = 0
  ) {
    self.sequence = sequence
    self.time = time
    self.kind = kind
    self.agent = agent
    self.task = task
    self.peer = peer
    self.value = value
  }
}
