import Testing
@testable import Core

@Suite struct SwarmTasksTests {
  @Test func rejectedGraphsLeaveNoTrace() throws {
    let s = try makeSwarm(1)
    var g = TaskGraph()
    let a = g.add(TaskSpec())
    let b = g.add(TaskSpec(), after: [a])
    g.addDependency(a, on: b)
    #expect(throws: SwarmError.dependencyCycle([0, 1])) { try s.submit(g) }
    for bad in [TaskSpec(duration: -1), TaskSpec(timeout: -1), TaskSpec(retry: RetryPolicy(maxRetries: -1)),
                TaskSpec(retry: RetryPolicy(base: -1)), TaskSpec(retry: RetryPolicy(maxDelay: -1))] {
      var h = TaskGraph()
      h.add(TaskSpec())
      h.add(bad)
      #expect(throws: SwarmError.invalidTaskSpec(node: 1)) { try s.submit(h) }
    }
    #expect(s.taskCount == 0)
    #expect(!s.events.contains { $0.kind == .taskSubmitted })
  }

  @Test func prerequisiteResultsArriveInDeclarationOrder() throws {
    let seen = Box<[TaskID]>([])
    let s = Swarm()
    try s.spawn(AgentSpec(type: .coder, concurrency: 4, behavior: ClosureBehavior { input in
      if input.payload == .string("join") { seen.value = input.prerequisites.map { $0.task } }
      return TaskOutput(.int(Int64(input.task.rawValue)))
    }))
    var g = TaskGraph()
    let x = g.add(TaskSpec(duration: 3))
    let y = g.add(TaskSpec(duration: 1))
    let z = g.add(TaskSpec(duration: 2))
    g.add(TaskSpec(payload: .string("join")), after: [z, x, y])
    let ids = try s.submit(g)
    s.run()
    #expect(seen.value == [ids[z], ids[x], ids[y]])
    #expect(try s.task(ids[3]).prerequisites == [ids[z], ids[x], ids[y]])
    #expect(try s.task(ids[x]).dependents == [ids[3]])
  }

  @Test func cancellingCascadesToDependents() throws {
    let s = try makeSwarm(1)
    var g = TaskGraph()
    let a = g.add(TaskSpec(duration: 5))
    let b = g.add(TaskSpec(), after: [a])
    let c = g.add(TaskSpec(), after: [b])
    let d = g.add(TaskSpec())
    let ids = try s.submit(g)
    _ = s.run(until: 2)
    #expect(try s.task(ids[a]).status == .running)
    #expect(try s.cancel(ids[a]))
    #expect(try s.task(ids[b]).status == .cancelled)
    #expect(try s.task(ids[c]).status == .cancelled)
    #expect(try !s.cancel(ids[c]))
    s.run()
    #expect(try s.task(ids[d]).status == .completed)
    #expect(try s.task(ids[a]).finishedAt == 2)
    #expect(try s.agent(AgentID(0)).state == .idle)
    let causes = s.events.filter { $0.kind == .taskCancelled }.map { $0.value }
    #expect(causes == [0, 1, 1])
    #expect(s.metrics.cancelled == 3)
    #expect(throws: SwarmError.unknownTask(TaskID(99))) { try s.cancel(TaskID(99)) }
  }

  @Test func cancellingAQueuedOrParkedTask() throws {
    let s = try makeSwarm(1, SwarmConfiguration(orchestration: .sequential))
    var g = TaskGraph()
    g.add(TaskSpec(duration: 3))
    g.add(TaskSpec())
    g.add(TaskSpec(requires: [Capability(5)]))
    let ids = try s.submit(g)
    _ = s.run(until: 1)
    #expect(try s.pendingReason(ids[1]) == .orchestrationLimit)
    try s.cancel(ids[1])
    #expect(try s.pendingReason(ids[2]) == .noCapableAgent)
    try s.cancel(ids[2])
    s.run()
    #expect(s.metrics.succeeded == 1 && s.metrics.cancelled == 2)
  }

