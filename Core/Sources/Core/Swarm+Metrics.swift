// Metrics, per agent and per swarm, all on the engine clock.
//
// Utilisation is busy slot-time over capacity: Σ running·Δt / (concurrency · time in the swarm).
// Latency is submission → completion of completed tasks, in ticks; percentiles are nearest-rank
// (the smallest value with at least q·n values at or below it).

/// Counters of one agent.
///
/// ```swift
/// let m = try swarm.metrics(of: coder)
/// #expect(m.succeeded + m.failed + m.timedOut + m.interrupted == attemptsOnCoder)
/// ```
public struct AgentMetrics: Equatable, Sendable {
  /// Attempts that completed on it.
  public var succeeded: Int
  /// Attempts whose behaviour threw.
  public var failed: Int
  /// Attempts that timed out.
  public var timedOut: Int
  /// Attempts interrupted because it went offline or left.
  public var interrupted: Int
  /// Tasks running on it now (its queue).
  public var running: Int
  /// Busy slot-ticks so far.
  public var busySlotTicks: Int64
  /// Busy slot-ticks over capacity since it joined (0 when no time has passed).
  public var utilisation: Double
  public var messagesSent: Int
  public var messagesReceived: Int
  /// Messages it forwarded as an intermediate hop.
  public var messagesRelayed: Int
}

/// Nearest-rank latency percentiles in ticks (0 when nothing completed).
public struct LatencyPercentiles: Equatable, Sendable {
  public var count: Int
  public var p50: Tick
  public var p90: Tick
  public var p99: Tick
  public var max: Tick
}

/// Counters of the swarm.
///
/// ```swift
/// let m = swarm.metrics
/// #expect(m.succeeded == 3 && m.latency.p50 == 1)
/// ```
public struct SwarmMetrics: Equatable, Sendable {
  /// Tasks completed.
  public var succeeded: Int
  /// Tasks failed for good.
  public var failed: Int
  /// Tasks timed out for good.
  public var timedOut: Int
  public var cancelled: Int
  /// Retries scheduled.
  public var retried: Int
  /// Attempts started.
  public var attempts: Int
  public var attemptsFailed: Int
  public var attemptsTimedOut: Int
  public var attemptsInterrupted: Int
  /// Queue lengths: ready and waiting for an agent.
  public var ready: Int
  /// Waiting for prerequisites.
  public var blocked: Int
  /// Waiting out a retry backoff.
  public var backingOff: Int
  /// Parked: no capable agent in the swarm.
  public var parked: Int
  /// Assigned or running.
  public var inFlight: Int
  public var latency: LatencyPercentiles
  /// Busy slot-time over capacity, over all agents ever spawned.
  public var utilisation: Double
  public var messagesSent: Int
  public var messagesDelivered: Int
  public var messagesDropped: Int
  public var messagesQueued: Int
  /// Links travelled by delivered messages.
  public var messageHops: Int
}

extension Swarm {
  /// The metrics of one agent.
  /// - Throws: ``SwarmError/unknownAgent(_:)``.
  public func metrics(of id: AgentID) throws(SwarmError) -> AgentMetrics {
    let r = agents[Int(try checkAgent(id))]
    let end = r.state == .terminated ? r.leftAt : now
    let busy = r.busySlotTicks.saturatingAdd(r.state == .terminated ? 0 : slotTicks(Int64(r.running), from: r.lastChange, to: now))
    let capacity = slotTicks(Int64(r.concurrency), from: r.joinedAt, to: end)
    return AgentMetrics(
      succeeded: Int(r.succeeded), failed: Int(r.failed), timedOut: Int(r.timedOut),
      interrupted: Int(r.interrupted), running: Int(r.running), busySlotTicks: busy,
      utilisation: capacity > 0 ? Double(busy) / Double(capacity) : 0, messagesSent: Int(r.sent),
      messagesReceived: Int(r.received), messagesRelayed: Int(r.relayed))
  }

  /// The swarm's metrics now.
  /// - Complexity: O(tasks + agents + completed · log completed).
  public var metrics: SwarmMetrics {
    var ready = 0
    var blocked = 0
    var backingOff = 0
    var parkedCount = 0
    for t in tasks where t.status == .pending {
      if t.waiting > 0 {
        blocked += 1
      } else if t.parked {
        parkedCount += 1
      } else if t.queued {
        ready += 1
      } else {
        backingOff += 1
      }
    }
    var busy = counters.retiredSlotTicks
    var capacity = counters.retiredCapacityTicks
    for r in agents where r.state != .terminated {
      busy = busy.saturatingAdd(r.busySlotTicks.saturatingAdd(slotTicks(Int64(r.running), from: r.lastChange, to: now)))
      capacity = capacity.saturatingAdd(slotTicks(Int64(r.concurrency), from: r.joinedAt, to: now))
    }
    return SwarmMetrics(
      succeeded: counters.succeeded, failed: counters.failed, timedOut: counters.timedOut,
      cancelled: counters.cancelled, retried: counters.retried, attempts: counters.attempts,
      attemptsFailed: counters.attemptsFailed, attemptsTimedOut: counters.attemptsTimedOut,
      attemptsInterrupted: counters.attemptsInterrupted, ready: ready, blocked: blocked,
      backingOff: backingOff, parked: parkedCount, inFlight: inFlight,
      latency: Swarm.percentiles(latencies), utilisation: capacity > 0 ? Double(busy) / Double(capacity) : 0,
      messagesSent: counters.messagesSent, messagesDelivered: counters.messagesDelivered,
      messagesDropped: counters.messagesDropped, messagesQueued: queuedMessages.count,
      messageHops: counters.messageHops)
  }

  /// Nearest-rank percentiles of `values`.
  ///
  /// ```swift
  /// #expect(Swarm.percentiles([1, 2, 3, 4]).p50 == 2)
  /// ```
  /// - Complexity: O(n log n).
  public static func percentiles(_ values: [Tick]) -> LatencyPercentiles {
    guard !values.isEmpty else { return LatencyPercentiles(count: 0, p50: 0, p90: 0, p99: 0, max: 0) }
    let s = values.sorted()
    let n = s.count
    func rank(_ permille: Int) -> Tick { s[max((permille * n + 999) / 1000, 1) - 1] }
    return LatencyPercentiles(count: n, p50: rank(500), p90: rank(900), p99: rank(990), max: s[n - 1])
  }
}
