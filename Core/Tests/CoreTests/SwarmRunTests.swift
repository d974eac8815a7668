import Testing
@testable import Core

@Suite struct SwarmRunTests {
  @Test func runsAGraphAndPassesResults() throws {
    let s = try makeSwarm(2, behavior: summer())
    var g = TaskGraph()
    let a = g.add(TaskSpec(payload: .int(1)))
    let b = g.add(TaskSpec(payload: .int(10)), after: [a])
    let c = g.add(TaskSpec(payload: .int(100)), after: [a])
    let d = g.add(TaskSpec(payload: .int(1000)), after: [b, c])
    let ids = try s.submit(g)
    let report = s.run()
    #expect(report == RunReport(batches: 3, attempts: 4, time: 3))
    #expect(try s.task(ids[d]).result == .int(1000 + 11 + 101))
    #expect(s.metrics.succeeded == 4)
  }

  @Test func runUntilStopsTheClock() throws {
    let s = try makeSwarm(1, behavior: echo(10))
    try s.submit(flat(2))
    #expect(s.run(until: 5).time == 5)
    #expect(s.now == 5)
    #expect(s.run(until: 3).time == 5)  // never backwards
    #expect(s.run().time == 20)
  }

  @Test func completeChecksTheBatch() throws {
    let s = try makeSwarm(2)
    try s.submit(flat(2))
    let batch = s.nextBatch()
    #expect(throws: SwarmError.batchMismatch) { try s.complete(batch, with: []) }
    try s.cancel(batch[0].task)  // stale job: ignored when completed
    try s.complete(batch, with: batch.map { $0.run() })
    s.run()
    #expect(s.metrics.succeeded == 1 && s.metrics.cancelled == 1)
  }

  /// A workload with every kind of fault, for determinism tests.
  static func chaos(seed: UInt64, _ strategy: DistributionStrategy) throws -> Swarm {
    let s = Swarm(SwarmConfiguration(seed: seed, distribution: strategy, topology: .ring, healthCheckInterval: 5))
    let work = ClosureBehavior { input throws(TaskFailure) in
      let v = input.task.rawValue &* 2654435761 &+ input.attempt
      if v % 7 == 0 { throw TaskFailure(code: v % 3) }
      return TaskOutput(.int(Int64(v)), duration: Tick(v % 5))
    }
    for i in 0..<12 {
      try s.spawn(AgentSpec(type: AgentType.allCases[i % 8], capabilities: CapabilitySet(bits: UInt64(i % 4)),
                            pattern: CognitivePattern.allCases[i % 7], concurrency: 1 + i % 3, behavior: work))
    }
    var rng = Xoshiro256(seed: seed)
    var g = TaskGraph()
    for i in 0..<150 {
      var pre: [Int] = []
      if i > 0 { for _ in 0..<rng.next(below: 3) { let p = rng.next(below: i); if !pre.contains(p) { pre.append(p) } } }
      g.add(TaskSpec(payload: .int(Int64(i)), priority: TaskPriority.allCases[i % 4],
                     requires: CapabilitySet(bits: UInt64(rng.next(below: 4) & 1)), duration: 2,
                     timeout: 4, retry: RetryPolicy(maxRetries: 2, base: 1)), after: pre)
    }
    try s.submit(g)
    try s.schedule(.offline(AgentID(3)), at: 5)
    try s.schedule(.hang(AgentID(4)), at: 7)
    try s.schedule(.online(AgentID(3)), at: 30)
    try s.schedule(.terminate(AgentID(5)), at: 12)
    try s.schedule(.spawn(AgentSpec(type: .coder, capabilities: CapabilitySet(bits: 3), behavior: work), links: []), at: 20)
    for k in 0..<10 { _ = try s.send(.int(Int64(k)), from: AgentID(k), to: AgentID((k * 7 + 3) % 12)) }
    return s
  }

  static let strategies: [DistributionStrategy] = [.roundRobin, .leastLoaded, .random, .priority, .capabilityMatch,
                                                   .cognitiveDiversity]

  @Test(arguments: strategies) func sameSeedSameEventLog(strategy: DistributionStrategy) throws {
    let a = try Self.chaos(seed: 11, strategy)
    let b = try Self.chaos(seed: 11, strategy)
    a.run()
    b.run()
    #expect(a.events == b.events)
    #expect(a.events.count > 500)
    #expect(a.metrics == b.metrics)
    let m = a.metrics
    // Nothing lost silently: every task is final or pending with a reason.
    for t in 0..<a.taskCount {
      let info = try a.task(TaskID(t))
      let reason = try a.pendingReason(TaskID(t))
      #expect(info.status.isFinal || reason != nil)
    }
    #expect(m.succeeded + m.failed + m.timedOut + m.cancelled + m.ready + m.blocked + m.parked + m.backingOff == 150)
  }

