// The connection: open, configure, execute, close, and the errors of each.
import Foundation
import Persistence
import Testing

@Suite("Database: one connection")
struct DatabaseTests {
  @Test func opensInMemoryAndRunsScripts() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE a(x INTEGER) STRICT; CREATE TABLE b(y TEXT) STRICT; -- trailing comment\n  ")
    try db.execute("INSERT INTO a VALUES (1); INSERT INTO a VALUES (2); SELECT * FROM a")
    #expect(db.changes == 1)
    #expect(db.lastInsertedRowID == 2)
    #expect(try db.fetchOne("SELECT sum(x) FROM a") == .integer(3))
    #expect(!db.isInTransaction)
    #expect(!db.isReadOnly)
    #expect(!db.isClosed)
    #expect(db.path == ":memory:")
    #expect(Database.sqliteVersionNumber >= 3_037_000)
    try db.execute("")
  }

  @Test func fileDefaultsAreWALFullSyncAndForeignKeys() throws {
    let directory = TemporaryDirectory()
    let db = try Database(path: directory.path("wal.sqlite"))
    #expect(try db.fetchOne("PRAGMA journal_mode") == .text("wal"))
    #expect(try db.fetchOne("PRAGMA synchronous") == .integer(2))
    #expect(try db.fetchOne("PRAGMA foreign_keys") == .integer(1))
    #expect(db.options == Database.Options())
    var options = Database.Options()
    options.journalMode = .delete
    options.synchronous = .normal
    options.foreignKeys = false
    let other = try Database(path: directory.path("delete.sqlite"), options: options)
    #expect(try other.fetchOne("PRAGMA journal_mode") == .text("delete"))
    #expect(try other.fetchOne("PRAGMA synchronous") == .integer(1))
    #expect(try other.fetchOne("PRAGMA foreign_keys") == .integer(0))
    options.journalMode = .unchanged
    let unchanged = try Database(path: directory.path("delete.sqlite"), options: options)
    #expect(try unchanged.fetchOne("PRAGMA journal_mode") == .text("delete"))
  }

  @Test func newFilesAndTheirWALAreOwnerOnly() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("private.sqlite")
    let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
    try store.setMemory([1, 2, 3], forKey: "k", namespace: "n")
    for file in [path, path + "-wal", path + "-shm"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: file)
      #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
    }
  }

  @Test func aFileThatIsNotADatabaseIsRefusedAtOpen() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("notes.txt")
    try Data(String(repeating: "this is not a database\n", count: 300).utf8).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try Database(path: path)
    } throws: { error in
      let error = error as! DatabaseError
      return error.resultCode == .notADatabase && error.message == "file is not a database"
    }
    #expect {
      _ = try SQLiteStore(path: path, clock: StoreClock { 0 })
    } throws: { error in
      (error as! StoreError) == .database(DatabaseError(extendedResultCode: .notADatabase, message: "file is not a database",
                                                         sql: "PRAGMA schema_version"))
    }
  }

  @Test func aCorruptFileGivesCorruptNotACrash() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("corrupt.sqlite")
    do {
      let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
      try store.transaction { () throws(StoreError) in
        for index in 0..<200 { try store.setMemory(Array(repeating: UInt8(index), count: 300), forKey: "k\(index)", namespace: "n") }
      }
      try store.database.close()
    }
    // Overwrite the schema page (page 1 after the 100-byte header) with garbage.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 100)
    handle.write(Data(repeating: 0xA5, count: 3_000))
    try handle.close()
    #expect {
      let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
      _ = try store.memory(forKey: "k1", namespace: "n")
    } throws: { error in
      guard case .database(let database) = error as? StoreError else { return false }
      return database.resultCode == .corrupt && database.message.contains("malformed")
    }
  }

  @Test func aMissingFileWithoutCreateGivesCantOpen() throws {
    let directory = TemporaryDirectory()
    var options = Database.Options()
    options.create = false
    #expect(throws: DatabaseError(extendedResultCode: .cantOpen, message: "unable to open database file")) {
      _ = try Database(path: directory.path("missing.sqlite"), options: options)
    }
    #expect(throws: DatabaseError(extendedResultCode: .cantOpen, message: "unable to open database file")) {
      _ = try Database(path: directory.path("missing.sqlite"), options: .readOnly)
    }
  }

  @Test func readOnlyConnectionsRefuseWrites() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("ro.sqlite")
    let writer = try Database(path: path)
    try writer.execute("CREATE TABLE t(x INTEGER)")
    let reader = try Database(path: path, options: .readOnly)
    #expect(reader.isReadOnly)
    #expect {
      try reader.execute("INSERT INTO t VALUES (1)")
    } throws: { error in
      let error = error as! DatabaseError
      return error.resultCode == .readOnly && error.message == "attempt to write a readonly database"
    }
  }

  @Test func closedConnectionsThrowMisuse() throws {
    let db = try Database.inMemory()
    _ = try db.cachedStatement("SELECT 1")
    try db.close()
    try db.close()
    #expect(db.isClosed)
    #expect(db.isReadOnly)
    #expect(!db.isInTransaction)
    #expect(db.changes == 0 && db.lastInsertedRowID == 0)
    db.setBusyTimeout(milliseconds: 1)
    let misuse = DatabaseError(extendedResultCode: .misuse, message: "database connection is closed")
    #expect(throws: misuse) { try db.execute("SELECT 1") }
    #expect(throws: misuse) { _ = try db.prepare("SELECT 1") }
    #expect(throws: DatabaseError.self) { _ = try db.cachedStatement("SELECT 2") }
  }

  @Test func syntaxErrorsCarrySQLiteMessageAndSQL() throws {
    let db = try Database.inMemory()
    #expect(throws: DatabaseError(extendedResultCode: .error, message: "near \"SELEC\": syntax error", sql: "SELEC 1")) {
      _ = try db.prepare("SELEC 1")
    }
    #expect(throws: DatabaseError(extendedResultCode: .misuse, message: "not a statement (empty SQL)", sql: " ")) {
      _ = try db.prepare(" ")
    }
    #expect(throws: DatabaseError(extendedResultCode: .error, message: "no such table: nowhere",
                                  sql: "SELECT 1; SELECT * FROM nowhere")) {
      try db.execute("SELECT 1; SELECT * FROM nowhere")
    }
    try db.execute("CREATE TABLE t(x INTEGER NOT NULL)")
    #expect {
      try db.execute("INSERT INTO t VALUES (NULL)")
    } throws: { error in
      (error as! DatabaseError).extendedResultCode == .constraintNotNull
    }
  }

  @Test func aFullDiskIsATypedErrorAndTheStoreStaysUsable() throws {
    let directory = TemporaryDirectory()
    let store = try SQLiteStore(path: directory.path("full.sqlite"), clock: StoreClock { 0 })
    let pages = try store.database.fetchOne("PRAGMA page_count")
    guard case .integer(let count) = pages else { Issue.record("no page count"); return }
    try store.database.execute("PRAGMA max_page_count = \(count + 8)")
    #expect {
      try store.setMemory(Array(repeating: 7, count: 1 << 20), forKey: "big", namespace: "n")
    } throws: { error in
      guard case .database(let database) = error as? StoreError else { return false }
      return database.resultCode == .full && database.message == "database or disk is full"
    }
    var matched = false
    do {
      try store.setMemory(Array(repeating: 7, count: 1 << 20), forKey: "big", namespace: "n")
    } catch ResultCode.full {
      matched = true   // `catch ResultCode.full` matches the wrapped SQLite code
    } catch {
      Issue.record("\(error)")
    }
    #expect(matched)
    try store.setMemory([1], forKey: "small", namespace: "n")
    #expect(try store.memory(forKey: "small", namespace: "n") == [1])
    #expect(try store.memory(forKey: "big", namespace: "n") == nil)
    #expect(try store.database.integrityCheck() == ["ok"])
  }

  @Test func busyTimeoutMakesASecondWriterWaitThenFail() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("busy.sqlite")
    let first = try Database(path: path)
    try first.execute("CREATE TABLE t(x INTEGER)")
    var options = Database.Options()
    options.busyTimeoutMilliseconds = 0
    let second = try Database(path: path, options: options)
    second.setBusyTimeout(milliseconds: 20)
    try first.execute("BEGIN IMMEDIATE")
    #expect {
      try second.transaction { () throws(DatabaseError) in try second.execute("INSERT INTO t VALUES (1)") }
    } throws: { error in
      (error as! DatabaseError).resultCode == .busy
    }
    try first.execute("COMMIT")
    try second.transaction { () throws(DatabaseError) in try second.execute("INSERT INTO t VALUES (1)") }
    #expect(try first.fetchOne("SELECT count(*) FROM t") == .integer(1))
  }
}
