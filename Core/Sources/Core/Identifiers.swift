// Identifiers and the engine clock.
//
// Every agent, task and message is named by a dense integer handed out by the swarm in creation order
// (0, 1, 2, ...). Dense ids index flat arrays, so the hot paths never hash a String, and they are the
// same on every platform, which is what makes a schedule reproducible. Time is an explicit `Tick`
// counter owned by the engine; nothing reads a wall clock.

/// A point or a span on the engine clock, in ticks. The engine never reads a wall clock.
///
/// ```swift
/// let timeout: Tick = 50
/// ```
public typealias Tick = Int64

/// The identity of an agent: its index in spawn order.
///
/// ```swift
/// let coder = try swarm.spawn(AgentSpec(type: .coder, behavior: work))
/// #expect(coder == AgentID(0))
/// ```
public struct AgentID: Hashable, Comparable, Sendable {
  /// The spawn-order index.
  public let rawValue: Int
  /// Wraps a spawn-order index.
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: AgentID, b: AgentID) -> Bool { a.rawValue < b.rawValue }
}

/// The identity of a task: its index in submission order.
///
/// ```swift
/// let ids = try swarm.submit(graph)
/// #expect(ids[0] == TaskID(0))
/// ```
public struct TaskID: Hashable, Comparable, Sendable {
  /// The submission-order index.
  public let rawValue: Int
  /// Wraps a submission-order index.
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: TaskID, b: TaskID) -> Bool { a.rawValue < b.rawValue }
}

/// The identity of a message: its index in send order.
///
/// ```swift
/// let m = try swarm.send(.string("hi"), from: a, to: b)
/// #expect(m == MessageID(0))
/// ```
public struct MessageID: Hashable, Comparable, Sendable {
  /// The send-order index.
  public let rawValue: Int
  /// Wraps a send-order index.
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: MessageID, b: MessageID) -> Bool { a.rawValue < b.rawValue }
}