  @Test func differentSeedsDifferUnderRandomDistribution() throws {
    let a = try Self.chaos(seed: 1, .random)
    let b = try Self.chaos(seed: 2, .random)
    a.run()
    b.run()
    #expect(a.events != b.events)
  }

  /// Property over random DAGs: every task completes exactly once, after all its prerequisites, and
  /// receives their results; sums propagate correctly.
  @Test(arguments: 0..<25) func randomDAGsRunCorrectly(seed: Int) throws {
    var rng = Xoshiro256(seed: UInt64(seed) &+ 100)
    let n = 1 + rng.next(below: 60)
    let g = randomDAG(n, maxFanIn: 4, rng: &rng)
    let s = try makeSwarm(1 + rng.next(below: 6), SwarmConfiguration(seed: UInt64(seed),
                          distribution: Self.strategies[seed % 6]), concurrency: 1 + rng.next(below: 3),
                          behavior: summer())
    let ids = try s.submit(g)
    s.run()
    var completedAt = [Tick](repeating: -1, count: n)
    var startedAt = [Tick](repeating: -1, count: n)
    for e in s.events {
      if e.kind == .taskCompleted { #expect(completedAt[Int(e.task)] < 0); completedAt[Int(e.task)] = e.time }
      if e.kind == .taskStarted { startedAt[Int(e.task)] = e.time }
    }
    var expected = [Int64](repeating: 0, count: n)
    for v in 0..<n {
      expected[v] = Int64(v) + g.prerequisites(of: v).reduce(0) { $0 + expected[$1] }
      #expect(try s.task(ids[v]).result == .int(expected[v]))
      for p in g.prerequisites(of: v) { #expect(completedAt[p] <= startedAt[v]) }
    }
    #expect(s.metrics.succeeded == n && s.metrics.attempts == n)
  }
}

/// The same workload as `core_log_checksum` in Bench/wasm/CoreWasmBench.swift; the wasm build prints
/// the checksum of its event log (Bench/wasm/run.mjs). Equal checksums mean the engine produced the
/// same event log, field for field, on x86-64 and on wasm32.
@Suite struct CrossPlatformTests {
  static let wasmChecksum: UInt64 = 0x8C4D_1CAC_3639_0CFB

  func checksum(_ events: [SwarmEvent]) -> Int64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ v: Int64) {
      h ^= UInt64(bitPattern: v)
      h = h &* 0x0000_0100_0000_01B3
    }
    for e in events {
      mix(e.sequence); mix(e.time); mix(Int64(e.kind.rawValue)); mix(Int64(e.agent)); mix(Int64(e.task))
      mix(Int64(e.peer)); mix(e.value)
    }
    return Int64(bitPattern: h)
  }

  @Test func eventLogMatchesTheWasmBuild() throws {
    let swarm = Swarm(SwarmConfiguration(seed: 11, distribution: .random, topology: .ring))
    let work = ClosureBehavior { input throws(TaskFailure) in
      let v = Int64(input.task.rawValue) &* 2654435761 &+ Int64(input.attempt)
      if v % 7 == 0 { throw TaskFailure(code: Int(v % 3)) }
      return TaskOutput(.int(v), duration: Tick(v % 5))
    }
    for i in 0..<12 {
      _ = try? swarm.spawn(AgentSpec(type: .coder, capabilities: CapabilitySet(bits: UInt64(i % 4)),
                                     pattern: CognitivePattern.allCases[i % 7], concurrency: 1 + i % 3, behavior: work))
    }
    var rng = Xoshiro256(seed: 11)
    var g = TaskGraph()
    for i in 0..<150 {
      var pre: [Int] = []
      if i > 0 { for _ in 0..<rng.next(below: 3) { let p = rng.next(below: i); if !pre.contains(p) { pre.append(p) } } }
      g.add(TaskSpec(priority: TaskPriority.allCases[i % 4], requires: CapabilitySet(bits: UInt64(rng.next(below: 4) & 1)),
                     duration: 2, timeout: 4, retry: RetryPolicy(maxRetries: 2, base: 1)), after: pre)
    }
    _ = try? swarm.submit(g)
    _ = try? swarm.schedule(.offline(AgentID(3)), at: 5)
    _ = try? swarm.schedule(.hang(AgentID(4)), at: 7)
    for k in 0..<10 { _ = try? swarm.send(.int(Int64(k)), from: AgentID(k), to: AgentID((k * 7 + 3) % 12)) }
    swarm.run()
    #expect(swarm.events.count > 500)
    #expect(UInt64(bitPattern: checksum(swarm.events)) == Self.wasmChecksum)
  }
}
