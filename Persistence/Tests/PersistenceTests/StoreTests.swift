// The Store suite: every test runs against SQLiteStore (file and :memory:) and InMemoryStore.
import Persistence
import Testing

@Suite("Store: one suite, every implementation")
struct StoreTests {
  static let swarm = SwarmRecord(id: "s1", name: "research", topology: "mesh", config: [1, 2, 3], createdAt: 5)

  @Test(arguments: StoreKind.allCases)
  func swarmsRoundTripAndReplace(kind: StoreKind) throws {
    let store = try kind.make().store
    #expect(try store.swarm(id: "s1") == nil)
    try store.saveSwarm(Self.swarm)
    try store.saveSwarm(SwarmRecord(id: "a0", name: "first", topology: "star"))
    #expect(try store.swarm(id: "s1") == Self.swarm)
    var renamed = Self.swarm
    renamed.name = "renamed"
    renamed.config = []
    try store.saveSwarm(renamed)
    #expect(try store.swarms().map { $0.id } == ["a0", "s1"])
    #expect(try store.swarm(id: "s1") == renamed)
  }

  @Test(arguments: StoreKind.allCases)
  func agentsBelongToSavedSwarms(kind: StoreKind) throws {
    let store = try kind.make().store
    let agent = AgentRecord(swarmID: "s1", id: "b", name: "coder", kind: "coder", status: "idle", state: [9])
    #expect(throws: StoreError.unknownSwarm("s1")) { try store.saveAgent(agent) }
    try store.saveSwarm(Self.swarm)
    try store.saveAgent(agent)
    try store.saveAgent(AgentRecord(swarmID: "s1", id: "a", name: "tester", kind: "tester", status: "busy"))
    var updated = agent
    updated.status = "busy"
    try store.saveAgent(updated)
    #expect(try store.agents(swarmID: "s1").map { $0.id } == ["a", "b"])
    #expect(try store.agents(swarmID: "s1")[1] == updated)
    #expect(try store.agents(swarmID: "nope").isEmpty)
  }

  @Test(arguments: StoreKind.allCases)
  func tasksKeepDependenciesResultsAndStatus(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.saveSwarm(Self.swarm)
    let first = TaskRecord(swarmID: "s1", id: "t1", description: "fetch", priority: 2, createdAt: 1)
    var second = TaskRecord(swarmID: "s1", id: "t2", description: "parse", dependencies: ["t1", "t0"], createdAt: 2)
    try store.saveTask(second)
    try store.saveTask(first)
    #expect(try store.task(swarmID: "s1", id: "t2") == second)
    second.status = .completed
    second.result = [0, 1, 255]
    second.assignedAgent = "a1"
    second.dependencies = ["t1"]
    second.updatedAt = 9
    try store.saveTask(second)
    #expect(try store.task(swarmID: "s1", id: "t2") == second)
    var failed = TaskRecord(swarmID: "s1", id: "t3", description: "x", status: .failed, createdAt: 2)
    failed.error = "boom"
    try store.saveTask(failed)
    #expect(try store.tasks(swarmID: "s1", status: nil).map { $0.id } == ["t1", "t2", "t3"])
    #expect(try store.tasks(swarmID: "s1", status: .pending) == [first])
    #expect(try store.tasks(swarmID: "s1", status: .failed) == [failed])
    #expect(try store.task(swarmID: "s1", id: "missing") == nil)
  }

