import Foundation
import Testing
@testable import RuvSwarmCLI

@Suite struct SwarmCommandTests {
  @Test func runInterruptResumeInspect() throws {
    let db = Paths.temporary() + "/state.db"
    let first = ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--db", db, "--max-ticks", "3"])
    #expect(first.code == 0, "\(first.errors)")
    #expect(first.output.contains("swarm \"chain\": 3 agents, 4 tasks"))
    #expect(first.output.contains("paused after 3 ticks: 3/4 tasks final"))

    let again = ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--db", db])
    #expect(again.code == 64 && again.errors.contains("already exists"))

    let resumed = ruvswarm(["swarm", "resume", "chain", "--db", db, "--step", "1000000"])
    #expect(resumed.code == 0, "\(resumed.errors)")
    #expect(resumed.output.contains("finished: 4 succeeded, 0 failed"))
    #expect(resumed.output.contains("d            completed = 1111"))

    let inspect = ruvswarm(["swarm", "inspect", "chain", "--db", db, "--events", "3"])
    #expect(inspect.code == 0, "\(inspect.errors)")
    #expect(inspect.output.contains("swarm chain (chain), topology ring"))
    #expect(inspect.output.contains("tasks: 4 (completed 4)"))
    #expect(inspect.output.contains("taskCompleted agent"))
    #expect(inspect.output.split(separator: "\n").filter { $0.hasPrefix("  #") }.count == 3)

    let list = ruvswarm(["swarm", "inspect", "--db", db])
    #expect(list.output.contains("  chain  topology ring"))
    // The scenario is kept in the database for resume.
    #expect(ruvswarm(["memory", "list", "--db", db, "--namespace", "ruvswarm/scenarios"]).output.contains("chain\t{"))
  }

  @Test func aFailingTaskExitsWithOne() {
    let s = writeTemporary("fail.json", """
      {"agents": [{"type": "tester"}], "tasks": [{"id": "x", "fail": true, "retries": 1}, {"id": "y", "after": ["x"]}]}
      """)
    let db = Paths.temporary() + "/f.db"
    let r = ruvswarm(["swarm", "run", s, "--db", db, "--id", "f"])
    #expect(r.code == 1)
    #expect(r.output.contains("1 retried"))
    #expect(r.errors.contains("swarm \"f\" did not succeed"))
    #expect(ruvswarm(["swarm", "inspect", "f", "--db", db]).output.contains("failed"))
  }

  @Test func tasksNoAgentCanRunStopTheRun() {
    let s = writeTemporary("stuck.json", """
      {"agents": [{"type": "coder", "capabilities": [0]}], "tasks": [{"id": "x", "requires": [5]}]}
      """)
    let r = ruvswarm(["swarm", "run", s, "--db", Paths.temporary() + "/s.db"])
    #expect(r.code == 1)
    #expect(r.output.contains("stopped: 1 tasks cannot run"))
  }

  @Test func errors() {
    let dir = Paths.temporary()
    #expect(ruvswarm(["swarm", "run", dir + "/none.json", "--db", dir + "/a.db"]).code == 66)
    #expect(ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--step", "0"]).code == 64)
    #expect(ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--max-ticks", "-1"]).code == 64)
    #expect(ruvswarm(["swarm", "resume", "x", "--step", "0"]).code == 64)
    #expect(ruvswarm(["swarm", "resume", "x", "--step", "9223372036854775807"]).code == 64)
    #expect(ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--max-ticks", "9223372036854775807"]).code == 64)
    let notJSON = writeTemporary("s.json", "{\n  \"agents\": [ { \"type\": \"wizard\" } ],\n  \"tasks\": []\n}\n")
    let r = ruvswarm(["swarm", "run", notJSON, "--db", dir + "/a.db"])
    #expect(r.code == 65 && r.errors.contains(notJSON + ":2: agents[0]: unknown type \"wizard\""))
    #expect(ruvswarm(["swarm", "resume", "ghost", "--db", dir + "/a.db"]).code == 1)
    #expect(ruvswarm(["swarm", "inspect", "ghost", "--db", dir + "/a.db"]).code == 1)
    #expect(ruvswarm(["swarm", "inspect", "--db", dir + "/a.db"]).output.contains("no swarms"))
    // A database that is not SQLite.
    let junk = writeTemporary("junk.db", String(repeating: "not a database ", count: 100))
    #expect(ruvswarm(["swarm", "inspect", "--db", junk]).code == 74)
    #expect(ruvswarm(["swarm", "run", Paths.fixture("chain.json"), "--db", "/nonexistent/dir/x.db"]).code == 74)
  }

  @Test func aResumeWithoutCheckpointIsReported() throws {
    let dir = Paths.temporary()
    let db = dir + "/m.db"
    #expect(ruvswarm(["memory", "put", "lonely", "{\"agents\": [{\"type\": \"coder\"}], \"tasks\": [{\"id\": \"a\"}]}",
                      "--db", db, "--namespace", "ruvswarm/scenarios"]).code == 0)
    let r = ruvswarm(["swarm", "resume", "lonely", "--db", db])
    #expect(r.code == 1 && r.errors.contains("no swarm \"lonely\" has been checkpointed"))
  }
}
