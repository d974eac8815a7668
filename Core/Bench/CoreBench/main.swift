// core-bench: memory, scheduling throughput and parallel speed-up of the Core engine.
//
//   swift run -c release core-bench            # everything
//   swift run -c release core-bench quick      # smaller sizes (a smoke run)
//
// Every figure is checked before it is printed: the workload's tasks must all have completed, and the
// parallel run's event log must equal the serial run's.
import Core
import CoreParallel
#if canImport(Glibc)
import Glibc
#endif

let quick = CommandLine.arguments.contains("quick")
let sections = Set(CommandLine.arguments.dropFirst().filter { ["memory", "throughput", "parallel"].contains($0) })
func wanted(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

/// Resident set size of the process, from /proc/self/statm (pages × page size).
func rssBytes() -> Int {
  #if canImport(Glibc)
  let fd = open("/proc/self/statm", O_RDONLY)
  guard fd >= 0 else { return 0 }
  defer { close(fd) }
  var buffer = [UInt8](repeating: 0, count: 128)
  let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
  guard n > 0 else { return 0 }
  let fields = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  #else
  return 0
  #endif
}

func mb(_ b: Int) -> String {
  let tenths = (b * 10 + 524_288) / 1_048_576
  return "\(tenths / 10).\(tenths % 10) MB"
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func check(_ ok: Bool, _ what: String) {
  if !ok {
    print("CHECK FAILED: \(what)")
    exit(1)
  }
}

final class Noop: AgentBehavior {
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput { TaskOutput(.null) }
}

// MARK: - Memory

if wanted("memory") {
print("== memory: growth of the resident set (RSS) caused by one swarm; agents each with their own behaviour object")
print("agents | RSS growth after spawn | after running 1 task per agent (log drained) | process RSS")
for n in quick ? [100, 10_000] : [100, 10_000, 100_000] {
  let before = rssBytes()
  let swarm = Swarm(SwarmConfiguration(topology: .mesh))
  for i in 0..<n {
    try! swarm.spawn(
      AgentSpec(type: AgentType.allCases[i % 8], capabilities: CapabilitySet(bits: UInt64(i % 16)),
                pattern: CognitivePattern.allCases[i % 7], behavior: Noop()))
  }
  let spawned = rssBytes() - before
  var g = TaskGraph()
  for _ in 0..<n { g.add(TaskSpec()) }
  try! swarm.submit(g)
  swarm.run()
  check(swarm.metrics.succeeded == n, "all \(n) tasks completed")
  _ = swarm.drainEvents()
  let ran = rssBytes() - before
  print("\(n) | \(mb(spawned)) | \(mb(ran)) | \(mb(rssBytes()))")
  withExtendedLifetime(swarm) {}
}
}

// MARK: - Throughput

func throughput(agents: Int, tasks: Int, chunk: Int, _ strategy: DistributionStrategy) -> (Double, Int) {
  let swarm = Swarm(SwarmConfiguration(seed: 1, distribution: strategy))
  let noop = Noop()
  for i in 0..<agents {
    try! swarm.spawn(AgentSpec(type: .coder, pattern: CognitivePattern.allCases[i % 7], behavior: noop))
  }
  var chunkGraph = TaskGraph()
  for i in 0..<chunk { chunkGraph.add(TaskSpec(duration: 1, group: i % 64)) }
  let clock = ContinuousClock()
  var elapsed = Duration.zero
  var attempts = 0
  var done = 0
  while done < tasks {
    try! swarm.submit(chunkGraph)
    let t0 = clock.now
    attempts += swarm.run().attempts
    elapsed += clock.now - t0
    _ = swarm.drainEvents()
    done += chunk
  }
  check(swarm.metrics.succeeded == done && attempts == done, "\(done) tasks completed once each")
  return (Double(attempts) / seconds(elapsed), Int(swarm.eventCount))
}

let tasks = quick ? 100_000 : 1_000_000
if wanted("throughput") {
print("\n== scheduling throughput, no-op behaviours, \(tasks) tasks submitted in chunks of 100,000")
print("(each assignment = dispatch + assign + start + end + 7 log records; log drained between chunks)")
print("agents | strategy | assignments/s | events")
for agents in [100, 10_000] {
  for (name, s) in [("roundRobin", DistributionStrategy.roundRobin), ("leastLoaded", .leastLoaded),
                    ("random", .random), ("priority", .priority), ("capabilityMatch", .capabilityMatch),
                    ("cognitiveDiversity", .cognitiveDiversity)] {
    let (rate, events) = throughput(agents: agents, tasks: agents >= 10_000 ? tasks / 10 : tasks,
                                    chunk: 100_000, s)
    print("\(agents) | \(name) | \(Int(rate)) | \(events)")
  }
}
}

// MARK: - Parallel speed-up

final class Burn: AgentBehavior {
  let rounds: Int
  init(rounds: Int) { self.rounds = rounds }
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    var x = UInt64(truncatingIfNeeded: input.task.rawValue) | 1
    for _ in 0..<rounds {
      x ^= x << 13
      x ^= x >> 7
      x ^= x << 17
    }
    return TaskOutput(.int(Int64(truncatingIfNeeded: x >> 1)))
  }
}

func cpuSwarm(_ rounds: Int, tasks: Int) -> Swarm {
  let swarm = Swarm(SwarmConfiguration(seed: 3))
  let burn = Burn(rounds: rounds)
  for _ in 0..<16 { try! swarm.spawn(AgentSpec(type: .optimizer, behavior: burn)) }
  var g = TaskGraph()
  var previous: [Int] = []
  for layer in 0..<(tasks / 16) {
    var current: [Int] = []
    for k in 0..<16 { current.append(g.add(TaskSpec(duration: Tick(1 + (k + layer) % 3)), after: layer == 0 ? [] : [previous[k], previous[(k + 1) % 16]])) }
    previous = current
  }
  try! swarm.submit(g)
  return swarm
}

let cores = ProcessInfoCores.count
if wanted("parallel") {
print("\n== parallel speed-up of the native executor, CPU-bound behaviours (xorshift loop), 16 agents, DAG of 16-wide layers, \(cores) cores")
print("rounds/task | tasks | serial s | parallel s (threads: \(cores)) | speed-up")
for (rounds, n) in quick ? [(200_000, 320)] : [(200_000, 1_600), (2_000_000, 320)] {
  let clock = ContinuousClock()
  let a = cpuSwarm(rounds, tasks: n)
  let t0 = clock.now
  a.run()
  let serial = seconds(clock.now - t0)
  let b = cpuSwarm(rounds, tasks: n)
  let t1 = clock.now
  ParallelExecutor(threads: cores).run(b)
  let parallel = seconds(clock.now - t1)
  check(a.events == b.events, "parallel event log equals serial event log")
  check(a.metrics.succeeded == n, "all tasks completed")
  let ratio = Int(serial / parallel * 100)
  print("\(rounds) | \(n) | \(Int(serial * 1000)) ms | \(Int(parallel * 1000)) ms | \(ratio / 100).\(ratio % 100 < 10 ? "0" : "")\(ratio % 100)x")
}

}

enum ProcessInfoCores {
  static var count: Int {
    #if canImport(Glibc)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
    return 1
    #endif
  }
}
