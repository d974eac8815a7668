// Strategies and configuration: how much runs at once, who gets what, what happens to messages for
// agents that are offline, and the heartbeat rules. The algorithms are in Swarm+Dispatch.swift; their
// exact definitions are in Design.md.

/// How much of the ready work runs at once.
///
/// ```swift
/// let config = SwarmConfiguration(orchestration: .adaptive(initial: 2, maximum: 16))
/// ```
public enum OrchestrationStrategy: Equatable, Sendable {
  /// Every ready task starts as soon as a capable agent has a free slot.
  case parallel
  /// One task at a time in the whole swarm, in dispatch order.
  case sequential
  /// An additive-increase / multiplicative-decrease window of tasks in flight: starts at `initial`,
  /// grows by one per completed task up to `maximum`, halves (at least 1) on each failed, timed-out or
  /// interrupted attempt.
  case adaptive(initial: Int, maximum: Int)
}

/// Which capable agent gets a ready task. Every strategy considers only agents that have all the
/// task's required capabilities, are idle or busy (not degraded, offline or terminated) and have a
/// free slot; a retried task avoids the agents it already failed on while another choice exists.
///
/// ```swift
/// let config = SwarmConfiguration(distribution: .cognitiveDiversity)
/// ```
public enum DistributionStrategy: Equatable, Sendable {
  /// The next eligible agent in id order after the one chosen last (wrapping around).
  case roundRobin
  /// The agent with the smallest running/concurrency ratio; ties to the lower id.
  case leastLoaded
  /// A uniformly random eligible agent from the swarm's seeded generator.
  case random
  /// Critical and high tasks go to the most reliable agent (success rate with a Laplace prior), normal
  /// and low ones to the least reliable, keeping reliable agents free for urgent work; ties to the
  /// less loaded, then the lower id.
  case priority
  /// The agent whose capabilities exceed the requirements least (fewest extra capabilities), so
  /// specialists take specialist work and generalists stay free; ties to the less loaded, then the
  /// lower id.
  case capabilityMatch
  /// Related tasks (same relation key) go to agents whose cognitive pattern the group has used least;
  /// among those, the complement of the group's last pattern first; then less loaded, lower id.
  case cognitiveDiversity
}

/// What happens to a message addressed to an agent that is offline (or unreachable).
public enum OfflinePolicy: Equatable, Sendable {
  /// Kept and delivered when the agent (or a route to it) is back.
  case queue
  /// Dropped and counted; the drop is logged.
  case drop
}

/// The swarm's settings.
///
/// ```swift
/// let config = SwarmConfiguration(seed: 7, distribution: .leastLoaded, topology: .ring)
/// let swarm = Swarm(config)
/// ```
public struct SwarmConfiguration: Sendable {
  /// Seed of the swarm's random generator (random distribution).
  public var seed: UInt64
  public var orchestration: OrchestrationStrategy
  public var distribution: DistributionStrategy
  /// The topology agents join.
  public var topology: TopologyKind
  public var offlinePolicy: OfflinePolicy
  /// Ticks a message takes per hop.
  public var linkLatency: Tick
  /// Ticks between two heartbeats of a responsive agent.
  public var heartbeatInterval: Tick
  /// Ticks between two health checks; 0 disables health checks.
  public var healthCheckInterval: Tick
  /// Missed heartbeats after which an agent is degraded.
  public var degradedAfterMissed: Int
  /// Missed heartbeats after which an agent is offline (its tasks are retried elsewhere).
  public var offlineAfterMissed: Int

  /// A configuration; the defaults are a parallel, least-loaded mesh with health checks every 10 ticks.
  public init(
    seed: UInt64 = 0, orchestration: OrchestrationStrategy = .parallel,
    distribution: DistributionStrategy = .leastLoaded, topology: TopologyKind = .mesh,
    offlinePolicy: OfflinePolicy = .queue, linkLatency: Tick = 1, heartbeatInterval: Tick = 5,
    healthCheckInterval: Tick = 10, degradedAfterMissed: Int = 2, offlineAfterMissed: Int = 4
  ) {
    self.seed = seed
    self.orchestration = orchestration
    self.distribution = distribution
    self.topology = topology
    self.offlinePolicy = offlinePolicy
    self.linkLatency = linkLatency
    self.heartbeatInterval = heartbeatInterval
    self.healthCheckInterval = healthCheckInterval
    self.degradedAfterMissed = degradedAfterMissed
    self.offlineAfterMissed = offlineAfterMissed
  }
}

/// A change injected at a time on the engine clock with ``Swarm/schedule(_:at:)``, or at once with
/// ``Swarm/apply(_:)``.
///
/// ```swift
/// try swarm.schedule(.offline(coder), at: 5)
/// ```
public enum Fault {
  /// The agent goes offline: running tasks are interrupted and retried elsewhere.
  case offline(AgentID)
  /// The agent comes back online; queued messages are delivered.
  case online(AgentID)
  /// The agent stops sending heartbeats; health checks degrade it, then take it offline.
  case hang(AgentID)
  /// The agent sends heartbeats again; a degraded or health-offline agent is restored.
  case recover(AgentID)
  /// The agent leaves the swarm for good; the topology is rewired.
  case terminate(AgentID)
  /// The task (and, transitively, its dependents) is cancelled.
  case cancel(TaskID)
  /// A new agent joins (with links, for a custom topology).
  case spawn(AgentSpec, links: [AgentID])
}
