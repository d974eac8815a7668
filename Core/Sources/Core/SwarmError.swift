// The one error type of the Core domain: bad input gets one of these, never a trap.

/// What went wrong with a request to the swarm.
///
/// ```swift
/// var g = TaskGraph()
/// let a = g.add(TaskSpec())
/// let b = g.add(TaskSpec(), after: [a])
/// g.addDependency(a, on: b)
/// #expect(throws: SwarmError.dependencyCycle([0, 1])) { try swarm.submit(g) }
/// ```
public enum SwarmError: Error, Equatable, Sendable {
  /// No agent with this id was ever spawned.
  case unknownAgent(AgentID)
  /// No task with this id was ever submitted.
  case unknownTask(TaskID)
  /// No message with this id was ever sent.
  case unknownMessage(MessageID)
  /// A graph refers to a node it does not have.
  case unknownNode(Int)
  /// The graph's dependencies form a cycle; the nodes on it, each depending on the next and the last
  /// on the first.
  case dependencyCycle([Int])
  /// The agent has left the swarm.
  case agentTerminated(AgentID)
  /// A concurrency limit below 1.
  case invalidConcurrency(Int)
  /// A negative duration, timeout, retry count or backoff.
  case invalidTaskSpec(node: Int)
  /// A capability index outside `0..<64`, or a 65th capability name.
  case capabilityOutOfRange(Int)
  /// A topology parameter out of range (fan-out or cluster size below 1, hub not a member).
  case invalidTopology
  /// A custom link between an agent and itself or a non-member.
  case invalidLink(AgentID, AgentID)
  /// A time in the past of the engine clock.
  case timeInPast(Tick)
  /// The executor returned results that do not match the batch it was given.
  case batchMismatch
}
