import Testing
@testable import Core

@Suite struct SwarmLifecycleTests {
  @Test func spawnLogsTheLifecycle() throws {
    let s = Swarm()
    let a = try s.spawn(AgentSpec(type: .reviewer, capabilities: [Capability(2)], pattern: .critical,
                                  concurrency: 3, behavior: echo()))
    #expect(kinds(s) == [.agentSpawned, .agentJoined, .agentIdle])
    #expect(s.events[0].value == Int64(AgentType.reviewer.rawValue) | Int64(CognitivePattern.critical.rawValue) << 8 | 3 << 16)
    let info = try s.agent(a)
    #expect(info.state == .idle && info.concurrency == 3 && info.pattern == .critical && info.type == .reviewer)
    #expect(info.capabilities == [Capability(2)] && info.responsive && info.joinedAt == 0)
    #expect(throws: SwarmError.invalidConcurrency(0)) { try s.spawn(AgentSpec(type: .coder, concurrency: 0, behavior: echo())) }
    #expect(throws: SwarmError.invalidLink(AgentID(1), a)) { try s.spawn(AgentSpec(type: .coder, behavior: echo()), links: [a]) }
    #expect(s.agentCount == 1)
  }

  @Test func idleBusyIdle() throws {
    let s = try makeSwarm(1)
    try s.submit(flat(1))
    s.run()
    let agentKinds = s.events.filter { $0.agent == 0 && [.agentIdle, .agentBusy].contains($0.kind) }.map { $0.kind }
    #expect(agentKinds == [.agentIdle, .agentBusy, .agentIdle])
  }

