// Result codes and errors: primary/extended matching and descriptions.
import Persistence
import Testing

@Suite("DatabaseError and ResultCode")
struct DatabaseErrorTests {
  @Test func primaryPatternsMatchTheirExtendedCodes() {
    #expect(ResultCode.constraintUnique.primary == .constraint)
    #expect(ResultCode.constraint.isPrimary && !ResultCode.constraintUnique.isPrimary)
    #expect(ResultCode.constraint ~= .constraintForeignKey)
    #expect(ResultCode.constraintForeignKey ~= .constraintForeignKey)
    #expect(!(ResultCode.constraintForeignKey ~= .constraintUnique))
    #expect(!(ResultCode.constraintUnique ~= .constraint))
    #expect(!(ResultCode.busy ~= .constraint))
    #expect(ResultCode.readOnlyDatabaseMoved.primary == .readOnly)
    #expect(ResultCode.full.description == "SQLite code 13")
  }

  @Test func theNumbersAreSQLites() {
    let codes: [(ResultCode, Int32)] = [
      (.ok, 0), (.error, 1), (.internal, 2), (.perm, 3), (.abort, 4), (.busy, 5), (.locked, 6), (.noMemory, 7),
      (.readOnly, 8), (.interrupt, 9), (.ioError, 10), (.corrupt, 11), (.full, 13), (.cantOpen, 14), (.schema, 17),
      (.tooBig, 18), (.constraint, 19), (.mismatch, 20), (.misuse, 21), (.range, 25), (.notADatabase, 26),
      (.row, 100), (.done, 101), (.constraintCheck, 275), (.constraintForeignKey, 787), (.constraintNotNull, 1299),
      (.constraintPrimaryKey, 1555), (.constraintTrigger, 1811), (.constraintUnique, 2067), (.readOnlyDatabaseMoved, 1032),
    ]
    for (code, value) in codes { #expect(code.rawValue == value) }
  }

  @Test func errorsMatchAndDescribeThemselves() {
    let error = DatabaseError(extendedResultCode: .constraintUnique, message: "UNIQUE constraint failed: t.x", sql: "INSERT")
    #expect(error.resultCode == .constraint)
    #expect(ResultCode.constraint ~= error)
    #expect(!(ResultCode.busy ~= error))
    #expect(error.description == "SQLite error 19 (extended 2067): UNIQUE constraint failed: t.x - while executing `INSERT`")
    #expect(DatabaseError(extendedResultCode: .full, message: "database or disk is full").description
              == "SQLite error 13 (extended 13): database or disk is full")
    #expect(DatabaseError(databaseError: error) == error)
    switch error {
    case ResultCode.busy: Issue.record("not busy")
    case ResultCode.constraint: break
    default: Issue.record("should match constraint")
    }
  }
}
