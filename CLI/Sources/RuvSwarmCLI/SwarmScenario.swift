// A swarm scenario in a small JSON file, and the engine configuration and behaviour it describes.
//
// ```json
// { "name": "pipeline", "seed": 7, "topology": "mesh", "strategy": "leastLoaded",
//   "orchestration": "parallel",
//   "agents": [ { "type": "coder", "count": 2, "capabilities": [1], "concurrency": 1 } ],
//   "tasks":  [ { "id": "a", "value": 1, "duration": 2, "requires": [1] },
//               { "id": "b", "value": 10, "after": ["a"], "priority": "high" } ] }
// ```
// Every task's result is its `value` plus the sum of its prerequisites' results, after `duration`
// engine ticks; `"fail": true` makes every attempt fail (with `retries` retries). Errors name the
// file and the line: JSON syntax errors with the parser's line, meaning errors with the line of the
// entry (agent or task) they are about.
import Core
import Foundation

struct Scenario: Codable, Equatable {
  struct AgentEntry: Codable, Equatable {
    var type: String
    var count: Int?
    var capabilities: [Int]?
    var concurrency: Int?
    var pattern: String?
  }
  struct TaskEntry: Codable, Equatable {
    var id: String
    var value: Int64?
    var duration: Int64?
    var requires: [Int]?
    var after: [String]?
    var priority: String?
    var fail: Bool?
    var retries: Int?
  }
  var name: String?
  var seed: UInt64?
  var topology: String?
  var strategy: String?
  var orchestration: String?
  var agents: [AgentEntry]
  var tasks: [TaskEntry]
}

/// A decoded, checked scenario: the engine configuration, agents and task graph.
struct ScenarioPlan {
  var scenario: Scenario
  var text: String
  var configuration: SwarmConfiguration
  var agents: [AgentSpec]
  var graph: TaskGraph
  var taskNames: [String]

  /// Decodes and checks `text` read from `file`.
  init(text: String, file: String) throws {
    self.text = text
    do {
      scenario = try JSONDecoder().decode(Scenario.self, from: Data(text.utf8))
    } catch let DecodingError.dataCorrupted(context) {
      throw ScenarioPlan.syntaxError(context, text: text, file: file)
    } catch let DecodingError.keyNotFound(key, context) {
      throw CLIError(.dataError, "missing \"\(key.stringValue)\" at \(ScenarioPlan.path(context.codingPath))",
                     file: file, line: ScenarioPlan.line(of: context.codingPath, in: text))
    } catch let DecodingError.typeMismatch(_, context) {
      throw CLIError(.dataError, "wrong type at \(ScenarioPlan.path(context.codingPath)): \(context.debugDescription)",
                     file: file, line: ScenarioPlan.line(of: context.codingPath, in: text))
    } catch {
      throw CLIError(.dataError, "\(error)", file: file)
    }
    func fail(_ message: String, _ path: [String]) -> CLIError {
      CLIError(.dataError, message, file: file, line: ScenarioPlan.line(ofKeys: path, in: text))
    }
    configuration = SwarmConfiguration(seed: scenario.seed ?? 0)
    if let t = scenario.topology {
      guard let k = ScenarioPlan.topology(t) else {
        throw fail("unknown topology \"\(t)\" (mesh, star, ring, pipeline, hierarchical:N, clustered:N)", ["topology"])
      }
      configuration.topology = k
    }
    if let s = scenario.strategy {
      guard let d = ScenarioPlan.strategies.first(where: { $0.0 == s })?.1 else {
        throw fail("unknown strategy \"\(s)\" (\(ScenarioPlan.strategies.map { $0.0 }.joined(separator: ", ")))",
                   ["strategy"])
      }
      configuration.distribution = d
    }
    if let o = scenario.orchestration {
      guard let k = ScenarioPlan.orchestration(o) else {
        throw fail("unknown orchestration \"\(o)\" (parallel, sequential, adaptive:INITIAL:MAX)", ["orchestration"])
      }
      configuration.orchestration = k
    }
    guard !scenario.agents.isEmpty else { throw fail("a scenario needs at least one agent", ["agents"]) }
    agents = []
    let behavior = ScenarioBehavior()
    for (i, a) in scenario.agents.enumerated() {
      let at = ["agents", "type"]
      guard let type = AgentType.allCases.first(where: { "\($0)" == a.type }) else {
        throw fail("agents[\(i)]: unknown type \"\(a.type)\"", at + [a.type])
      }
      var pattern = CognitivePattern.adaptive
      if let p = a.pattern {
        guard let found = CognitivePattern.allCases.first(where: { "\($0)" == p }) else {
          throw fail("agents[\(i)]: unknown pattern \"\(p)\"", ["pattern", p])
        }
        pattern = found
      }
      let count = a.count ?? 1
      let concurrency = a.concurrency ?? 1
      guard count >= 1, count <= 10_000, concurrency >= 1 else {
        throw fail("agents[\(i)]: count must be 1...10000 and concurrency at least 1", at + [a.type])
      }
      let caps = a.capabilities ?? []
      guard caps.allSatisfy({ $0 >= 0 && $0 < 64 }) else {
        throw fail("agents[\(i)]: capabilities are numbers 0...63", at + [a.type])
      }
      for _ in 0..<count {
        agents.append(AgentSpec(type: type, capabilities: CapabilitySet(caps.map { Capability($0) }), pattern: pattern,
                                concurrency: concurrency, behavior: behavior))
      }
    }
    graph = TaskGraph()
    taskNames = []
    var nodes: [String: Int] = [:]
    for t in scenario.tasks {
      let at = ["\"id\"", t.id]
      guard nodes[t.id] == nil else { throw fail("task \"\(t.id)\" is declared twice", at) }
      var priority = TaskPriority.normal
      if let p = t.priority {
        guard let found = TaskPriority.allCases.first(where: { "\($0)" == p }) else {
          throw fail("task \"\(t.id)\": unknown priority \"\(p)\" (low, normal, high, critical)", at)
        }
        priority = found
      }
      var after: [Int] = []
      for name in t.after ?? [] {
        guard let n = nodes[name] else {
          throw fail("task \"\(t.id)\": unknown prerequisite \"\(name)\" (prerequisites come first)", at)
        }
        after.append(n)
      }
      let caps = t.requires ?? []
      guard caps.allSatisfy({ $0 >= 0 && $0 < 64 }), (t.duration ?? 1) >= 0, (t.retries ?? 0) >= 0 else {
        throw fail("task \"\(t.id)\": requires 0...63, duration and retries at least 0", at)
      }
      var payload: [PayloadField] = [PayloadField("value", .int(t.value ?? 0))]
      if t.fail == true { payload.append(PayloadField("fail", .bool(true))) }
      let spec = TaskSpec(payload: .record(payload), priority: priority,
                          requires: CapabilitySet(caps.map { Capability($0) }), duration: t.duration ?? 1,
                          retry: RetryPolicy(maxRetries: t.retries ?? 0, base: 1))
      nodes[t.id] = graph.add(spec, after: after)
      taskNames.append(t.id)
    }
    guard !scenario.tasks.isEmpty else { throw fail("a scenario needs at least one task", ["tasks"]) }
  }