  @Test func offlineMidTaskRetriesOnAnotherCapableAgent() throws {
    let s = Swarm()
    let a = try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(0)], behavior: echo(10)))
    let b = try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(0)], behavior: echo(10)))
    try s.spawn(AgentSpec(type: .coder, behavior: echo(10)))  // not capable
    var g = TaskGraph()
    g.add(TaskSpec(requires: [Capability(0)], retry: RetryPolicy(maxRetries: 1)))
    let ids = try s.submit(g)
    try s.schedule(.offline(a), at: 4)
    s.run()
    let info = try s.task(ids[0])
    #expect(info.status == .completed && info.agent == b && info.attempts == 2 && info.finishedAt == 14)
    #expect(try s.metrics(of: a).interrupted == 1)
    #expect(try s.agent(a).state == .offline)
    #expect(s.agents(in: .offline) == [a])
    #expect(s.metrics.attemptsInterrupted == 1 && s.metrics.retried == 1)
    try s.apply(.online(a))
    #expect(try s.agent(a).state == .idle)
    try s.apply(.online(a))  // already online: nothing happens
    try s.apply(.offline(a))
    try s.apply(.offline(a))  // already offline: nothing happens
    #expect(s.events.filter { $0.kind == .agentOffline }.count == 2)
  }

  @Test func offlineWithoutRetriesFailsAndCascades() throws {
    let s = try makeSwarm(2, behavior: echo(10))
    var g = TaskGraph()
    let x = g.add(TaskSpec())
    g.add(TaskSpec(), after: [x])
    let ids = try s.submit(g)
    try s.schedule(.terminate(AgentID(0)), at: 3)
    s.run()
    #expect(try s.task(ids[0]).status == .failed)
    #expect(try s.task(ids[1]).status == .cancelled)
    #expect(try s.agent(AgentID(0)).state == .terminated)
  }

  @Test func hangDegradesThenTakesOfflineAndWorkMoves() throws {
    let config = SwarmConfiguration(heartbeatInterval: 5, healthCheckInterval: 5, degradedAfterMissed: 2,
                                    offlineAfterMissed: 4)
    let s = Swarm(config)
    let a = try s.spawn(AgentSpec(type: .coder, behavior: echo(100)))
    var g = TaskGraph()
    g.add(TaskSpec(retry: RetryPolicy(maxRetries: 1)))
    let ids = try s.submit(g)
    try s.schedule(.hang(a), at: 7)  // last heartbeat at 5
    _ = s.run(until: 14)
    #expect(try s.agent(a).state == .busy)
    #expect(try s.agent(a).lastHeartbeat == 5 && !(try s.agent(a).responsive))
    _ = s.run(until: 15)
    #expect(try s.agent(a).state == .degraded)  // (15 - 5) / 5 = 2 missed
    let b = try s.spawn(AgentSpec(type: .coder, behavior: echo(1)))
    _ = s.run(until: 24)
    #expect(try s.task(ids[0]).status == .running)  // a degraded agent keeps its running work
    s.run()
    #expect(try s.agent(a).state == .offline)  // at 25: 4 missed
    #expect(try s.task(ids[0]).status == .completed && s.task(ids[0]).agent == b)
    #expect(try s.task(ids[0]).finishedAt == 26)
    let degraded = s.events.first { $0.kind == .agentDegraded }
    #expect(degraded?.time == 15 && degraded?.value == 2)
    try s.apply(.recover(a))
    #expect(try s.agent(a).state == .idle && s.agent(a).responsive)
    #expect(try s.agent(a).lastHeartbeat == s.now)
    try s.apply(.recover(a))  // already responsive: nothing happens
  }

  @Test func recoveringFromDegradedRestoresWork() throws {
    let s = Swarm(SwarmConfiguration(heartbeatInterval: 1, healthCheckInterval: 1, degradedAfterMissed: 1,
                                     offlineAfterMissed: 100))
    let a = try s.spawn(AgentSpec(type: .coder, concurrency: 2, behavior: echo(1)))
    try s.apply(.hang(a))
    try s.apply(.hang(a))  // already silent
    _ = s.run(until: 2)
    #expect(try s.agent(a).state == .degraded)
    var g = TaskGraph()
    g.add(TaskSpec())
    let ids = try s.submit(g)
    _ = s.run(until: 3)
    #expect(try s.pendingReason(ids[0]) == .capableAgentsUnavailable)
    try s.schedule(.recover(a), at: 5)
    s.run()
    #expect(try s.task(ids[0]).status == .completed)
    #expect(try s.agent(a).state == .idle)
  }

  @Test func onlineRestoresAHungAgent() throws {
    let s = Swarm(SwarmConfiguration(heartbeatInterval: 1, healthCheckInterval: 1, degradedAfterMissed: 1,
                                     offlineAfterMissed: 2))
    let a = try s.spawn(AgentSpec(type: .coder, behavior: echo()))
    try s.apply(.hang(a))
    _ = s.run(until: 5)
    #expect(try s.agent(a).state == .offline)
    try s.apply(.online(a))
    #expect(try s.agent(a).state == .idle && s.agent(a).responsive)
    try s.apply(.hang(a))
    try s.apply(.terminate(a))
    try s.apply(.terminate(a))  // already gone
    try s.apply(.offline(a))
    try s.apply(.online(a))
    try s.apply(.hang(a))
    try s.apply(.recover(a))
    #expect(try s.agent(a).state == .terminated)
    #expect(try s.agent(a).lastHeartbeat == 5)
  }

  @Test func healthChecksCanBeDisabled() throws {
    let s = Swarm(SwarmConfiguration(healthCheckInterval: 0))
    let a = try s.spawn(AgentSpec(type: .coder, behavior: echo()))
    try s.apply(.hang(a))
    _ = s.run(until: 1000)
    #expect(try s.agent(a).state == .idle)
  }

  @Test func scheduledFaultsAndValidation() throws {
    let s = try makeSwarm(1, behavior: echo(5))
    var g = TaskGraph()
    g.add(TaskSpec())
    g.add(TaskSpec())
    let ids = try s.submit(g)
    try s.schedule(.cancel(ids[1]), at: 2)
    try s.schedule(.spawn(AgentSpec(type: .documenter, behavior: echo(1)), links: []), at: 1)
    #expect(throws: SwarmError.unknownAgent(AgentID(9))) { try s.schedule(.offline(AgentID(9)), at: 1) }
    #expect(throws: SwarmError.unknownTask(TaskID(9))) { try s.schedule(.cancel(TaskID(9)), at: 1) }
    #expect(throws: SwarmError.invalidConcurrency(0)) {
      try s.schedule(.spawn(AgentSpec(type: .coder, concurrency: 0, behavior: echo()), links: []), at: 1)
    }
    #expect(throws: SwarmError.unknownAgent(AgentID(7))) {
      try s.schedule(.spawn(AgentSpec(type: .coder, behavior: echo()), links: [AgentID(7)]), at: 1)
    }
    s.run()
    #expect(throws: SwarmError.timeInPast(0)) { try s.schedule(.offline(AgentID(0)), at: 0) }
    #expect(s.agentCount == 2)
    // The spawned agent took the second task at 1; the cancel at 2 interrupted it.
    #expect(try s.task(ids[1]).status == .cancelled)
    #expect(try s.task(ids[0]).status == .completed)
    #expect(throws: SwarmError.unknownAgent(AgentID(5))) { try s.apply(.offline(AgentID(5))) }
    #expect(throws: SwarmError.unknownTask(TaskID(5))) { try s.apply(.cancel(TaskID(5))) }
    try s.apply(.spawn(AgentSpec(type: .tester, behavior: echo()), links: []))
    #expect(s.agentCount == 3)
    for f in [Fault.online(AgentID(8)), .hang(AgentID(8)), .recover(AgentID(8)), .terminate(AgentID(8))] {
      #expect(throws: SwarmError.unknownAgent(AgentID(8))) { try s.apply(f) }
    }
  }
}

@Suite struct ScheduledSpawnTests {
  @Test func scheduledSpawnSkipsLinksToAgentsThatLeft() throws {
    let s = Swarm(SwarmConfiguration(topology: .custom))
    let a = try s.spawn(AgentSpec(type: .coder, behavior: echo()))
    let b = try s.spawn(AgentSpec(type: .coder, behavior: echo()), links: [a])
    try s.schedule(.spawn(AgentSpec(type: .tester, behavior: echo()), links: [a, b]), at: 5)
    try s.schedule(.terminate(a), at: 3)
    s.run()
    #expect(s.agentCount == 3)
    #expect(try s.neighbors(of: AgentID(2)) == [b])
    let mesh = try makeSwarm(1)
    #expect(throws: SwarmError.invalidLink(AgentID(1), AgentID(0))) {
      try mesh.schedule(.spawn(AgentSpec(type: .coder, behavior: echo()), links: [AgentID(0)]), at: 1)
    }
  }
}
