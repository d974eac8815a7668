// The agent model: type, capabilities, cognitive pattern, concurrency limit, lifecycle state.

/// What an agent is for. The type is descriptive; matching work to agents uses capabilities.
///
/// ```swift
/// let spec = AgentSpec(type: .researcher, behavior: work)
/// ```
public enum AgentType: UInt8, CaseIterable, Sendable {
  case researcher, coder, analyst, optimizer, coordinator, tester, reviewer, documenter
}

/// How an agent thinks. The cognitive-diversity strategy spreads related tasks over these.
///
/// Complementary pairs (see ``complement``): convergent ⇄ divergent, lateral ⇄ systems,
/// critical ⇄ abstract; adaptive is its own complement.
///
/// ```swift
/// #expect(CognitivePattern.convergent.complement == .divergent)
/// ```
public enum CognitivePattern: UInt8, CaseIterable, Sendable {
  case convergent, divergent, lateral, systems, critical, abstract, adaptive

  /// The pattern that best complements this one: the opposite way of approaching the same problem.
  ///
  /// ```swift
  /// #expect(CognitivePattern.lateral.complement == .systems)
  /// ```
  public var complement: CognitivePattern {
    switch self {
    case .convergent: return .divergent
    case .divergent: return .convergent
    case .lateral: return .systems
    case .systems: return .lateral
    case .critical: return .abstract
    case .abstract: return .critical
    case .adaptive: return .adaptive
    }
  }
}

/// The lifecycle of an agent: spawned → idle ⇄ busy → degraded / offline → terminated.
///
/// - `idle`: no task running; `busy`: at least one task running (up to its concurrency limit).
/// - `degraded`: missed heartbeats; keeps running what it has but gets no new work.
/// - `offline`: unreachable; its running tasks were handed back for retry, its messages are queued or
///   dropped by the swarm's ``OfflinePolicy``.
/// - `terminated`: left the swarm for good; removed from the topology.
///
/// ```swift
/// #expect(try swarm.agent(coder).state == .idle)
/// ```
public enum AgentState: UInt8, Sendable {
  case spawned, idle, busy, degraded, offline, terminated
}

/// One named capability, an index in `0..<64` into a ``CapabilitySet``.
///
/// ```swift
/// let swift = Capability(3)
/// ```
public struct Capability: Hashable, Sendable {
  /// The bit index, `0..<64`.
  public let index: Int
  /// A capability by bit index; indices outside `0..<64` are rejected by the swarm with
  /// ``SwarmError/capabilityOutOfRange(_:)``.
  public init(_ index: Int) { self.index = index }
}

/// A set of up to 64 capabilities, one bit each: subset tests are a single AND.
///
/// ```swift
/// let caps: CapabilitySet = [Capability(0), Capability(2)]
/// #expect(caps.contains(Capability(2)))
/// ```
public struct CapabilitySet: Hashable, Sendable, ExpressibleByArrayLiteral {
  /// The bits; bit `i` is capability `i`.
  public var bits: UInt64
  /// A set from raw bits.
  public init(bits: UInt64) { self.bits = bits }
  /// A set of capabilities; indices outside `0..<64` are dropped (use ``Swarm/capability(named:)``
  /// or validate with ``SwarmError/capabilityOutOfRange(_:)`` for user input).
  public init(_ capabilities: [Capability]) {
    var b: UInt64 = 0
    for c in capabilities where c.index >= 0 && c.index < 64 { b |= 1 << UInt64(c.index) }
    bits = b
  }
  public init(arrayLiteral elements: Capability...) { self.init(elements) }
  /// The empty set: any agent satisfies it.
  public static let none = CapabilitySet(bits: 0)
  /// Whether `c` is in the set.
  public func contains(_ c: Capability) -> Bool {
    c.index >= 0 && c.index < 64 && bits & (1 << UInt64(c.index)) != 0
  }
  /// Whether every capability of `self` is in `other`.
  /// - Complexity: O(1).
  public func isSubset(of other: CapabilitySet) -> Bool { bits & ~other.bits == 0 }
  /// The number of capabilities in the set.
  public var count: Int { bits.nonzeroBitCount }
}

/// Everything needed to spawn an agent.
///
/// ```swift
/// let spec = AgentSpec(type: .coder, capabilities: [Capability(0)], pattern: .convergent,
///                      concurrency: 2, behavior: ClosureBehavior { input in TaskOutput(input.payload) })
/// ```
public struct AgentSpec {
  /// What the agent is for.
  public var type: AgentType
  /// What it can do; a task goes only to agents whose capabilities include the task's requirements.
  public var capabilities: CapabilitySet
  /// How it thinks (used by cognitive-diversity distribution).
  public var pattern: CognitivePattern
  /// How many tasks it runs at once, at least 1.
  public var concurrency: Int
  /// The work it does.
  public var behavior: any AgentBehavior

  /// An agent specification. `concurrency` below 1 is rejected by ``Swarm/spawn(_:links:)``.
  public init(
    type: AgentType, capabilities: CapabilitySet = .none, pattern: CognitivePattern = .adaptive,
    concurrency: Int = 1, behavior: any AgentBehavior
  ) {
    self.type = type
    self.capabilities = capabilities
    self.pattern = pattern
    self.concurrency = concurrency
    self.behavior = behavior
  }
}

/// A snapshot of one agent, as returned by ``Swarm/agent(_:)``.
///
/// ```swift
/// let info = try swarm.agent(coder)
/// #expect(info.running == 0)
/// ```
public struct AgentInfo: Equatable, Sendable {
  public var id: AgentID
  public var type: AgentType
  public var capabilities: CapabilitySet
  public var pattern: CognitivePattern
  public var concurrency: Int
  public var state: AgentState
  /// Tasks running on it now.
  public var running: Int
  /// Whether it is sending heartbeats (false after a ``Fault/hang(_:)``).
  public var responsive: Bool
  /// The engine time of its last heartbeat.
  public var lastHeartbeat: Tick
  /// When it joined the swarm.
  public var joinedAt: Tick
}
