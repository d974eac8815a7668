import Testing
@testable import Core

@Suite struct SwarmJSTests {
  /// Drives a swarm the way swarm.mjs does, with "JS" behaviours as Swift closures over the job fields.
  func drive(_ h: Int, _ behaviour: (Int, Int, Int, Double, [Double]) -> (Double, Int, Int)) throws {
    while true {
      let n = try SwarmJS.nextBatch(h)
      if n == 0 { return }
      for i in 0..<n {
        var pre: [Double] = []
        for k in 0..<(try SwarmJS.jobPrerequisites(h, i)) { pre.append(try SwarmJS.jobPrerequisite(h, i, k)) }
        let (v, d, f) = behaviour(try SwarmJS.jobTask(h, i), try SwarmJS.jobAgent(h, i), try SwarmJS.jobAttempt(h, i),
                                  try SwarmJS.jobPayload(h, i), pre)
        try SwarmJS.setOutcome(h, i, value: v, duration: d, failure: f)
      }
      try SwarmJS.completeBatch(h)
    }
  }

  @Test func aGraphRunsWithCallbacks() throws {
    let h = try SwarmJS.create(seed: 3, distribution: 5, orchestration: 0, window: 0, topology: 4, parameter: 3)
    for i in 0..<10 { _ = try SwarmJS.spawn(h, type: i % 8, capabilities: 1, pattern: i % 7, concurrency: 2) }
    var leaves: [Int] = []
    for i in 0..<6 {
      leaves.append(try SwarmJS.addTask(h, payload: Double(i), priority: i % 4, requires: 1, duration: 1, timeout: 0,
                                        retries: 1, backoff: 1))
    }
    let total = try SwarmJS.addTask(h, payload: 100, priority: 3, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    for l in leaves { try SwarmJS.addDependency(h, dependent: total, prerequisite: l) }
    let first = try SwarmJS.submit(h)
    try drive(h) { task, _, attempt, payload, pre in
      if task == 2 && attempt == 1 { return (0, -1, 9) }  // a failure, retried
      return (payload + pre.reduce(0, +), task == 4 ? 3 : -1, 0)
    }
    #expect(try SwarmJS.taskStatus(h, first + total) == Int(TaskStatus.completed.rawValue))
    #expect(try SwarmJS.taskResult(h, first + total) == 115)
    #expect(try SwarmJS.metric(h, 0) == 7 && SwarmJS.metric(h, 4) == 1)
    #expect(try SwarmJS.metric(h, 16) == Double(SwarmJS.session(h).swarm.now) && SwarmJS.metric(h, 16) == 4)
    let n = try SwarmJS.eventCount(h)
    for i in 0..<n { #expect(try SwarmJS.eventField(h, i, 0) == Double(i)) }
    #expect(try SwarmJS.eventField(h, 0, 2) == Double(SwarmEvent.Kind.agentSpawned.rawValue))
    for f in 1...6 { _ = try SwarmJS.eventField(h, n - 1, f) }
    #expect(try SwarmJS.taskResult(h, first).isNaN == false)
    try SwarmJS.destroy(h)
    #expect(throws: SwarmJSError.unknownSwarm(handle: h)) { try SwarmJS.nextBatch(h) }
  }

  @Test func jobsWithoutOutcomesFailAndPayloadsThatAreNotNumbersAreNaN() throws {
    let h = try SwarmJS.create(seed: 0, distribution: 0, orchestration: 2, window: 4, topology: 5, parameter: 2)
    _ = try SwarmJS.spawn(h, type: 0, capabilities: 0, pattern: 0, concurrency: 1)
    _ = try SwarmJS.addTask(h, payload: 1, priority: 1, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    let t = try SwarmJS.submit(h)
    #expect(try SwarmJS.nextBatch(h) == 1)
    try SwarmJS.completeBatch(h)  // no outcome set: the JS behaviour fails with code -1
    #expect(try SwarmJS.nextBatch(h) == 0)
    #expect(try SwarmJS.taskStatus(h, t) == Int(TaskStatus.failed.rawValue))
    #expect(try SwarmJS.taskResult(h, t).isNaN)
    let s = try SwarmJS.session(h)
    var g = TaskGraph()
    g.add(TaskSpec(payload: .string("x")))
    let a = try g.add(TaskSpec(), after: [0]) >= 0 ? 1 : 0
    _ = a
    _ = try s.swarm.submit(g)
    #expect(try SwarmJS.nextBatch(h) == 1)
    #expect(try SwarmJS.jobPayload(h, 0).isNaN)
    try SwarmJS.setOutcome(h, 0, value: 0, duration: -1, failure: 0)
    s.outcomes[0] = .success(TaskOutput(.string("not a number")))
    try SwarmJS.completeBatch(h)
    #expect(try SwarmJS.nextBatch(h) == 1)
    #expect(try SwarmJS.jobPrerequisite(h, 0, 0).isNaN)
  }

  @Test func badArgumentsAreTypedErrors() throws {
    #expect(throws: SwarmJSError.invalidArgument(name: "distribution", value: 9)) {
      try SwarmJS.create(seed: 0, distribution: 9, orchestration: 0, window: 0, topology: 0, parameter: 0)
    }
    for (o, w) in [(3, 0), (2, 0)] {
      #expect(throws: SwarmJSError.invalidArgument(name: "orchestration", value: o)) {
        try SwarmJS.create(seed: 0, distribution: 0, orchestration: o, window: w, topology: 0, parameter: 0)
      }
    }
    for (t, p) in [(7, 0), (4, 0), (5, 0)] {
      #expect(throws: SwarmJSError.invalidArgument(name: "topology", value: t)) {
        try SwarmJS.create(seed: 0, distribution: 0, orchestration: 0, window: 0, topology: t, parameter: p)
      }
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "seed", value: -1)) {
      try SwarmJS.create(seed: -1, distribution: 0, orchestration: 0, window: 0, topology: 0, parameter: 0)
    }
    var handles: [Int] = []
    for t in [0, 1, 2, 3, 6] {
      handles.append(try SwarmJS.create(seed: 1, distribution: t % 6, orchestration: 1, window: 0, topology: t, parameter: 0))
    }
    let h = handles[0]
    #expect(throws: SwarmJSError.invalidArgument(name: "type", value: 8)) {
      try SwarmJS.spawn(h, type: 8, capabilities: 0, pattern: 0, concurrency: 1)
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "pattern", value: -1)) {
      try SwarmJS.spawn(h, type: 0, capabilities: 0, pattern: -1, concurrency: 1)
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "capabilities", value: -2)) {
      try SwarmJS.spawn(h, type: 0, capabilities: -2, pattern: 0, concurrency: 1)
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "concurrency", value: 0)) {
      try SwarmJS.spawn(h, type: 0, capabilities: 0, pattern: 0, concurrency: 0)
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "priority", value: 4)) {
      try SwarmJS.addTask(h, payload: 0, priority: 4, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    }
    #expect(throws: SwarmJSError.invalidArgument(name: "requires", value: -1)) {
      try SwarmJS.addTask(h, payload: 0, priority: 0, requires: -1, duration: 1, timeout: 0, retries: 0, backoff: 0)
    }
    #expect(throws: SwarmJSError.unknownNode(node: 0)) { try SwarmJS.addDependency(h, dependent: 0, prerequisite: 0) }
    let a = try SwarmJS.addTask(h, payload: 0, priority: 0, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    let b = try SwarmJS.addTask(h, payload: 0, priority: 0, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    try SwarmJS.addDependency(h, dependent: a, prerequisite: b)
    try SwarmJS.addDependency(h, dependent: b, prerequisite: a)
    #expect(throws: SwarmJSError.dependencyCycle(first: 0, length: 2)) { try SwarmJS.submit(h) }
    #expect(try SwarmJS.submit(h) == 0)  // the graph was cleared: an empty submit
    #expect(throws: SwarmJSError.invalidArgument(name: "job", value: 0)) { try SwarmJS.jobTask(h, 0) }
    #expect(throws: SwarmJSError.invalidArgument(name: "metric", value: 17)) { try SwarmJS.metric(h, 17) }
    #expect(throws: SwarmJSError.invalidArgument(name: "event", value: 0)) { try SwarmJS.eventField(h, 0, 0) }
    #expect(throws: SwarmJSError.unknownTask(task: 5)) { try SwarmJS.taskStatus(h, 5) }
    #expect(throws: SwarmJSError.unknownTask(task: 5)) { try SwarmJS.taskResult(h, 5) }
    _ = try SwarmJS.spawn(h, type: 0, capabilities: 0, pattern: 0, concurrency: 1)
    #expect(throws: SwarmJSError.invalidArgument(name: "field", value: 7)) { try SwarmJS.eventField(h, 0, 7) }
    _ = try SwarmJS.addTask(h, payload: 0, priority: 0, requires: 0, duration: 1, timeout: 0, retries: 0, backoff: 0)
    _ = try SwarmJS.submit(h)
    #expect(try SwarmJS.nextBatch(h) == 1)
    #expect(throws: SwarmJSError.invalidArgument(name: "prerequisite", value: 0)) { try SwarmJS.jobPrerequisite(h, 0, 0) }
    #expect(try SwarmJS.jobAgent(h, 0) == 0 && SwarmJS.jobAttempt(h, 0) == 1)
    #expect(throws: SwarmJSError.unknownSwarm(handle: -1)) { try SwarmJS.destroy(-1) }
    for h in handles { try SwarmJS.destroy(h) }
  }

  @Test func everySwarmErrorMaps() {
    let cases: [(SwarmError, SwarmJSError)] = [
      (.unknownAgent(AgentID(1)), .unknownAgent(agent: 1)), (.unknownTask(TaskID(2)), .unknownTask(task: 2)),
      (.unknownNode(3), .unknownNode(node: 3)), (.dependencyCycle([4, 5]), .dependencyCycle(first: 4, length: 2)),
      (.dependencyCycle([]), .dependencyCycle(first: -1, length: 0)),
      (.unknownMessage(MessageID(6)), .invalidArgument(name: "message", value: 6)),
      (.agentTerminated(AgentID(7)), .invalidArgument(name: "terminated agent", value: 7)),
      (.invalidConcurrency(0), .invalidArgument(name: "concurrency", value: 0)),
      (.invalidTaskSpec(node: 8), .invalidArgument(name: "task of node", value: 8)),
      (.capabilityOutOfRange(64), .invalidArgument(name: "capability", value: 64)),
      (.invalidTopology, .invalidArgument(name: "topology", value: 0)),
      (.invalidLink(AgentID(9), AgentID(1)), .invalidArgument(name: "link", value: 9)),
      (.timeInPast(10), .invalidArgument(name: "time", value: 10)), (.batchMismatch, .noBatch),
    ]
    for (e, j) in cases { #expect(SwarmJSError(e) == j) }
    #expect(SwarmJSError.noBatch != .unknownSwarm(handle: 0))
    #expect(SwarmJSError.invalidArgument(name: "a", value: 1) != .invalidArgument(name: "b", value: 1))
  }
}
