import Testing
@testable import Core

@Suite struct SwarmDispatchTests {
  func assignedAgents(_ s: Swarm) -> [Int32] { s.events.filter { $0.kind == .taskAssigned }.map { $0.agent } }

  @Test func roundRobinCycles() throws {
    let s = try makeSwarm(3, SwarmConfiguration(distribution: .roundRobin), concurrency: 2)
    try s.submit(flat(6))
    _ = s.nextBatch()
    #expect(assignedAgents(s) == [0, 1, 2, 0, 1, 2])
  }

  @Test func roundRobinWithFewFreeAgentsUsesCircularDistance() throws {
    let s = try makeSwarm(20, SwarmConfiguration(distribution: .roundRobin))
    try s.submit(flat(18, TaskSpec(duration: 10)))
    var b = s.nextBatch()
    try s.complete(b, with: b.map { $0.run() })
    try s.submit(flat(3, TaskSpec(duration: 1)))
    b = s.nextBatch()
    #expect(b.map { $0.agent } == [AgentID(18), AgentID(19)])
    try s.complete(b, with: b.map { $0.run() })
    s.run()
    #expect(s.metrics.succeeded == 21)
  }

  @Test func leastLoadedComparesRatios() throws {
    let s = Swarm(SwarmConfiguration(distribution: .leastLoaded))
    try s.spawn(AgentSpec(type: .coder, concurrency: 4, behavior: echo()))
    try s.spawn(AgentSpec(type: .coder, concurrency: 1, behavior: echo()))
    try s.submit(flat(5))
    _ = s.nextBatch()
    // 0/4 vs 0/1 -> 0 (lower id); 1/4 vs 0/1 -> 1; then 0 three times (1/1 is full).
    #expect(assignedAgents(s) == [0, 1, 0, 0, 0])
  }

  @Test func randomIsSeededAndCoversAgents() throws {
    func picks(_ seed: UInt64) throws -> [Int32] {
      let s = try makeSwarm(10, SwarmConfiguration(seed: seed, distribution: .random), concurrency: 100)
      try s.submit(flat(200))
      _ = s.nextBatch()
      return assignedAgents(s)
    }
    let a = try picks(1)
    #expect(a == (try picks(1)))
    #expect(a != (try picks(2)))
    #expect(Set(a).count == 10)
  }

  @Test func randomFallsBackToAnExactDraw() throws {
    let s = Swarm(SwarmConfiguration(seed: 5, distribution: .random))
    for i in 0..<40 {
      try s.spawn(AgentSpec(type: .coder, capabilities: i == 33 ? [Capability(2)] : [], concurrency: 1000,
                            behavior: echo()))
    }
    try s.submit(flat(20, TaskSpec(requires: [Capability(2)])))
    _ = s.nextBatch()
    #expect(Set(assignedAgents(s)) == [33])
  }

  @Test func priorityGivesUrgentWorkToReliableAgents() throws {
    let s = Swarm(SwarmConfiguration(distribution: .priority))
    let flaky = try s.spawn(AgentSpec(type: .coder, behavior: failing()))
    let solid = try s.spawn(AgentSpec(type: .coder, behavior: echo()))
    // History: the flaky agent fails once, the solid one succeeds once.
    var warm = TaskGraph()
    warm.add(TaskSpec(priority: .low))
    warm.add(TaskSpec(priority: .low))
    try s.submit(warm)
    s.run()
    #expect(try s.metrics(of: flaky).failed == 1 && s.metrics(of: solid).succeeded == 1)
    var g = TaskGraph()
    g.add(TaskSpec(priority: .low))
    g.add(TaskSpec(priority: .critical))
    let ids = try s.submit(g)
    _ = s.nextBatch()
    let last = s.events.filter { $0.kind == .taskAssigned }.suffix(2)
    // Critical is dispatched first and takes the reliable agent; low gets the flaky one.
    #expect(last.map { $0.task } == [Int32(ids[1].rawValue), Int32(ids[0].rawValue)])
    #expect(last.map { $0.agent } == [Int32(solid.rawValue), Int32(flaky.rawValue)])
  }

  @Test func priorityTiesFallBackToLoad() throws {
    let s = try makeSwarm(2, SwarmConfiguration(distribution: .priority), concurrency: 2)
    try s.submit(flat(3, TaskSpec(priority: .high)))
    _ = s.nextBatch()
    #expect(assignedAgents(s) == [0, 1, 0])
  }

