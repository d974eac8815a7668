// The wasm side of core-bench: the same no-op scheduling workload as the native harness, compiled
// with Embedded Swift together with the engine's sources. run.mjs times `core_bench` in Node.

final class Noop: AgentBehavior {
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput { TaskOutput(.null) }
}

/// Runs `tasks` no-op tasks (in chunks of 100,000, draining the log in between) on `agents` agents
/// with distribution strategy number `strategy` (0 roundRobin … 5 cognitiveDiversity); returns the
/// number of attempts, or -1 when a check fails.
@_cdecl("core_bench")
public func coreBench(_ agents: Int32, _ tasks: Int32, _ strategy: Int32) -> Int32 {
  let strategies: [DistributionStrategy] = [.roundRobin, .leastLoaded, .random, .priority, .capabilityMatch,
                                            .cognitiveDiversity]
  guard strategy >= 0 && Int(strategy) < strategies.count else { return -1 }
  let swarm = Swarm(SwarmConfiguration(seed: 1, distribution: strategies[Int(strategy)]))
  let noop = Noop()
  for i in 0..<Int(agents) {
    guard (try? swarm.spawn(AgentSpec(type: .coder, pattern: CognitivePattern.allCases[i % 7], behavior: noop))) != nil
    else { return -1 }
  }
  let chunk = min(Int(tasks), 100_000)
  var graph = TaskGraph()
  for i in 0..<chunk { graph.add(TaskSpec(duration: 1, group: i % 64)) }
  var attempts = 0
  var done = 0
  while done < Int(tasks) {
    guard (try? swarm.submit(graph)) != nil else { return -1 }
    attempts += swarm.run().attempts
    _ = swarm.drainEvents()
    done += chunk
  }
  guard swarm.metrics.succeeded == done && attempts == done else { return -1 }
  return Int32(attempts)
}

/// The event log of a small fixed workload, as (sequence, time, kind, agent, task, peer, value)
/// checksummed, so run.mjs can compare it with the native engine's (determinism across platforms).
@_cdecl("core_log_checksum")
public func coreLogChecksum() -> Int64 {
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
  return checksum(swarm.events)
}

/// FNV-1a over the fields of every event.
public func checksum(_ events: [SwarmEvent]) -> Int64 {
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
