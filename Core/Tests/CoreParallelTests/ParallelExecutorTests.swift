import Core
import CoreParallel
import Synchronization
import Testing

@Suite struct ParallelExecutorTests {
  /// A pure CPU-bound behaviour (safe to call from several threads).
  final class Hash: AgentBehavior {
    func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
      var x = UInt64(truncatingIfNeeded: input.task.rawValue) &+ 0x9E37_79B9
      for _ in 0..<2_000 { x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9 }
      for r in input.prerequisites { x ^= UInt64(truncatingIfNeeded: r.value.intValue ?? 0) }
      if x % 11 == 0 && input.attempt == 1 { throw TaskFailure(code: Int(x % 5)) }
      return TaskOutput(.int(Int64(truncatingIfNeeded: x >> 2)), duration: Tick(x % 4))
    }
  }

  static func workload(_ seed: UInt64, _ strategy: DistributionStrategy) throws -> Swarm {
    let s = Swarm(SwarmConfiguration(seed: seed, distribution: strategy))
    let hash = Hash()
    for i in 0..<8 { try s.spawn(AgentSpec(type: .coder, pattern: CognitivePattern.allCases[i % 7], concurrency: 1 + i % 2, behavior: hash)) }
    var rng = Xoshiro256(seed: seed)
    var g = TaskGraph()
    for i in 0..<200 {
      var pre: [Int] = []
      if i > 8 { for _ in 0..<rng.next(below: 3) { let p = rng.next(below: i); if !pre.contains(p) { pre.append(p) } } }
      g.add(TaskSpec(priority: TaskPriority.allCases[i % 4], timeout: 3, retry: RetryPolicy(maxRetries: 1)), after: pre)
    }
    try s.submit(g)
    try s.schedule(.offline(AgentID(2)), at: 6)
    return s
  }

  @Test(arguments: [DistributionStrategy.roundRobin, .leastLoaded, .random, .cognitiveDiversity])
  func parallelRunReproducesTheSerialEventLog(strategy: DistributionStrategy) throws {
    let serial = try Self.workload(5, strategy)
    let parallel = try Self.workload(5, strategy)
    let a = serial.run()
    let b = ParallelExecutor(threads: 4).run(parallel)
    #expect(a == b)
    #expect(serial.events == parallel.events)
    #expect(serial.metrics == parallel.metrics)
    #expect(serial.metrics.succeeded > 100)
  }

  @Test func behavioursReallyRunConcurrentlyAndOutcomesKeepTheirOrder() throws {
    let executor = ParallelExecutor(threads: 3, minimumParallelBatch: 2)
    #expect(executor.threads == 3)
    let s = Swarm()
    let seen = Mutex<[Int]>([])
    try s.spawn(AgentSpec(type: .coder, concurrency: 64, behavior: ClosureBehavior { input in
      seen.withLock { $0.append(input.task.rawValue) }
      return TaskOutput(.int(Int64(input.task.rawValue * 3)))
    }))
    var g = TaskGraph()
    for _ in 0..<64 { g.add(TaskSpec()) }
    try s.submit(g)
    let batch = s.nextBatch()
    let outcomes = executor.execute(batch)
    #expect(seen.withLock { $0.sorted() } == Array(0..<64))
    for (i, o) in outcomes.enumerated() { #expect(o == .success(TaskOutput(.int(Int64(i * 3))))) }
    try s.complete(batch, with: outcomes)
    _ = executor.run(s, until: 100)
    #expect(s.metrics.succeeded == 64)
  }

  @Test func smallBatchesAndSingleThreadRunInline() throws {
    #expect(ParallelExecutor(threads: 0).threads == 1)
    #expect(ParallelExecutor().threads >= 1)
    #expect(ParallelExecutor(minimumParallelBatch: 0).minimumParallelBatch == 1)
    for executor in [ParallelExecutor(threads: 1), ParallelExecutor(threads: 2, minimumParallelBatch: 100)] {
      let s = try Self.workload(1, .leastLoaded)
      let t = try Self.workload(1, .leastLoaded)
      executor.run(s)
      t.run()
      #expect(s.events == t.events)
    }
  }
}
