// Transactions and nested savepoints.
import Persistence
import Testing

@Suite("Database+Transactions")
struct DatabaseTransactionsTests {
  struct Stop: DatabaseErrorConvertible, Equatable {
    var wrapped: DatabaseError?
    init() { wrapped = nil }
    init(databaseError: DatabaseError) { wrapped = databaseError }
  }

  func database() throws -> Database {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE t(x INTEGER UNIQUE)")
    return db
  }

  func values(_ db: Database) throws -> [DatabaseValue] {
    try db.fetchAll("SELECT x FROM t ORDER BY x").map { $0[0] }
  }

  @Test(arguments: [Database.TransactionKind.deferred, .immediate, .exclusive])
  func commitsOrRollsBack(kind: Database.TransactionKind) throws {
    let db = try database()
    let returned = try db.transaction(kind) { () throws(DatabaseError) -> Int in
      #expect(db.isInTransaction)
      try db.execute("INSERT INTO t VALUES (1)")
      return 7
    }
    #expect(returned == 7 && !db.isInTransaction)
    #expect(throws: Stop()) {
      try db.transaction(kind) { () throws(Stop) in
        try? db.execute("INSERT INTO t VALUES (2)")
        throw Stop()
      }
    }
    #expect(try values(db) == [.integer(1)])
  }

  @Test func savepointsNestAndRollBackAlone() throws {
    let db = try database()
    try db.transaction { () throws(DatabaseError) in
      try db.execute("INSERT INTO t VALUES (1)")
      try? db.savepoint { () throws(DatabaseError) in
        try db.execute("INSERT INTO t VALUES (2)")
        try db.transaction { () throws(DatabaseError) in try db.execute("INSERT INTO t VALUES (3)") }   // nested: a savepoint
        try db.execute("INSERT INTO t VALUES (1)")    // UNIQUE fails: rolls back 2 and 3
      }
      try db.savepoint { () throws(DatabaseError) in try db.execute("INSERT INTO t VALUES (4)") }
    }
    #expect(try values(db) == [.integer(1), .integer(4)])
    // A savepoint outside a transaction behaves like one.
    #expect(throws: DatabaseError.self) {
      try db.savepoint { () throws(DatabaseError) in
        try db.execute("INSERT INTO t VALUES (5)")
        try db.execute("INSERT INTO t VALUES (5)")
      }
    }
    #expect(try values(db) == [.integer(1), .integer(4)])
  }

  @Test func beginAndCommitFailuresAreWrapped() throws {
    let db = try database()
    try db.execute("BEGIN")
    try db.execute("INSERT INTO t VALUES (9)")
    // Already in a transaction opened by hand: transaction() becomes a savepoint.
    try db.transaction { () throws(DatabaseError) in try db.execute("INSERT INTO t VALUES (10)") }
    try db.execute("COMMIT")
    #expect(try values(db) == [.integer(9), .integer(10)])
    // COMMIT fails when a deferred foreign key is violated; the transaction is rolled back.
    try db.execute("PRAGMA foreign_keys = ON")
    try db.execute("CREATE TABLE parent(id INTEGER PRIMARY KEY); CREATE TABLE child(p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    #expect {
      try db.transaction { () throws(Stop) in
        do throws(DatabaseError) { try db.execute("INSERT INTO child VALUES (42)") } catch { throw Stop(databaseError: error) }
      }
    } throws: { error in
      (error as! Stop).wrapped?.extendedResultCode == .constraintForeignKey
    }
    #expect(!db.isInTransaction)
    #expect(try db.fetchOne("SELECT count(*) FROM child") == .integer(0))
    try db.close()
    #expect(throws: Stop(databaseError: DatabaseError(extendedResultCode: .misuse, message: "database connection is closed"))) {
      try db.transaction { () throws(Stop) in }
    }
    #expect(throws: Stop(databaseError: DatabaseError(extendedResultCode: .misuse, message: "database connection is closed"))) {
      try db.savepoint { () throws(Stop) in }
    }
  }

  @Test func releaseFailureIsReported() throws {
    let db = try database()
    #expect(throws: DatabaseError.self) {
      try db.savepoint { () throws(DatabaseError) in
        // Ending the transaction underneath the savepoint makes RELEASE fail.
        try db.execute("COMMIT")
      }
    }
  }
}