  static let strategies: [(String, DistributionStrategy)] = [
    ("roundRobin", .roundRobin), ("leastLoaded", .leastLoaded), ("random", .random), ("priority", .priority),
    ("capabilityMatch", .capabilityMatch), ("cognitiveDiversity", .cognitiveDiversity),
  ]

  static func topology(_ s: String) -> TopologyKind? {
    let parts = s.split(separator: ":")
    switch (parts.first.map(String.init) ?? "", parts.count) {
    case ("mesh", 1): return .mesh
    case ("star", 1): return .star
    case ("ring", 1): return .ring
    case ("pipeline", 1): return .pipeline
    case ("hierarchical", 2): return Int(parts[1]).flatMap { $0 >= 1 ? .hierarchical(fanOut: $0) : nil }
    case ("clustered", 2): return Int(parts[1]).flatMap { $0 >= 1 ? .clustered(size: $0) : nil }
    default: return nil
    }
  }

  static func orchestration(_ s: String) -> OrchestrationStrategy? {
    let parts = s.split(separator: ":")
    if s == "parallel" { return .parallel }
    if s == "sequential" { return .sequential }
    if parts.count == 3, parts[0] == "adaptive", let i = Int(parts[1]), let m = Int(parts[2]), i >= 1, m >= i {
      return .adaptive(initial: i, maximum: m)
    }
    return nil
  }

  /// A JSON syntax error, with its line from JSONSerialization's "around character N" when it gives one.
  static func syntaxError(_ context: DecodingError.Context, text: String, file: String) -> CLIError {
    var message = context.debugDescription
    var line: Int?
    do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
      if let r = detail.range(of: "character "), let offset = Int(detail[r.upperBound...].prefix { $0.isNumber }) {
        line = text.utf8.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        message += " " + detail
      }
    }
    return CLIError(.dataError, "not valid JSON: " + message, file: file, line: line)
  }

  static func path(_ keys: [any CodingKey]) -> String {
    keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
  }

  /// The line of the last named key in a decoding path (a good guess at where the problem is).
  static func line(of keys: [any CodingKey], in text: String) -> Int? {
    line(ofKeys: keys.filter { $0.intValue == nil }.map { "\"" + $0.stringValue + "\"" }, in: text)
  }

  /// The 1-based line where the strings of `needles` are found one after the other (nil: not found).
  static func line(ofKeys needles: [String], in text: String) -> Int? {
    var at = text.startIndex
    var found: String.Index?
    for n in needles {
      let needle = n.hasPrefix("\"") ? n : "\"" + n + "\""
      guard let r = text.range(of: needle, range: at..<text.endIndex) else { break }
      found = r.lowerBound
      at = r.upperBound
    }
    guard let found else { return nil }
    return text[..<found].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
  }
}

/// The behaviour of every scenario agent: `value` plus the prerequisites' results; fails on request.
final class ScenarioBehavior: AgentBehavior, @unchecked Sendable {
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput {
    if input.payload["fail"] == .bool(true) { throw TaskFailure(code: 1, message: "the scenario asks this task to fail") }
    var sum = input.payload["value"]?.intValue ?? 0
    for p in input.prerequisites { sum += p.value.intValue ?? 0 }
    return TaskOutput(.int(sum))
  }
}
