// Binding and reading values: exact bytes, empty values, NULLs, ranges.
import Persistence
import Testing

@Suite("Statement: bind, step, columns")
struct StatementTests {
  func table() throws -> Database {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE v(i INTEGER, r REAL, t TEXT, b BLOB, n ANY) STRICT")
    return db
  }

  @Test func everyTypeRoundTrips() throws {
    let db = try table()
    let insert = try db.prepare("INSERT INTO v VALUES (?, ?, ?, ?, ?)")
    #expect(insert.parameterCount == 5)
    #expect(insert.sql == "INSERT INTO v VALUES (?, ?, ?, ?, ?)")
    try insert.bind(Int64.min, at: 1)
    try insert.bind(-0.25, at: 2)
    try insert.bind("a\u{0}b'c", at: 3)
    try insert.bind(bytes: [0, 0xFF, 0x27], at: 4)
    try insert.bindNull(at: 5)
    try insert.run()
    let select = try db.prepare("SELECT i, r, t, b, n FROM v")
    #expect(select.columnCount == 5)
    #expect((0..<5).map { select.columnName(at: $0) } == ["i", "r", "t", "b", "n"])
    #expect(try select.step())
    #expect(select.int64(at: 0) == .min)
    #expect(select.double(at: 1) == -0.25)
    #expect(select.text(at: 2) == "a\u{0}b'c")
    #expect(select.bytes(at: 3) == [0, 0xFF, 0x27])
    #expect(select.isNull(at: 4) && !select.isNull(at: 0))
    #expect((0..<5).map { select.columnType(at: $0) } == [.integer, .real, .text, .blob, .null])
    #expect((0..<5).map { select.value(at: $0) } == [.integer(.min), .real(-0.25), .text("a\u{0}b'c"), .blob([0, 0xFF, 0x27]), .null])
    #expect(select.text(at: 4) == "" && select.bytes(at: 4) == [])
    #expect(select.columnName(at: 99) == "")
    #expect(try !select.step())
  }

  @Test func emptyTextAndBlobAreNotNull() throws {
    let db = try table()
    let insert = try db.cachedStatement("INSERT INTO v(t, b) VALUES (?, ?)")
    try insert.bind("", at: 1)
    try insert.bind(bytes: [], at: 2)
    try insert.run()
    #expect(try db.fetchAll("SELECT t IS NULL, b IS NULL, length(t), length(b), typeof(b) FROM v")
              == [[.integer(0), .integer(0), .integer(0), .integer(0), .text("blob")]])
  }

  @Test func optionalsBindNullOrValue() throws {
    let db = try table()
    let insert = try db.prepare("INSERT INTO v(i, t, b) VALUES (?, ?, ?)")
    try insert.bind(Int64?.none, at: 1)
    try insert.bind(String?.none, at: 2)
    try insert.bind(bytes: [UInt8]?.none, at: 3)
    try insert.run()
    insert.clearBindings()
    try insert.bind(Int64?.some(3), at: 1)
    try insert.bind(String?.some("x"), at: 2)
    try insert.bind(bytes: [UInt8]?.some([1]), at: 3)
    try insert.run()
    #expect(try db.fetchAll("SELECT i, t, b FROM v ORDER BY rowid")
              == [[.null, .null, .null], [.integer(3), .text("x"), .blob([1])]])
  }

  @Test func badIndexIsARangeError() throws {
    let db = try table()
    let insert = try db.prepare("INSERT INTO v(i) VALUES (?)")
    #expect(throws: DatabaseError(extendedResultCode: .range, message: "column index out of range",
                                  sql: "INSERT INTO v(i) VALUES (?)")) {
      try insert.bind(1, at: 2)
    }
    #expect(throws: DatabaseError.self) { try insert.bind(0.5, at: 0) }
    #expect(throws: DatabaseError.self) { try insert.bind("x", at: 9) }
    #expect(throws: DatabaseError.self) { try insert.bind(bytes: [1], at: 9) }
    #expect(throws: DatabaseError.self) { try insert.bind(bytes: [], at: 9) }
    #expect(throws: DatabaseError.self) { try insert.bindNull(at: 9) }
    #expect(throws: DatabaseError.self) { try insert.bind([.integer(1), .integer(2)]) }
  }

  @Test func stepErrorsResetTheStatementForReuse() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE u(x INTEGER PRIMARY KEY)")
    let insert = try db.cachedStatement("INSERT INTO u VALUES (?)")
    try insert.bind(1, at: 1)
    try insert.run()
    #expect {
      try insert.run()
    } throws: { error in
      let error = error as! DatabaseError
      return error.extendedResultCode == .constraintPrimaryKey && error.message == "UNIQUE constraint failed: u.x"
        && error.sql == "INSERT INTO u VALUES (?)"
    }
    try insert.bind(2, at: 1)
    try insert.run()
    #expect(try db.fetchOne("SELECT count(*) FROM u") == .integer(2))
  }

  @Test func allValuesBind() throws {
    let db = try table()
    try db.execute("INSERT INTO v(i, r, t, b, n) VALUES (?, ?, ?, ?, ?)",
                   [.integer(1), .real(2), .text("3"), .blob([4]), .null])
    #expect(try db.fetchAll("SELECT * FROM v") == [[.integer(1), .real(2), .text("3"), .blob([4]), .null]])
  }

  @Test func invalidUTF8TextIsRepairedButBlobsAreExact() throws {
    let db = try table()
    let bytes: [UInt8] = [0x61, 0xFF, 0xC0, 0x80, 0x62]
    try db.execute("INSERT INTO v(b) VALUES (?)", [.blob(bytes)])
    let select = try db.prepare("SELECT b, CAST(b AS TEXT) FROM v")
    #expect(try select.step())
    #expect(select.bytes(at: 0) == bytes)
    #expect(select.bytes(at: 1) == bytes)                   // the raw bytes of the text value
    #expect(select.text(at: 1) == "a\u{FFFD}\u{FFFD}\u{FFFD}b")   // decoding repairs
  }
}
