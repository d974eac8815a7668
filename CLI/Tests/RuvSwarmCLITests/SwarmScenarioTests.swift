import Core
import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct SwarmScenarioTests {
  @Test func theFixtureDecodes() throws {
    let text = try String(contentsOfFile: Paths.fixture("chain.json"), encoding: .utf8)
    let plan = try ScenarioPlan(text: text, file: "chain.json")
    #expect(plan.agents.count == 3)
    #expect(plan.taskNames == ["a", "b", "c", "d"])
    #expect(plan.configuration.topology == .ring)
    #expect(plan.configuration.distribution == .leastLoaded)
    #expect(plan.configuration.seed == 7)
  }

  @Test func namesOfTopologiesAndOrchestration() {
    #expect(ScenarioPlan.topology("hierarchical:3") == .hierarchical(fanOut: 3))
    #expect(ScenarioPlan.topology("clustered:2") == .clustered(size: 2))
    #expect(ScenarioPlan.topology("star") == .star)
    #expect(ScenarioPlan.topology("pipeline") == .pipeline)
    #expect(ScenarioPlan.topology("mesh") == .mesh)
    #expect(ScenarioPlan.topology("clustered:0") == nil)
    #expect(ScenarioPlan.topology("torus") == nil)
    #expect(ScenarioPlan.orchestration("sequential") == .sequential)
    #expect(ScenarioPlan.orchestration("parallel") == .parallel)
    #expect(ScenarioPlan.orchestration("adaptive:2:8") == .adaptive(initial: 2, maximum: 8))
    #expect(ScenarioPlan.orchestration("adaptive:8:2") == nil)
  }

  static let bad: [(String, String)] = [
    ("{\n  \"agents\": [,]\n}", "not valid JSON"),
    ("{\n  \"agents\": []\n}", "missing \"tasks\""),
    ("{\n  \"agents\": 3,\n  \"tasks\": []\n}", "wrong type at .agents"),
    ("{\"topology\": \"torus\", \"agents\": [], \"tasks\": []}", "unknown topology"),
    ("{\"strategy\": \"luck\", \"agents\": [], \"tasks\": []}", "unknown strategy"),
    ("{\"orchestration\": \"chaos\", \"agents\": [], \"tasks\": []}", "unknown orchestration"),
    ("{\"agents\": [], \"tasks\": []}", "at least one agent"),
    ("{\"agents\": [{\"type\": \"wizard\"}], \"tasks\": []}", "unknown type \"wizard\""),
    ("{\"agents\": [{\"type\": \"coder\", \"pattern\": \"lazy\"}], \"tasks\": []}", "unknown pattern"),
    ("{\"agents\": [{\"type\": \"coder\", \"count\": 0}], \"tasks\": []}", "count must be"),
    ("{\"agents\": [{\"type\": \"coder\", \"capabilities\": [64]}], \"tasks\": []}", "capabilities are numbers"),
    ("{\"agents\": [{\"type\": \"coder\"}], \"tasks\": []}", "at least one task"),
    ("{\"agents\": [{\"type\": \"coder\"}], \"tasks\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", "declared twice"),
    ("{\"agents\": [{\"type\": \"coder\"}], \"tasks\": [{\"id\": \"a\", \"priority\": \"urgent\"}]}", "unknown priority"),
    ("{\"agents\": [{\"type\": \"coder\"}], \"tasks\": [{\"id\": \"a\", \"after\": [\"z\"]}]}", "unknown prerequisite"),
    ("{\"agents\": [{\"type\": \"coder\"}], \"tasks\": [{\"id\": \"a\", \"duration\": -1}]}", "duration and retries"),
    ("[1]", "wrong type at the top level"),
  ]

  @Test(arguments: bad)
  func badScenariosAreDataErrors(text: String, message: String) {
    do {
      _ = try ScenarioPlan(text: text, file: "s.json")
      Issue.record("accepted \(text)")
    } catch let e as CLIError {
      #expect(e.code == .dataError)
      #expect(e.file == "s.json")
      #expect(e.message.contains(message), "\(e.message)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func errorsPointAtTheLine() throws {
    let text = "{\n  \"agents\": [ { \"type\": \"coder\" } ],\n  \"tasks\": [\n    { \"id\": \"a\" },\n    { \"id\": \"b\", \"after\": [\"q\"] }\n  ]\n}"
    #expect(throws: CLIError.self) { try ScenarioPlan(text: text, file: "s.json") }
    do { _ = try ScenarioPlan(text: text, file: "s.json") } catch let e as CLIError { #expect(e.line == 5) }
    do { _ = try ScenarioPlan(text: "{\n\n  \"agents\": [,]\n}", file: "s.json") } catch let e as CLIError {
      #expect(e.line != nil)
    }
    #expect(ScenarioPlan.line(ofKeys: ["nothing"], in: text) == nil)
    #expect(ScenarioPlan.line(ofKeys: ["tasks", "\"b\""], in: text) == 5)
  }
}