  @Test func capabilityMatchPrefersTheTightestFit() throws {
    let s = Swarm(SwarmConfiguration(distribution: .capabilityMatch))
    try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(0), Capability(1), Capability(2)], behavior: echo()))
    try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(0), Capability(1)], behavior: echo()))
    try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(0)], behavior: echo()))
    var g = TaskGraph()
    g.add(TaskSpec(requires: [Capability(0), Capability(1)]))
    g.add(TaskSpec(requires: [Capability(0)]))
    g.add(TaskSpec(requires: [Capability(0)]))
    try s.submit(g)
    _ = s.nextBatch()
    #expect(assignedAgents(s) == [1, 2, 0])
  }

  @Test func cognitiveDiversitySpreadsRelatedTasksOverComplementaryPatterns() throws {
    let s = Swarm(SwarmConfiguration(distribution: .cognitiveDiversity))
    // Two agents per pattern except adaptive; ids 0..11 with patterns convergent, divergent, ... twice.
    for i in 0..<12 {
      try s.spawn(AgentSpec(type: .analyst, pattern: CognitivePattern.allCases[i % 6], concurrency: 4,
                            behavior: echo()))
    }
    var g = TaskGraph()
    let root = g.add(TaskSpec())
    for _ in 0..<6 { g.add(TaskSpec(), after: [root]) }  // six related siblings (fan-out of root)
    try s.submit(g)
    s.run()
    let patterns = s.events.filter { $0.kind == .taskAssigned }.dropFirst().map {
      CognitivePattern.allCases[Int($0.agent) % 6]
    }
    // Every sibling on a different pattern; each second one the complement of the one before.
    #expect(Set(patterns).count == 6)
    #expect(patterns[1] == patterns[0].complement)
    #expect(patterns[3] == patterns[2].complement)
    #expect(patterns[5] == patterns[4].complement)
  }

  @Test func cognitiveDiversityGroupsByExplicitGroupAndGraph() throws {
    let s = Swarm(SwarmConfiguration(distribution: .cognitiveDiversity))
    try s.spawn(AgentSpec(type: .analyst, pattern: .convergent, concurrency: 10, behavior: echo()))
    try s.spawn(AgentSpec(type: .analyst, pattern: .divergent, concurrency: 10, behavior: echo()))
    var g = TaskGraph()
    g.add(TaskSpec(group: 1))
    g.add(TaskSpec(group: 2))
    g.add(TaskSpec(group: 1))
    g.add(TaskSpec(group: 2))
    try s.submit(g)
    _ = s.nextBatch()
    // Each group alternates on its own: group 1 -> 0, 1; group 2 -> 0, 1 (ties go to load, then id).
    #expect(assignedAgents(s) == [0, 1, 1, 0])
  }

  @Test func readyTasksGoByPriorityThenFIFO() throws {
    let s = try makeSwarm(1, SwarmConfiguration(orchestration: .sequential))
    var g = TaskGraph()
    g.add(TaskSpec(priority: .low))
    g.add(TaskSpec(priority: .normal))
    g.add(TaskSpec(priority: .critical))
    g.add(TaskSpec(priority: .high))
    g.add(TaskSpec(priority: .critical))
    try s.submit(g)
    s.run()
    let order = s.events.filter { $0.kind == .taskAssigned }.map { $0.task }
    #expect(order == [2, 4, 3, 1, 0])
  }

  @Test func concurrencyLimitsHold() throws {
    let s = try makeSwarm(3, concurrency: 2)
    var rng = Xoshiro256(seed: 9)
    try s.submit(randomDAG(60, maxFanIn: 2, rng: &rng))
    s.run()
    var running = [Int](repeating: 0, count: 3)
    for e in s.events {
      if e.kind == .taskAssigned { running[Int(e.agent)] += 1 }
      if e.kind == .taskCompleted { running[Int(e.agent)] -= 1 }
      #expect(running.allSatisfy { $0 <= 2 })
    }
    #expect(s.metrics.succeeded == 60)
  }

  @Test func unassignableTasksParkAndWakeWhenACapableAgentJoins() throws {
    let s = try makeSwarm(2)
    var g = TaskGraph()
    g.add(TaskSpec(requires: [Capability(7)]))
    g.add(TaskSpec(requires: [Capability(7)]))
    g.add(TaskSpec(requires: [Capability(8)]))
    g.add(TaskSpec())
    let ids = try s.submit(g)
    s.run()
    #expect(try s.pendingReason(ids[0]) == .noCapableAgent)
    #expect(s.metrics.parked == 3 && s.metrics.succeeded == 1)
    #expect(s.events.filter { $0.kind == .taskBlocked }.count == 3)
    try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(7)], behavior: echo()))
    s.run()
    #expect(try s.task(ids[0]).status == .completed && s.task(ids[1]).status == .completed)
    #expect(try s.pendingReason(ids[2]) == .noCapableAgent)
    #expect(s.metrics.parked == 1)
  }

  @Test func skippedTasksLeaveTombstonesThatAreCompacted() throws {
    let s = Swarm()
    try s.spawn(AgentSpec(type: .coder, capabilities: [Capability(1)], behavior: echo(50)))
    try s.spawn(AgentSpec(type: .coder, concurrency: 200, behavior: echo(1)))
    var g = TaskGraph()
    g.add(TaskSpec(requires: [Capability(1)]))  // takes the specialist for 50 ticks
    g.add(TaskSpec(requires: [Capability(1)]))  // must wait: skipped, stays at the head
    g.add(TaskSpec(requires: [Capability(1)]))  // same mask: one probe per pass
    for _ in 0..<150 { g.add(TaskSpec()) }  // assigned behind it: tombstones
    try s.submit(g)
    _ = s.run(until: 10)
    #expect(s.metrics.succeeded == 150)
    #expect(s.metrics.ready == 2)
    s.run()
    #expect(s.metrics.succeeded == 153)
  }
}

