// The task model: priority, requirements, payload, timeout, retries with backoff, status, result.

/// How urgent a task is. Ready tasks are dispatched critical first, then high, normal, low; FIFO
/// (by the time they became ready) within a priority.
///
/// ```swift
/// #expect(TaskPriority.critical > .low)
/// ```
public enum TaskPriority: UInt8, Comparable, CaseIterable, Sendable {
  case low, normal, high, critical
  public static func < (a: TaskPriority, b: TaskPriority) -> Bool { a.rawValue < b.rawValue }
}

/// Where a task is in its life. `completed`, `failed`, `cancelled` and `timedOut` are final.
///
/// A task between attempts (waiting out its backoff) is `pending` again.
public enum TaskStatus: UInt8, Sendable {
  case pending, assigned, running, completed, failed, cancelled, timedOut

  /// Whether the status is final.
  public var isFinal: Bool { rawValue >= TaskStatus.completed.rawValue }
}

/// How often and how soon a task is retried after a failed, timed-out or interrupted attempt.
///
/// The delay before retry `r` (1-based) is `min(base · multiplier^(r-1), maxDelay)` ticks.
///
/// ```swift
/// let p = RetryPolicy(maxRetries: 3, base: 2, multiplier: 2, maxDelay: 100)
/// #expect(p.delay(beforeRetry: 3) == 8)
/// ```
public struct RetryPolicy: Equatable, Sendable {
  /// Retries after the first attempt; 0 means a single attempt.
  public var maxRetries: Int
  /// Delay before the first retry, in ticks.
  public var base: Tick
  /// Growth factor of the delay, at least 1.
  public var multiplier: Tick
  /// Upper bound of the delay.
  public var maxDelay: Tick

  /// A policy.
  public init(maxRetries: Int = 0, base: Tick = 0, multiplier: Tick = 2, maxDelay: Tick = 1 << 20) {
    self.maxRetries = maxRetries
    self.base = base
    self.multiplier = multiplier
    self.maxDelay = maxDelay
  }

  /// No retries.
  public static let none = RetryPolicy()

  /// The backoff before retry number `retry` (1-based).
  /// - Complexity: O(retry).
  public func delay(beforeRetry retry: Int) -> Tick {
    var d = max(base, 0)
    let m = max(multiplier, 1)
    var r = 1
    while r < retry && d < maxDelay {
      d = d > maxDelay / m ? maxDelay : d * m
      r += 1
    }
    return min(d, maxDelay)
  }
}

/// Everything needed to submit a task.
///
/// ```swift
/// let spec = TaskSpec(payload: .int(21), priority: .high, requires: [Capability(1)],
///                     duration: 3, timeout: 10, retry: RetryPolicy(maxRetries: 2, base: 1))
/// ```
public struct TaskSpec: Sendable {
  /// Handed to the behaviour.
  public var payload: Payload
  /// Dispatch order among ready tasks.
  public var priority: TaskPriority
  /// Capabilities an agent must have to take it.
  public var requires: CapabilitySet
  /// Ticks the work takes when the behaviour does not say (``TaskOutput/duration``); at least 0.
  public var duration: Tick
  /// An attempt running longer than this many ticks times out; 0 means no timeout.
  public var timeout: Tick
  /// Retries after failures, timeouts and interruptions.
  public var retry: RetryPolicy
  /// Relation group for cognitive-diversity distribution; nil means "by graph structure" (Design.md).
  public var group: Int?

  /// A task specification.
  public init(
    payload: Payload = .null, priority: TaskPriority = .normal, requires: CapabilitySet = .none,
    duration: Tick = 1, timeout: Tick = 0, retry: RetryPolicy = .none, group: Int? = nil
  ) {
    self.payload = payload
    self.priority = priority
    self.requires = requires
    self.duration = duration
    self.timeout = timeout
    self.retry = retry
    self.group = group
  }
}

/// Why a task is not running, as returned by ``Swarm/pendingReason(_:)``.
///
/// ```swift
/// #expect(try swarm.pendingReason(t) == .noCapableAgent)
/// ```
public enum PendingReason: Equatable, Sendable {
  /// Prerequisites not finished yet (how many remain).
  case waitingForPrerequisites(Int)
  /// Waiting out the retry backoff until the given time.
  case backoff(until: Tick)
  /// No agent in the swarm (in any state but terminated) has the required capabilities.
  case noCapableAgent
  /// Capable agents exist but none is healthy and online (all degraded or offline).
  case capableAgentsUnavailable
  /// Capable healthy agents exist but all their slots are taken.
  case capableAgentsBusy
  /// The orchestration strategy's in-flight limit is reached (sequential or adaptive).
  case orchestrationLimit
  /// Ready and queued; it has not been considered by a dispatch pass yet.
  case queued
}

/// Why a task was cancelled.
public enum CancellationCause: UInt8, Sendable {
  /// Cancelled by ``Swarm/cancel(_:)`` or a scheduled ``Fault/cancel(_:)``.
  case requested = 0
  /// A prerequisite failed, timed out or was cancelled.
  case prerequisite = 1
}

/// A snapshot of one task, as returned by ``Swarm/task(_:)``.
///
/// ```swift
/// let info = try swarm.task(t)
/// #expect(info.status == .completed)
/// ```
public struct TaskInfo: Equatable, Sendable {
  public var id: TaskID
  public var status: TaskStatus
  public var priority: TaskPriority
  /// Attempts started so far.
  public var attempts: Int
  /// The agent of the current (or last) attempt.
  public var agent: AgentID?
  /// The result, once completed.
  public var result: Payload?
  /// The last failure a behaviour threw, if any.
  public var lastFailure: TaskFailure?
  /// Prerequisites, in declaration order.
  public var prerequisites: [TaskID]
  /// Tasks that depend on it.
  public var dependents: [TaskID]
  public var submittedAt: Tick
  /// When it finished (final status), if it has.
  public var finishedAt: Tick?
}
