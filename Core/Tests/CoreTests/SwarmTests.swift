import Testing
@testable import Core

@Suite struct SwarmTests {
  @Test func queriesAndErrors() throws {
    let s = try makeSwarm(2)
    var g = TaskGraph()
    g.add(TaskSpec(payload: .int(5), priority: .high))
    let ids = try s.submit(g)
    #expect(try s.task(ids[0]).status == .pending && s.task(ids[0]).result == nil && s.task(ids[0]).agent == nil)
    #expect(try s.task(ids[0]).finishedAt == nil)
    s.run()
    let info = try s.task(ids[0])
    #expect(info.result == .int(5) && info.priority == .high && info.attempts == 1 && info.submittedAt == 0)
    #expect(info.agent == AgentID(0) && info.finishedAt == 1)
    #expect(throws: SwarmError.unknownTask(TaskID(1))) { try s.task(TaskID(1)) }
    #expect(throws: SwarmError.unknownAgent(AgentID(2))) { try s.agent(AgentID(2)) }
    #expect(throws: SwarmError.unknownAgent(AgentID(-1))) { try s.metrics(of: AgentID(-1)) }
    #expect(s.agents(in: .idle) == [AgentID(0), AgentID(1)])
    #expect(s.agentCount == 2 && s.taskCount == 1)
  }

  @Test func eventLogIsAppendOnlyAndDrainable() throws {
    let s = try makeSwarm(1)
    try s.submit(flat(2))
    s.run()
    let all = s.events
    #expect(all.enumerated().allSatisfy { $0.offset == Int($0.element.sequence) })
    #expect(zip(all, all.dropFirst()).allSatisfy { $0.0.time <= $0.1.time })
    let drained = s.drainEvents()
    #expect(drained == all && s.events.isEmpty && s.eventCount == Int64(all.count))
    try s.submit(flat(1))
    #expect(s.events.first?.sequence == Int64(all.count))
  }

  /// Every task state change is logged: replaying the log reproduces every task's final status.
  @Test func logReplaysTaskStatuses() throws {
    let s = try makeSwarm(3, behavior: ClosureBehavior { input throws(TaskFailure) in
      if input.task.rawValue % 5 == 0 && input.attempt == 1 { throw TaskFailure(code: 2) }
      return TaskOutput(.null, duration: Tick(input.task.rawValue % 4))
    })
    var rng = Xoshiro256(seed: 4)
    var g = randomDAG(80, maxFanIn: 3, rng: &rng)
    for i in stride(from: 0, to: 80, by: 10) { _ = i }
    g = {
      var h = TaskGraph()
      for n in 0..<g.count {
        var spec = g.specs[n]
        spec.retry = RetryPolicy(maxRetries: n % 3 == 0 ? 0 : 1)
        h.add(spec, after: g.prerequisites(of: n))
      }
      return h
    }()
    let ids = try s.submit(g)
    s.run()
    var status = [TaskStatus](repeating: .pending, count: ids.count)
    for e in s.events where e.task >= 0 {
      switch e.kind {
      case .taskAssigned: status[Int(e.task)] = .assigned
      case .taskStarted: status[Int(e.task)] = .running
      case .taskCompleted: status[Int(e.task)] = .completed
      case .retryScheduled: status[Int(e.task)] = .pending
      case .taskFailed: status[Int(e.task)] = .failed
      case .taskTimedOut: status[Int(e.task)] = .timedOut
      case .taskCancelled: status[Int(e.task)] = .cancelled
      default: break
      }
    }
    for id in ids { #expect(status[id.rawValue] == (try s.task(id).status)) }
    #expect(s.metrics.failed > 0 && s.metrics.cancelled > 0 && s.metrics.succeeded > 0)
  }
}