/// The strategies' early-exit scans against a brute-force reference that ranks every eligible agent by
/// the full key of Strategies.swift.
@Suite struct DispatchReferenceTests {
  func reference(_ s: Swarm, _ t: Int32) -> Int32 {
    let task = s.tasks[Int(t)]
    func eligible(_ a: Int32, _ avoid: [Int32]) -> Bool {
      s.isAvailable(a) && task.requires & ~s.agents[Int(a)].capabilities == 0 && !avoid.contains(a)
    }
    func load(_ a: Int32) -> (Int64, Int64) { (Int64(s.agents[Int(a)].running), Int64(s.agents[Int(a)].concurrency)) }
    func lessLoad(_ a: Int32, _ b: Int32) -> Bool {
      let (ra, ca) = load(a)
      let (rb, cb) = load(b)
      return ra * cb != rb * ca ? ra * cb < rb * ca : a < b
    }
    func better(_ a: Int32, _ b: Int32) -> Bool {
      switch s.configuration.distribution {
      case .leastLoaded: return lessLoad(a, b)
      case .priority:
        let c = s.compareReliability(a, b)
        if c != 0 { return task.priority >= .high ? c > 0 : c < 0 }
        return lessLoad(a, b)
      case .capabilityMatch:
        let ea = (s.agents[Int(a)].capabilities & ~task.requires).nonzeroBitCount
        let eb = (s.agents[Int(b)].capabilities & ~task.requires).nonzeroBitCount
        return ea != eb ? ea < eb : lessLoad(a, b)
      case .cognitiveDiversity:
        var counts = [Int32](repeating: 0, count: 7)
        var last = -1
        if let slot = s.groupSlots[task.group] {
          for p in 0..<7 { counts[p] = s.groupCounts[Int(slot) * 7 + p] }
          last = Int(s.groupLast[Int(slot)])
        }
        let pa = Int(s.agents[Int(a)].pattern.rawValue)
        let pb = Int(s.agents[Int(b)].pattern.rawValue)
        if counts[pa] != counts[pb] { return counts[pa] < counts[pb] }
        if last >= 0 {
          let comp = Int(CognitivePattern.allCases[last].complement.rawValue)
          if (pa == comp) != (pb == comp) { return pa == comp }
        }
        return lessLoad(a, b)
      default: return false
      }
    }
    for avoid in [task.failedOn, []] {
      var chosen: Int32 = -1
      for a in 0..<Int32(s.agentCount) where eligible(a, avoid) {
        if chosen < 0 || better(a, chosen) { chosen = a }
      }
      if chosen >= 0 { return chosen }
    }
    return -1
  }