  @Test func retriesWithBackoffThenFail() throws {
    let s = try makeSwarm(2, behavior: failing(4))
    var g = TaskGraph()
    let a = g.add(TaskSpec(duration: 1, retry: RetryPolicy(maxRetries: 2, base: 3, multiplier: 2)))
    g.add(TaskSpec(), after: [a])
    let ids = try s.submit(g)
    s.run()
    let info = try s.task(ids[0])
    #expect(info.status == .failed && info.attempts == 3)
    #expect(info.lastFailure == TaskFailure(code: 4, message: "boom"))
    // Attempts start at 0, 1+3 = 4, 5+6 = 11; each takes 1 tick.
    let starts = s.events.filter { $0.kind == .taskStarted }.map { $0.time }
    #expect(starts == [0, 4, 11])
    #expect(info.finishedAt == 12)
    #expect(try s.task(ids[1]).status == .cancelled)
    let m = s.metrics
    #expect(m.failed == 1 && m.retried == 2 && m.attemptsFailed == 3 && m.cancelled == 1)
    // Retries go to the other agent while one exists: 0, 1, then back to 0 (all tried).
    let agents = s.events.filter { $0.kind == .taskAssigned }.map { $0.agent }
    #expect(agents == [0, 1, 0])
  }

  @Test func timeoutsRetryElsewhereAndCanEndTimedOut() throws {
    let s = Swarm()
    try s.spawn(AgentSpec(type: .coder, behavior: echo(10)))  // too slow
    try s.spawn(AgentSpec(type: .coder, behavior: echo(2)))
    var g = TaskGraph()
    g.add(TaskSpec(timeout: 5, retry: RetryPolicy(maxRetries: 1)))
    let ids = try s.submit(g)
    s.run()
    #expect(try s.task(ids[0]).status == .completed)
    #expect(try s.task(ids[0]).agent == AgentID(1))
    #expect(try s.task(ids[0]).finishedAt == 7)
    #expect(try s.metrics(of: AgentID(0)).timedOut == 1)

    let t = Swarm()
    try t.spawn(AgentSpec(type: .coder, behavior: echo(10)))
    var h = TaskGraph()
    h.add(TaskSpec(timeout: 5))
    let jds = try t.submit(h)
    t.run()
    #expect(try t.task(jds[0]).status == .timedOut)
    #expect(t.metrics.timedOut == 1 && t.metrics.attemptsTimedOut == 1)
    #expect(try t.task(jds[0]).result == nil)
  }

  @Test func pendingReasons() throws {
    let s = Swarm()
    var g = TaskGraph()
    let a = g.add(TaskSpec(requires: [Capability(1)], duration: 4))
    let b = g.add(TaskSpec(), after: [a])
    let ids = try s.submit(g)
    #expect(try s.pendingReason(ids[b]) == .waitingForPrerequisites(1))
    #expect(try s.pendingReason(ids[a]) == .noCapableAgent)
    let c = try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(1)], behavior: echo()))
    #expect(try s.pendingReason(ids[a]) == .queued)
    _ = s.run(until: 1)
    #expect(try s.pendingReason(ids[a]) == nil)
    var h = TaskGraph()
    h.add(TaskSpec(requires: [Capability(1)]))
    let more = try s.submit(h)
    #expect(try s.pendingReason(more[0]) == .capableAgentsBusy)
    try s.apply(.offline(c))
    #expect(try s.pendingReason(more[0]) == .capableAgentsUnavailable)
    #expect(try s.pendingReason(ids[a]) == .backoff(until: 1) || s.metrics.failed == 1)
    #expect(throws: SwarmError.unknownTask(TaskID(-1))) { try s.pendingReason(TaskID(-1)) }
  }

  @Test func backoffIsAReason() throws {
    let s = try makeSwarm(1, behavior: failing())
    var g = TaskGraph()
    g.add(TaskSpec(retry: RetryPolicy(maxRetries: 1, base: 10)))
    let ids = try s.submit(g)
    _ = s.run(until: 3)
    #expect(try s.pendingReason(ids[0]) == .backoff(until: 11))
    #expect(s.metrics.backingOff == 1)
    s.run()
    #expect(try s.task(ids[0]).status == .failed)
  }

  @Test func adaptiveWindowGrowsAndShrinks() throws {
    let s = try makeSwarm(8, SwarmConfiguration(orchestration: .adaptive(initial: 2, maximum: 4)))
    try s.submit(flat(10))
    s.run()
    #expect(s.inFlightLimit == 4)
    let windows = s.events.filter { $0.kind == .windowChanged }.map { $0.value }
    #expect(windows == [3, 4])
    let t = try makeSwarm(2, SwarmConfiguration(orchestration: .adaptive(initial: 4, maximum: 4)), behavior: failing())
    try t.submit(flat(2, TaskSpec(retry: RetryPolicy(maxRetries: 1))))
    t.run()
    #expect(t.inFlightLimit == 1)
  }
}

/// A mutable box shared by a closure and a test.
final class Box<T> {
  var value: T
  init(_ value: T) { self.value = value }
}