  @Test(arguments: StoreKind.allCases)
  func invalidTasksAreRejected(kind: StoreKind) throws {
    let store = try kind.make().store
    #expect(throws: StoreError.unknownSwarm("s1")) {
      try store.saveTask(TaskRecord(swarmID: "s1", id: "t", description: ""))
    }
    try store.saveSwarm(Self.swarm)
    #expect(throws: StoreError.invalidRecord("task t depends on itself")) {
      try store.saveTask(TaskRecord(swarmID: "s1", id: "t", description: "", dependencies: ["t"]))
    }
    #expect(throws: StoreError.invalidRecord("task t lists dependency u twice")) {
      try store.saveTask(TaskRecord(swarmID: "s1", id: "t", description: "", dependencies: ["u", "v", "u"]))
    }
    #expect(try store.tasks(swarmID: "s1", status: nil).isEmpty)
  }

  @Test(arguments: StoreKind.allCases)
  func eventLogIsContiguousPerSwarm(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.saveSwarm(Self.swarm)
    try store.saveSwarm(SwarmRecord(id: "s2", name: "other", topology: "ring"))
    #expect(try store.lastEventSequence(swarmID: "s1") == 0)
    try store.appendEvents([])
    try store.appendEvents([
      EventRecord(swarmID: "s1", sequence: 1, kind: "created", payload: [1], timestamp: 10),
      EventRecord(swarmID: "s1", sequence: 2, kind: "assigned", payload: [], timestamp: 11),
      EventRecord(swarmID: "s2", sequence: 1, kind: "created", timestamp: 12),
      EventRecord(swarmID: "s1", sequence: 3, kind: "done", payload: [3, 3], timestamp: 13),
    ])
    #expect(try store.lastEventSequence(swarmID: "s1") == 3)
    #expect(try store.lastEventSequence(swarmID: "s2") == 1)
    #expect(try store.events(swarmID: "s1").map { $0.kind } == ["created", "assigned", "done"])
    #expect(try store.events(swarmID: "s1", after: 1, limit: 1).map { $0.sequence } == [2])
    #expect(try store.events(swarmID: "s1", after: 3, limit: nil).isEmpty)
    #expect(try store.events(swarmID: "s1", after: 1, limit: .max).count == 2)
    #expect(try store.events(swarmID: "s1", after: 0, limit: 0).isEmpty)
    #expect(try store.events(swarmID: "s1")[2] == EventRecord(swarmID: "s1", sequence: 3, kind: "done", payload: [3, 3], timestamp: 13))
    #expect(throws: StoreError.invalidRecord("limit must not be negative, got -1")) {
      _ = try store.events(swarmID: "s1", after: 0, limit: -1)
    }
  }

  @Test(arguments: StoreKind.allCases)
  func aBatchWithAGapOrUnknownSwarmWritesNothing(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.saveSwarm(Self.swarm)
    #expect(throws: StoreError.sequenceGap(swarm: "s1", expected: 3, found: 4)) {
      try store.appendEvents([
        EventRecord(swarmID: "s1", sequence: 1, kind: "a"), EventRecord(swarmID: "s1", sequence: 2, kind: "b"),
        EventRecord(swarmID: "s1", sequence: 4, kind: "d"),
      ])
    }
    #expect(try store.lastEventSequence(swarmID: "s1") == 0)
    #expect(throws: StoreError.sequenceGap(swarm: "s1", expected: 1, found: 0)) {
      try store.appendEvents([EventRecord(swarmID: "s1", sequence: 0, kind: "a")])
    }
    #expect(throws: StoreError.unknownSwarm("ghost")) {
      try store.appendEvents([EventRecord(swarmID: "s1", sequence: 1, kind: "a"),
                              EventRecord(swarmID: "ghost", sequence: 1, kind: "a")])
    }
    #expect(try store.events(swarmID: "s1").isEmpty)
  }

  @Test(arguments: StoreKind.allCases)
  func swarmEventsAreCoresFlatRowsFromZero(kind: StoreKind) throws {
    let store = try kind.make().store
    let rows = [
      SwarmEventRow(swarmID: "s1", sequence: 0, time: 0, kind: 1, agent: 0),
      SwarmEventRow(swarmID: "s1", sequence: 1, time: 3, kind: 22, agent: 0, task: 4, peer: -1, value: .max),
      SwarmEventRow(swarmID: "s1", sequence: 2, time: 9, kind: 255, agent: -7, task: .max, peer: 2, value: -1),
    ]
    #expect(throws: StoreError.unknownSwarm("s1")) { try store.appendSwarmEvents([rows[0]]) }
    try store.saveSwarm(Self.swarm)
    try store.appendSwarmEvents([])
    #expect(try store.nextSwarmEventSequence(swarmID: "s1") == 0)
    try store.appendSwarmEvents(Array(rows.prefix(2)))
    #expect(throws: StoreError.sequenceGap(swarm: "s1", expected: 2, found: 3)) {
      try store.appendSwarmEvents([SwarmEventRow(swarmID: "s1", sequence: 3, time: 0, kind: 1)])
    }
    try store.appendSwarmEvents([rows[2]])
    var expected = rows
    expected[2].agent = -1                      // negative ids are NULL, read back as -1
    #expect(try store.swarmEvents(swarmID: "s1", from: 0, limit: nil) == expected)
    #expect(try store.swarmEvents(swarmID: "s1", from: 1, limit: 1) == [rows[1]])
    #expect(try store.swarmEvents(swarmID: "s1", from: -5, limit: nil).count == 3)
    #expect(try store.swarmEvents(swarmID: "s1", from: 3, limit: nil).isEmpty)
    #expect(try store.swarmEvents(swarmID: "s1", from: 1, limit: .max).count == 2)
    #expect(try store.memoryEntries(namespace: "none", prefix: [], limit: .max).isEmpty)
    #expect(try store.swarmEvents(swarmID: "other", from: 0, limit: nil).isEmpty)
    #expect(try store.nextSwarmEventSequence(swarmID: "s1") == 3)
    try store.saveSwarm(SwarmRecord(id: "s2", name: "", topology: ""))
    try store.appendSwarmEvents([SwarmEventRow(swarmID: "s2", sequence: 0, time: 0, kind: 1),
                                 SwarmEventRow(swarmID: "s1", sequence: 3, time: 0, kind: 1)])
    #expect(try store.nextSwarmEventSequence(swarmID: "s2") == 1)
    #expect(throws: StoreError.invalidRecord("limit must not be negative, got -2")) {
      _ = try store.swarmEvents(swarmID: "s1", from: 0, limit: -2)
    }
  }

  @Test(arguments: StoreKind.allCases)
  func snapshotsLatestWins(kind: StoreKind) throws {
    let store = try kind.make().store
    #expect(throws: StoreError.unknownSwarm("s1")) { try store.saveSnapshot(SnapshotRecord(swarmID: "s1", sequence: 0, state: [])) }
    try store.saveSwarm(Self.swarm)
    #expect(try store.latestSnapshot(swarmID: "s1") == nil)
    try store.saveSnapshot(SnapshotRecord(swarmID: "s1", sequence: 10, state: [1], createdAt: 1))
    try store.saveSnapshot(SnapshotRecord(swarmID: "s1", sequence: 4, state: [2], createdAt: 2))
    #expect(try store.latestSnapshot(swarmID: "s1") == SnapshotRecord(swarmID: "s1", sequence: 10, state: [1], createdAt: 1))
    try store.saveSnapshot(SnapshotRecord(swarmID: "s1", sequence: 10, state: [3], createdAt: 3))
    #expect(try store.latestSnapshot(swarmID: "s1")?.state == [3])
    #expect(throws: StoreError.invalidRecord("snapshot sequence must not be negative")) {
      try store.saveSnapshot(SnapshotRecord(swarmID: "s1", sequence: -1, state: []))
    }
  }

  @Test(arguments: StoreKind.allCases)
  func messagesFilterByRecipientAndCursor(kind: StoreKind) throws {
    let store = try kind.make().store
    #expect(throws: StoreError.unknownSwarm("s1")) {
      _ = try store.appendMessage(MessageRecord(swarmID: "s1", sender: "a", recipient: nil, topic: "t"))
    }
    try store.saveSwarm(Self.swarm)
    try store.saveSwarm(SwarmRecord(id: "s2", name: "", topology: ""))
    let first = try store.appendMessage(MessageRecord(swarmID: "s1", sender: "a", recipient: "b", topic: "hi", payload: [1], timestamp: 1))
    let second = try store.appendMessage(MessageRecord(swarmID: "s1", sender: "b", recipient: nil, topic: "all", timestamp: 2))
    _ = try store.appendMessage(MessageRecord(swarmID: "s2", sender: "x", recipient: "b", topic: "elsewhere"))
    let third = try store.appendMessage(MessageRecord(swarmID: "s1", sender: "b", recipient: "c", topic: "c only"))
    #expect(first < second && second < third)
    #expect(try store.messages(swarmID: "s1", recipient: nil, after: 0).map { $0.id } == [first, second, third])
    #expect(try store.messages(swarmID: "s1", recipient: "b", after: 0).map { $0.topic } == ["hi", "all"])
    #expect(try store.messages(swarmID: "s1", recipient: "c", after: second).map { $0.topic } == ["c only"])
    #expect(try store.messages(swarmID: "s1", recipient: nil, after: 0)[0]
              == MessageRecord(id: first, swarmID: "s1", sender: "a", recipient: "b", topic: "hi", payload: [1], timestamp: 1))
  }

  @Test(arguments: StoreKind.allCases)
  func metricsAreTimeSeries(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.recordMetrics([])
    try store.recordMetrics([
      MetricPoint(series: "loss", timestamp: 3, value: 0.5), MetricPoint(series: "loss", timestamp: 1, value: 0.9),
      MetricPoint(series: "loss", timestamp: 3, value: 0.4), MetricPoint(series: "acc", timestamp: 2, value: .infinity),
    ])
    #expect(try store.metrics(series: "loss", from: 0, through: 10).map { $0.value } == [0.9, 0.5, 0.4])
    #expect(try store.metrics(series: "loss", from: 2, through: 3).count == 2)
    #expect(try store.metrics(series: "acc", from: 0, through: 10) == [MetricPoint(series: "acc", timestamp: 2, value: .infinity)])
    #expect(throws: StoreError.invalidRecord("metric loss at 4 is NaN")) {
      try store.recordMetrics([MetricPoint(series: "loss", timestamp: 5, value: 1), MetricPoint(series: "loss", timestamp: 4, value: .nan)])
    }
    #expect(try store.metrics(series: "loss", from: 0, through: 10).count == 3)
  }

  @Test(arguments: StoreKind.allCases)
  func modelsKeepTheirBytes(kind: StoreKind) throws {
    let store = try kind.make().store
    let net = ModelRecord(name: "xor", format: .fannNet, data: Array("FANN_FLO_2.1\nnum_layers=3\n".utf8), metadata: "{}", createdAt: 1)
    var weights = SplitMix(seed: 1)
    let blob = ModelRecord(name: "mlp", format: .weights, data: weights.bytes(4_096))
    try store.saveModel(net)
    try store.saveModel(blob)
    #expect(try store.model(named: "xor") == net)
    #expect(try store.model(named: "mlp") == blob)
    #expect(try store.model(named: "none") == nil)
    #expect(try store.modelNames() == ["mlp", "xor"])
    try store.saveModel(ModelRecord(name: "xor", format: .weights, data: []))
    #expect(try store.model(named: "xor")?.format == .weights)
  }

  @Test(arguments: StoreKind.allCases)
  func transactionsAreAllOrNothingAndNest(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.saveSwarm(Self.swarm)
    #expect(throws: StoreError.invalidRecord("stop")) {
      try store.transaction { () throws(StoreError) in
        try store.appendEvents([EventRecord(swarmID: "s1", sequence: 1, kind: "a")])
        try store.setMemory([1], forKey: "k", namespace: "n")
        throw .invalidRecord("stop")
      }
    }
    #expect(try store.lastEventSequence(swarmID: "s1") == 0)
    #expect(try store.memory(forKey: "k", namespace: "n") == nil)
    try store.transaction { () throws(StoreError) in
      try store.appendEvents([EventRecord(swarmID: "s1", sequence: 1, kind: "kept")])
      do {
        try store.transaction { () throws(StoreError) in
          try store.appendEvents([EventRecord(swarmID: "s1", sequence: 2, kind: "undone")])
          throw .invalidRecord("inner")
        }
      } catch {}
      try store.appendEvents([EventRecord(swarmID: "s1", sequence: 2, kind: "also kept")])
    }
    #expect(try store.events(swarmID: "s1").map { $0.kind } == ["kept", "also kept"])
  }

  // MARK: Agent memory

  @Test(arguments: StoreKind.allCases)
  func memoryRoundTripsArbitraryBytes(kind: StoreKind) throws {
    let store = try kind.make().store
    var random = SplitMix(seed: 7)
    var written: [([UInt8], [UInt8])] = []
    for length in 0...33 {
      let key = random.bytes(length)
      let value = random.bytes(length * 31)
      try store.setMemory(value, forKey: key, namespace: "agent-1", ttlMilliseconds: nil)
      written.append((key, value))
    }
    for (key, value) in written { #expect(try store.memory(forKey: key, namespace: "agent-1") == value) }
    #expect(try store.memory(forKey: written[3].0, namespace: "agent-2") == nil)
    try store.setMemory([42], forKey: written[3].0, namespace: "agent-1", ttlMilliseconds: nil)
    #expect(try store.memory(forKey: written[3].0, namespace: "agent-1") == [42])
    #expect(try store.removeMemory(forKey: written[3].0, namespace: "agent-1"))
    #expect(try !store.removeMemory(forKey: written[3].0, namespace: "agent-1"))
    #expect(try store.memory(forKey: written[3].0, namespace: "agent-1") == nil)
  }

  @Test(arguments: StoreKind.allCases)
  func ttlExpiresLazilyAndBySweep(kind: StoreKind) throws {
    let fixture = try kind.make()
    let store = fixture.store
    try store.setMemory([1], forKey: "short", namespace: "n", ttlMilliseconds: 100)
    try store.setMemory([2], forKey: "long", namespace: "n", ttlMilliseconds: 10_000)
    try store.setMemory([3], forKey: "forever", namespace: "n", ttlMilliseconds: nil)
    try store.setMemory([4], forKey: "other", namespace: "m", ttlMilliseconds: 50)
    #expect(try store.memory(forKey: "short", namespace: "n") == [1])
    fixture.clock.now += 100
    #expect(try store.memory(forKey: "short", namespace: "n") == nil)          // lazily removed
    #expect(try !store.removeMemory(forKey: "short", namespace: "n"))           // already gone
    #expect(try store.memoryEntries(namespace: "n", prefix: [], limit: nil).map { $0.key } == [Array("forever".utf8), Array("long".utf8)])
    #expect(try store.sweepExpiredMemory() == 1)                                // "other" in m
    try store.setMemory([5], forKey: "soon", namespace: "n", ttlMilliseconds: 1)
    fixture.clock.now += 10_000
    #expect(try !store.removeMemory(forKey: "soon", namespace: "n"))            // expired: not live
    #expect(try store.sweepExpiredMemory() == 1)                                // "long"
    #expect(try store.sweepExpiredMemory() == 0)
    #expect(try store.memory(forKey: "forever", namespace: "n") == [3])
    let expiring = try store.memoryEntries(namespace: "n", prefix: [], limit: nil)
    #expect(expiring == [MemoryEntry(namespace: "n", key: Array("forever".utf8), value: [3], expiresAt: nil)])
    try store.setMemory([6], forKey: "max", namespace: "n", ttlMilliseconds: .max)
    #expect(try store.memoryEntries(namespace: "n", prefix: Array("max".utf8), limit: nil).first?.expiresAt == .max)
    for bad: Int64 in [0, -5] {
      #expect(throws: StoreError.invalidRecord("TTL must be positive, got \(bad)")) {
        try store.setMemory([1], forKey: "k", namespace: "n", ttlMilliseconds: bad)
      }
    }
  }

  @Test(arguments: StoreKind.allCases)
  func prefixListingTreatsWildcardsLiterally(kind: StoreKind) throws {
    let store = try kind.make().store
    let keys = ["a%", "a%b", "ab", "a_c", "abc", "a*", "a*z", "a?", "a[1]", "a\\", "a\\%", "b", "%", "_", "",
                "a%\u{0}x", "é", "e\u{301}"]
    for (index, key) in keys.enumerated() {
      try store.setMemory([UInt8(index)], forKey: key, namespace: "ns", ttlMilliseconds: nil)
    }
    try store.setMemory([0xFF, 0xFF], forKey: [0xFF, 0xFF], namespace: "ns", ttlMilliseconds: nil)
    try store.setMemory([0xFF, 0x00], forKey: [0xFF, 0xFF, 0x00], namespace: "ns", ttlMilliseconds: nil)
    func list(_ prefix: String) throws -> [String] {
      try store.memoryEntries(namespace: "ns", prefix: Array(prefix.utf8), limit: nil).map { String(decoding: $0.key, as: UTF8.self) }
    }
    #expect(try list("a%") == ["a%", "a%\u{0}x", "a%b"])
    #expect(try list("a_") == ["a_c"])
    #expect(try list("a*") == ["a*", "a*z"])
    #expect(try list("a?") == ["a?"])
    #expect(try list("a[") == ["a[1]"])
    #expect(try list("a\\") == ["a\\", "a\\%"])
    #expect(try list("%") == ["%"])
    #expect(try list("e").count == 1)
    #expect(try store.memoryEntries(namespace: "ns", prefix: [0xFF, 0xFF], limit: nil).map { $0.value } == [[0xFF, 0xFF], [0xFF, 0x00]])
    let all = try store.memoryEntries(namespace: "ns", prefix: [], limit: nil)
    #expect(all.count == keys.count + 2)
    #expect(all.map { $0.key } == all.map { $0.key }.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(all.first?.key == [])
    #expect(try store.memoryEntries(namespace: "ns", prefix: Array("a".utf8), limit: 2).map { $0.key } == [Array("a%".utf8), Array("a%\u{0}x".utf8)])
    #expect(try store.memoryEntries(namespace: "other", prefix: [], limit: nil).isEmpty)
    #expect(throws: StoreError.invalidRecord("limit must not be negative, got -1")) {
      _ = try store.memoryEntries(namespace: "ns", prefix: [], limit: -1)
    }
  }

  @Test(arguments: StoreKind.allCases)
  func sizeLimitsAreEnforcedBeforeWriting(kind: StoreKind) throws {
    let store = try kind.make(limits: MemoryLimits(maxKeyBytes: 4, maxValueBytes: 8)).store
    try store.setMemory(Array(repeating: 1, count: 8), forKey: [1, 2, 3, 4], namespace: "n", ttlMilliseconds: nil)
    #expect(throws: StoreError.valueTooLarge(limit: 8, actual: 9)) {
      try store.setMemory(Array(repeating: 1, count: 9), forKey: [1], namespace: "n", ttlMilliseconds: nil)
    }
    #expect(throws: StoreError.keyTooLarge(limit: 4, actual: 5)) {
      try store.setMemory([], forKey: [1, 2, 3, 4, 5], namespace: "n", ttlMilliseconds: nil)
    }
    #expect(throws: StoreError.keyTooLarge(limit: 4, actual: 5)) { _ = try store.memory(forKey: [1, 2, 3, 4, 5], namespace: "n") }
    #expect(throws: StoreError.keyTooLarge(limit: 4, actual: 5)) { _ = try store.removeMemory(forKey: [1, 2, 3, 4, 5], namespace: "n") }
    #expect(try store.memory(forKey: [1], namespace: "n") == nil)
    #expect(try store.memory(forKey: [1, 2, 3, 4], namespace: "n")?.count == 8)
  }

  @Test(arguments: StoreKind.allCases)
  func hostileStringsAndBlobsRoundTripExactly(kind: StoreKind) throws {
    let store = try kind.make().store
    let hostile = ["'; DROP TABLE swarms; --", "\"quoted\" 'single' `back`", "nul\u{0}inside\u{0}", "", "🐝 swarm ✓",
                   "Robert'); DELETE FROM events WHERE ('1'='1", "%_*?[]\\", "e\u{301}", String(repeating: "x", count: 1 << 20)]
    var random = SplitMix(seed: 99)
    let megabyte = random.bytes(1 << 20)
    let invalidUTF8: [UInt8] = [0xC0, 0x80, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0x00, 0x27, 0x3B]
    for (index, text) in hostile.enumerated() {
      let id = "\(text)#\(index)"
      let swarm = SwarmRecord(id: id, name: text, topology: text, config: invalidUTF8, createdAt: Int64(index))
      try store.saveSwarm(swarm)
      #expect(try store.swarm(id: id) == swarm)
      try store.appendEvents([EventRecord(swarmID: id, sequence: 1, kind: text, payload: index == 0 ? megabyte : invalidUTF8)])
      #expect(try store.events(swarmID: id) == [EventRecord(swarmID: id, sequence: 1, kind: text, payload: index == 0 ? megabyte : invalidUTF8)])
      let task = TaskRecord(swarmID: id, id: text, description: text, assignedAgent: text, dependencies: [text + "'"],
                            result: invalidUTF8, error: text)
      try store.saveTask(task)
      #expect(try store.task(swarmID: id, id: text) == task)
      try store.setMemory(megabyte, forKey: Array(text.utf8.prefix(1_000)), namespace: text, ttlMilliseconds: nil)
      #expect(try store.memory(forKey: Array(text.utf8.prefix(1_000)), namespace: text) == megabyte)
    }
    try store.setMemory(invalidUTF8, forKey: invalidUTF8, namespace: "bytes", ttlMilliseconds: nil)
    #expect(try store.memory(forKey: invalidUTF8, namespace: "bytes") == invalidUTF8)
    #expect(try store.memoryEntries(namespace: "bytes", prefix: [0xC0], limit: nil).map { $0.value } == [invalidUTF8])
    #expect(try store.swarms().count == hostile.count)
  }

  @Test(arguments: StoreKind.allCases)
  func conveniences(kind: StoreKind) throws {
    let store = try kind.make().store
    try store.setMemory(Array("blue".utf8), forKey: "colour", namespace: "a1")
    #expect(try store.memory(forKey: "colour", namespace: "a1") == Array("blue".utf8))
    #expect(try store.memory(forKey: Array("colour".utf8), namespace: "a1") == Array("blue".utf8))
  }
}