  /// Within one pass the priority heaps are reused across choices: replay a pass choice by choice.
  @Test(arguments: 0..<6) func priorityHeapsMatchTheReferenceWithinAPass(seed: Int) throws {
    var rng = Xoshiro256(seed: UInt64(seed) &+ 50)
    let s = Swarm(SwarmConfiguration(distribution: .priority))
    let mixed = ClosureBehavior { input throws(TaskFailure) in
      if (input.task.rawValue * 7 + input.agent.rawValue) % 4 == 0 { throw TaskFailure(code: 1) }
      return TaskOutput(.null, duration: Tick(1 + input.task.rawValue % 3))
    }
    for _ in 0..<(3 + rng.next(below: 40)) {
      try s.spawn(AgentSpec(type: .coder, concurrency: 1 + rng.next(below: 3), behavior: mixed))
    }
    var g = TaskGraph()
    for _ in 0..<400 {
      g.add(TaskSpec(priority: TaskPriority.allCases[rng.next(below: 4)], retry: RetryPolicy(maxRetries: 1)))
    }
    try s.submit(g)
    var choices = 0
    var steps = 0
    while s.metrics.succeeded + s.metrics.failed < 400 && steps < 10_000 {
      steps += 1
      // One pass, done by hand so that every choice is compared with the reference just before it.
      s.priorityHeapBuilt = (false, false)
      var jobs: [Job] = []
      for lane in stride(from: 3, through: 0, by: -1) {
        for t in s.lanes[lane] where t >= 0 && s.tasks[Int(t)].status == .pending && s.tasks[Int(t)].queued {
          guard s.freeSlots > 0 else { break }
          let expected = reference(s, t)
          let got = s.choose(for: t)
          #expect(got == expected)
          if got < 0 { continue }
          choices += 1
          jobs.append(s.assign(t, to: got))
        }
      }
      try s.complete(jobs, with: jobs.map { $0.run() })
      // Advance one tick with the engine's own dispatch switched off.
      let window = s.window
      s.window = 0
      _ = s.nextBatch(until: s.now + 1)
      s.window = window
    }
    #expect(choices > 100)
  }

  @Test(arguments: [DistributionStrategy.leastLoaded, .priority, .capabilityMatch, .cognitiveDiversity], 0..<8)
  func earlyExitScansMatchTheReference(strategy: DistributionStrategy, seed: Int) throws {
    var rng = Xoshiro256(seed: UInt64(seed))
    let s = Swarm(SwarmConfiguration(seed: UInt64(seed), distribution: strategy))
    let flaky = ClosureBehavior { input throws(TaskFailure) in
      if (input.task.rawValue + input.agent.rawValue) % 3 == 0 { throw TaskFailure(code: 1) }
      return TaskOutput(.null, duration: Tick(input.task.rawValue % 7))
    }
    for _ in 0..<(5 + rng.next(below: 80)) {
      try s.spawn(AgentSpec(type: .coder, capabilities: CapabilitySet(bits: UInt64(rng.next(below: 8))),
                            pattern: CognitivePattern.allCases[rng.next(below: 7)],
                            concurrency: 1 + rng.next(below: 3), behavior: flaky))
    }
    var g = TaskGraph()
    for _ in 0..<200 {
      g.add(TaskSpec(priority: TaskPriority.allCases[rng.next(below: 4)],
                     requires: CapabilitySet(bits: UInt64(rng.next(below: 8) & rng.next(below: 8))),
                     retry: RetryPolicy(maxRetries: 1), group: rng.next(below: 5)))
    }
    try s.submit(g)
    var checked = 0
    while true {
      // Before each batch, every queued task's choice must equal the reference's.
      for t in 0..<Int32(s.taskCount) where s.tasks[Int(t)].status == .pending && s.tasks[Int(t)].queued {
        let expected = reference(s, t)
        let saved = (s.groupSlots, s.groupCounts, s.groupLast)
        s.priorityHeapBuilt = (false, false)  // each probe is the first choice of a pass
        #expect(s.choose(for: t) == expected)
        (s.groupSlots, s.groupCounts, s.groupLast) = saved  // undo the bookkeeping of the probe
        checked += 1
      }
      let batch = s.nextBatch()
      if batch.isEmpty { break }
      try s.complete(batch, with: batch.map { $0.run() })
    }
    #expect(checked > 0)
  }
}
