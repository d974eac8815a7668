// Agent behaviour: the user's work, as a class-bound protocol or a closure.
//
// A behaviour receives a `TaskInput` (the task's payload and its prerequisites' results) and returns a
// `TaskOutput` or throws a typed `TaskFailure`. The engine calls it when the task starts on the engine
// clock; the output's `duration` (or the task's declared duration) says when, on the engine clock,
// the task finishes. The parallel executor (CoreParallel) may call the behaviours of one batch
// concurrently, so a behaviour shared by several agents, or by one agent with concurrency > 1, must
// be safe to call from several threads (a pure function of its input is).

/// A prerequisite's result, handed to its dependents.
public struct PrerequisiteResult: Equatable, Sendable {
  /// The prerequisite.
  public var task: TaskID
  /// What it returned.
  public var value: Payload
}

/// What a behaviour receives.
///
/// ```swift
/// let sum = ClosureBehavior { input in
///   var s: Int64 = 0
///   for r in input.prerequisites { s += r.value.intValue ?? 0 }
///   return TaskOutput(.int(s))
/// }
/// ```
public struct TaskInput: Sendable {
  /// The task being run.
  public var task: TaskID
  /// The agent running it.
  public var agent: AgentID
  /// 1 for the first attempt, 2 for the first retry, ...
  public var attempt: Int
  /// The task's payload.
  public var payload: Payload
  /// The results of its prerequisites, in the order they were declared.
  public var prerequisites: [PrerequisiteResult]
}

/// What a behaviour returns.
///
/// ```swift
/// let out = TaskOutput(.string("done"), duration: 5)
/// ```
public struct TaskOutput: Equatable, Sendable {
  /// The result, handed to dependents and kept as the task's result.
  public var value: Payload
  /// How long the work took on the engine clock; nil means the task's declared duration.
  public var duration: Tick?
  /// An output.
  public init(_ value: Payload, duration: Tick? = nil) {
    self.value = value
    self.duration = duration
  }
}

/// A typed failure of a behaviour; the engine retries the task on another capable agent.
///
/// ```swift
/// let boom = ClosureBehavior { _ throws(TaskFailure) in throw TaskFailure(code: 7, message: "disk full") }
/// ```
public struct TaskFailure: Error, Equatable, Sendable {
  /// An application-defined code, recorded in the event log.
  public var code: Int
  /// A human-readable message.
  public var message: String
  /// A failure.
  public init(code: Int, message: String = "") {
    self.code = code
    self.message = message
  }
}

/// An agent's work. Class-bound, so `[any AgentBehavior]` works in Embedded Swift.
///
/// ```swift
/// final class Doubler: AgentBehavior {
///   func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
///     TaskOutput(.int((input.payload.intValue ?? 0) * 2))
///   }
/// }
/// ```
public protocol AgentBehavior: AnyObject {
  /// Does the work of one task attempt.
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput
  /// Receives a message delivered to the agent (the default does nothing; the message is also kept in
  /// the agent's inbox, ``Swarm/inbox(of:)``).
  func receive(_ message: Message)
}

extension AgentBehavior {
  public func receive(_ message: Message) {}
}

/// A behaviour made of a closure.
///
/// ```swift
/// let echo = ClosureBehavior { input in TaskOutput(input.payload) }
/// ```
public final class ClosureBehavior: AgentBehavior {
  private let body: (TaskInput) throws(TaskFailure) -> TaskOutput
  /// Wraps `body`.
  public init(_ body: @escaping (TaskInput) throws(TaskFailure) -> TaskOutput) { self.body = body }
  public func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput { try body(input) }
}
