// The numeric values of SQLite's result codes, taken from <sqlite3.h> through the C wall.
import CSQLite

extension ResultCode {
  /// `SQLITE_OK`: success.
  public static let ok = ResultCode(rawValue: SQLITE_OK)
  /// `SQLITE_ERROR`: generic error (SQL syntax, missing table, ...).
  public static let error = ResultCode(rawValue: SQLITE_ERROR)
  /// `SQLITE_INTERNAL`.
  public static let `internal` = ResultCode(rawValue: SQLITE_INTERNAL)
  /// `SQLITE_PERM`: access permission denied.
  public static let perm = ResultCode(rawValue: SQLITE_PERM)
  /// `SQLITE_ABORT`: callback or trigger requested an abort.
  public static let abort = ResultCode(rawValue: SQLITE_ABORT)
  /// `SQLITE_BUSY`: the database file is locked by another connection.
  public static let busy = ResultCode(rawValue: SQLITE_BUSY)
  /// `SQLITE_LOCKED`: a table is locked by this connection.
  public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
  /// `SQLITE_NOMEM`.
  public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
  /// `SQLITE_READONLY`: attempt to write a read-only database.
  public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
  /// `SQLITE_INTERRUPT`.
  public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
  /// `SQLITE_IOERR`: disk I/O error.
  public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
  /// `SQLITE_CORRUPT`: the database disk image is malformed.
  public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
  /// `SQLITE_FULL`: the database or disk is full.
  public static let full = ResultCode(rawValue: SQLITE_FULL)
  /// `SQLITE_CANTOPEN`: unable to open the database file.
  public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
  /// `SQLITE_SCHEMA`: the schema changed.
  public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
  /// `SQLITE_TOOBIG`: string or blob too big.
  public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
  /// `SQLITE_CONSTRAINT`: a constraint failed.
  public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
  /// `SQLITE_MISMATCH`: data type mismatch.
  public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
  /// `SQLITE_MISUSE`: the library was used incorrectly.
  public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
  /// `SQLITE_RANGE`: a bind index out of range.
  public static let range = ResultCode(rawValue: SQLITE_RANGE)
  /// `SQLITE_NOTADB`: the file is not a database.
  public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
  /// `SQLITE_ROW`: `sqlite3_step` has a row.
  public static let row = ResultCode(rawValue: SQLITE_ROW)
  /// `SQLITE_DONE`: `sqlite3_step` has finished.
  public static let done = ResultCode(rawValue: SQLITE_DONE)

  /// `SQLITE_CONSTRAINT_UNIQUE`.
  public static let constraintUnique = ResultCode(rawValue: csqlite_constraint_unique)
  /// `SQLITE_CONSTRAINT_PRIMARYKEY`.
  public static let constraintPrimaryKey = ResultCode(rawValue: csqlite_constraint_primarykey)
  /// `SQLITE_CONSTRAINT_FOREIGNKEY`.
  public static let constraintForeignKey = ResultCode(rawValue: csqlite_constraint_foreignkey)
  /// `SQLITE_CONSTRAINT_TRIGGER`: a `RAISE(ABORT, ...)` in a trigger.
  public static let constraintTrigger = ResultCode(rawValue: csqlite_constraint_trigger)
  /// `SQLITE_CONSTRAINT_NOTNULL`.
  public static let constraintNotNull = ResultCode(rawValue: csqlite_constraint_notnull)
  /// `SQLITE_CONSTRAINT_CHECK`.
  public static let constraintCheck = ResultCode(rawValue: csqlite_constraint_check)
  /// `SQLITE_READONLY_DBMOVED` and friends share the primary code ``readOnly``.
  public static let readOnlyDatabaseMoved = ResultCode(rawValue: csqlite_readonly_dbmoved)
}
