// The statement cache and the fetch helpers.
import Persistence
import Testing

@Suite("Database+Statements: cache and helpers")
struct DatabaseStatementsTests {
  @Test func cachedStatementsAreReusedAndReset() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE t(x INTEGER)")
    let first = try db.cachedStatement("INSERT INTO t VALUES (?)")
    try first.bind(1, at: 1)
    let again = try db.cachedStatement("INSERT INTO t VALUES (?)")
    #expect(first === again)
    try again.run()     // bindings were cleared: inserts NULL
    #expect(try db.fetchOne("SELECT x FROM t") == .null)
    #expect(db.cachedStatementCount == 2)   // the INSERT and the SELECT of fetchOne
    _ = try db.cachedStatement("SELECT 1")
    #expect(db.cachedStatementCount == 3)
    db.clearStatementCache()
    #expect(db.cachedStatementCount == 0)
    #expect(try db.cachedStatement("INSERT INTO t VALUES (?)") !== first)
  }

  @Test func fetchHelpers() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE t(x INTEGER, y TEXT)")
    for x in 1...3 { try db.execute("INSERT INTO t VALUES (?, ?)", [.integer(Int64(x)), .text("#\(x)")]) }
    #expect(try db.fetchAll("SELECT x, y FROM t WHERE x > ? ORDER BY x", [.integer(1)])
              == [[.integer(2), .text("#2")], [.integer(3), .text("#3")]])
    #expect(try db.fetchOne("SELECT y FROM t WHERE x = ?", [.integer(3)]) == .text("#3"))
    #expect(try db.fetchOne("SELECT y FROM t WHERE x = ?", [.integer(9)]) == nil)
    #expect(try db.integrityCheck() == ["ok"])
    #expect(throws: DatabaseError.self) { _ = try db.fetchAll("SELECT nope FROM t") }
  }
}
