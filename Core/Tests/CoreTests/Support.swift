// Shared helpers of the Core tests: behaviours, swarms and random DAGs.
@testable import Core

/// Returns its payload, taking `duration` ticks (or the task's duration).
func echo(_ duration: Tick? = nil) -> ClosureBehavior {
  ClosureBehavior { input in TaskOutput(input.payload, duration: duration) }
}

/// Sums the integer payload and the prerequisites' integer results.
func summer() -> ClosureBehavior {
  ClosureBehavior { input in
    var s = input.payload.intValue ?? 0
    for r in input.prerequisites { s += r.value.intValue ?? 0 }
    return TaskOutput(.int(s))
  }
}

/// Always throws `code`.
func failing(_ code: Int = 1) -> ClosureBehavior {
  ClosureBehavior { _ throws(TaskFailure) in throw TaskFailure(code: code, message: "boom") }
}

/// Records the agents and attempts it ran, in call order.
final class Recorder: AgentBehavior {
  var calls: [(TaskID, AgentID, Int)] = []
  var received: [MessageID] = []
  let duration: Tick?
  init(duration: Tick? = nil) { self.duration = duration }
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    calls.append((input.task, input.agent, input.attempt))
    return TaskOutput(input.payload, duration: duration)
  }
  func receive(_ message: Message) { received.append(message.id) }
}

/// A swarm with `n` agents of the given behaviour.
func makeSwarm(
  _ n: Int, _ config: SwarmConfiguration = SwarmConfiguration(), concurrency: Int = 1,
  capabilities: CapabilitySet = .none, behavior: any AgentBehavior = echo()
) throws -> Swarm {
  let s = Swarm(config)
  for i in 0..<n {
    try s.spawn(
      AgentSpec(
        type: AgentType.allCases[i % 8], capabilities: capabilities,
        pattern: CognitivePattern.allCases[i % 7], concurrency: concurrency, behavior: behavior))
  }
  return s
}

/// `n` independent tasks.
func flat(_ n: Int, _ spec: TaskSpec = TaskSpec()) -> TaskGraph {
  var g = TaskGraph()
  for i in 0..<n {
    var s = spec
    s.payload = .int(Int64(i))
    g.add(s)
  }
  return g
}

/// A random DAG: node i depends on up to `maxFanIn` earlier nodes, drawn from `rng`.
func randomDAG(_ n: Int, maxFanIn: Int, rng: inout Xoshiro256) -> TaskGraph {
  var g = TaskGraph()
  for i in 0..<n {
    var pre: [Int] = []
    if i > 0 {
      let k = rng.next(below: maxFanIn + 1)
      for _ in 0..<k {
        let p = rng.next(below: i)
        if !pre.contains(p) { pre.append(p) }
      }
    }
    g.add(TaskSpec(payload: .int(Int64(i)), priority: TaskPriority.allCases[rng.next(below: 4)],
                   duration: Tick(rng.next(below: 5))), after: pre)
  }
  return g
}

/// The kinds of events, in order.
func kinds(_ s: Swarm) -> [SwarmEvent.Kind] { s.events.map { $0.kind } }
