import Testing
@testable import RuvSwarmCLI

@Suite struct MemoryCommandTests {
  @Test func putGetListDelete() {
    let db = Paths.temporary() + "/m.db"
    #expect(ruvswarm(["memory", "put", "colour", "blue", "--db", db, "--namespace", "agent-1"]).code == 0)
    #expect(ruvswarm(["memory", "put", "count", "3", "--db", db, "--namespace", "agent-1", "--ttl", "60000"]).code == 0)
    #expect(ruvswarm(["memory", "put", "x", "y", "--db", db]).code == 0)
    #expect(ruvswarm(["memory", "get", "colour", "--db", db, "--namespace", "agent-1"]).output == "blue\n")
    let list = ruvswarm(["memory", "list", "--db", db, "--namespace", "agent-1"])
    #expect(list.output == "colour\tblue\ncount\t3\n2 entries in agent-1\n")
    #expect(ruvswarm(["memory", "list", "--db", db, "--namespace", "agent-1", "--prefix", "co", "--limit", "1"]).output
            == "colour\tblue\n1 entries in agent-1\n")
    #expect(ruvswarm(["memory", "delete", "colour", "--db", db, "--namespace", "agent-1"]).code == 0)
    let gone = ruvswarm(["memory", "get", "colour", "--db", db, "--namespace", "agent-1"])
    #expect(gone.code == 1 && gone.errors.contains("no key \"colour\" in namespace \"agent-1\""))
    #expect(ruvswarm(["memory", "delete", "colour", "--db", db, "--namespace", "agent-1"]).code == 1)
    #expect(ruvswarm(["memory", "get", "x", "--db", db]).output == "y\n")
  }

  @Test func storeErrorsAreDatabaseErrors() {
    let db = Paths.temporary() + "/m.db"
    let r = ruvswarm(["memory", "put", "k", "v", "--db", db, "--ttl", "0"])
    #expect(r.code == 74 && r.errors.contains(db))
    #expect(ruvswarm(["memory", "list", "--db", db, "--limit", "-1"]).code == 64)
  }
}
