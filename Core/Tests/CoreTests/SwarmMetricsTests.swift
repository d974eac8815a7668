import Testing
@testable import Core

@Suite struct SwarmMetricsTests {
  @Test func nearestRankPercentiles() {
    #expect(Swarm.percentiles([]) == LatencyPercentiles(count: 0, p50: 0, p90: 0, p99: 0, max: 0))
    #expect(Swarm.percentiles([7]) == LatencyPercentiles(count: 1, p50: 7, p90: 7, p99: 7, max: 7))
    #expect(Swarm.percentiles([4, 1, 3, 2]).p50 == 2)
    let hundred = Swarm.percentiles((1...100).map { Tick($0) }.reversed())
    #expect(hundred.p50 == 50 && hundred.p90 == 90 && hundred.p99 == 99 && hundred.max == 100)
  }

  @Test func latencyUtilisationAndQueues() throws {
    let s = try makeSwarm(2, behavior: echo(2))
    var g = TaskGraph()
    let a = g.add(TaskSpec())
    g.add(TaskSpec(), after: [a])
    g.add(TaskSpec())
    g.add(TaskSpec())
    try s.submit(g)
    _ = s.run(until: 1)
    var m = s.metrics
    #expect(m.inFlight == 2 && m.ready == 1 && m.blocked == 1)
    s.run()
    m = s.metrics
    // a: 0-2, c: 0-2, d: 2-4, b: 2-4 -> latencies 2, 2, 4, 4.
    #expect(m.latency == LatencyPercentiles(count: 4, p50: 2, p90: 4, p99: 4, max: 4))
    #expect(m.utilisation == 1.0)
    #expect(try s.metrics(of: AgentID(0)).utilisation == 1.0)
    #expect(try s.metrics(of: AgentID(0)).busySlotTicks == 4)
    _ = s.run(until: 8)
    #expect(s.metrics.utilisation == 0.5)
    try s.apply(.terminate(AgentID(1)))
    _ = s.run(until: 16)
    // Agent 1 retired with 4 busy of 8; agent 0 has 4 busy of 16: (4 + 4) / (8 + 16).
    #expect(s.metrics.utilisation == 8.0 / 24.0)
    #expect(try s.metrics(of: AgentID(1)).utilisation == 0.5)
    #expect(try s.metrics(of: AgentID(1)).running == 0)
    let fresh = Swarm()
    #expect(fresh.metrics.utilisation == 0)
    try fresh.spawn(AgentSpec(type: .coder, behavior: echo()))
    #expect(try fresh.metrics(of: AgentID(0)).utilisation == 0)
  }
}

@Suite struct SaturatingTicksTests {
  @Test func saturatingArithmetic() {
    #expect(Int64.max.saturatingAdd(1) == .max)
    #expect(Int64.min.saturatingAdd(-1) == .min)
    #expect(Int64(2).saturatingAdd(3) == 5)
    #expect(Int64.max.saturatingMultiply(2) == .max)
    #expect(Int64.max.saturatingMultiply(-2) == .min)
    #expect(Int64(-3).saturatingMultiply(4) == -12)
    #expect(slotTicks(4, from: 0, to: .max) == .max)
    #expect(slotTicks(4, from: .min, to: .max) == .max)
    #expect(slotTicks(3, from: 2, to: 7) == 15)
  }

  @Test func metricsAtTheEndOfTimeDoNotTrap() throws {
    let s = try makeSwarm(3, concurrency: 4, behavior: echo(5))
    var g = TaskGraph()
    for _ in 0..<6 { g.add(TaskSpec()) }
    try s.submit(g)
    _ = s.run(until: .max)
    let m = s.metrics
    #expect(m.succeeded == 6)
    #expect(m.utilisation >= 0 && m.utilisation <= 1)
    let agent = try s.metrics(of: AgentID(0))
    #expect(agent.utilisation >= 0 && agent.utilisation <= 1)
    try s.apply(.terminate(AgentID(1)))
    _ = s.run(until: .max)
    #expect(s.metrics.utilisation >= 0 && s.metrics.utilisation <= 1)
  }
}
