// Database: one SQLite connection, the C wall.
//
// Purpose. A thin, typed wrapper over the SQLite C API that compiles natively and with Embedded
// Swift (wasm32): no Foundation, no existentials, typed throws. Every call into SQLite that can
// fail is checked, and a failure becomes a `DatabaseError` carrying SQLite's own extended result
// code and message. This file and `Statement.swift` are the only ones that talk to `sqlite3_*`.
//
// Invariants.
// - `handle` is a valid `sqlite3*` from `open` until `close()` (or deinit); after `close()` every
//   call throws `SQLITE_MISUSE` instead of touching freed memory.
// - Cached statements are reset and their bindings cleared each time they are handed out.
// - A connection is used by one thread at a time (`SQLITE_OPEN_NOMUTEX`): a `Database` is not
//   `Sendable`. Readers on other threads open their own connection to the same file (WAL mode lets
//   them read while one writer writes).
//
// Goals, in order: never lose a committed write (WAL + `synchronous=FULL` by default, explicit
// transactions, rollback on every error path); never trap on bad input or a bad file; stay within
// a few percent of raw C calls (statement cache, `SQLITE_TRANSIENT` copies only, no allocation per
// bind of integers/doubles).
//
// References: https://sqlite.org/c3ref/intro.html, https://sqlite.org/wal.html,
// https://sqlite.org/rescode.html; groue/GRDB.swift (`Database`, `Statement`, `DatabaseError`).
import CSQLite

/// One connection to an SQLite database: a file, or memory.
///
/// ```swift
/// let db = try Database(path: ":memory:")
/// try db.execute("CREATE TABLE t(x INTEGER)")
/// let insert = try db.cachedStatement("INSERT INTO t(x) VALUES (?)")
/// try insert.bind(42, at: 1)
/// try insert.run()
/// ```
public final class Database {
  /// The `sqlite3*`; `nil` once closed.
  @usableFromInline var handle: OpaquePointer?
  /// The path the connection was opened with.
  public let path: String
  /// The options it was opened with.
  public let options: Options
  /// Prepared statements by SQL text (see ``cachedStatement(_:)``).
  var statementCache: [String: Statement] = [:]
  /// Depth of nested ``transaction(_:_:)`` / ``savepoint(_:)`` calls, for savepoint names.
  var savepointDepth = 0

  /// Opens (and by default creates) a database.
  ///
  /// A new file is created owner-only (0600) where the platform has POSIX files; SQLite gives its
  /// `-wal` and `-shm` companions the same permissions. Then the busy timeout, journal mode,
  /// synchronous level and foreign keys are set, which also reads the file header: a file that is
  /// not a database fails here with ``ResultCode/notADatabase``, not at the first query.
  ///
  /// ```swift
  /// let db = try Database(path: "swarm.sqlite")                    // WAL, synchronous=FULL
  /// let reader = try Database(path: "swarm.sqlite", options: .readOnly)
  /// ```
  /// - Throws: ``DatabaseError`` with SQLite's code (`cantOpen`, `notADatabase`, ...).
  public init(path: String, options: Options = Options()) throws(DatabaseError) {
    self.path = path
    self.options = options
    var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
    if options.readOnly {
      flags |= SQLITE_OPEN_READONLY
    } else {
      flags |= SQLITE_OPEN_READWRITE
      if options.create {
        flags |= SQLITE_OPEN_CREATE
        if Database.isFilePath(path) { Platform.createOwnerOnlyFile(path) }
      }
    }
    var db: OpaquePointer? = nil
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard rc == SQLITE_OK, let db else {
      let error: DatabaseError
      if let db {
        error = DatabaseError(extendedResultCode: ResultCode(rawValue: sqlite3_extended_errcode(db)),
                              message: String(cString: sqlite3_errmsg(db)))
        sqlite3_close_v2(db)
      } else {
        error = DatabaseError(extendedResultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errstr(rc)))
      }
      throw error
    }
    handle = db
    sqlite3_extended_result_codes(db, 1)
    do {
      try configure()
    } catch {
      sqlite3_close_v2(db)
      handle = nil
      throw error
    }
  }

  /// Opens a private in-memory database with ``Options/inMemory``.
  ///
  /// ```swift
  /// let db = try Database.inMemory()
  /// ```
  public static func inMemory() throws(DatabaseError) -> Database {
    try Database(path: ":memory:", options: .inMemory)
  }

  deinit {
    statementCache.removeAll()
    if let handle { sqlite3_close_v2(handle) }
  }

  /// Closes the connection. Cached statements are finalized first; later calls throw `misuse`.
  ///
  /// ```swift
  /// try db.close()
  /// ```
  /// - Throws: ``DatabaseError`` if SQLite reports an error while closing.
  public func close() throws(DatabaseError) {
    guard let db = handle else { return }
    statementCache.removeAll()
    let rc = sqlite3_close_v2(db)
    handle = nil
    if rc != SQLITE_OK {
      throw DatabaseError(extendedResultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errstr(rc)))
    }
  }

  /// Whether ``close()`` has been called.
  public var isClosed: Bool { handle == nil }

  static func isFilePath(_ path: String) -> Bool {
    !(path.isEmpty || path == ":memory:" || path.utf8.starts(with: "file:".utf8))
  }

  private func configure() throws(DatabaseError) {
    let db = try open()
    sqlite3_busy_timeout(db, options.busyTimeoutMilliseconds)
    // Reading a pragma reads the header: a non-database file fails here.
    _ = try scalarText("PRAGMA schema_version")
    if !options.readOnly && options.journalMode != .unchanged {
      try setJournalMode(options.journalMode)
    }
    try execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
    try execute("PRAGMA foreign_keys = \(options.foreignKeys ? "ON" : "OFF")")
  }

  /// Sets the journal mode unless the file already has it (WAL is persistent). Switching needs an
  /// exclusive lock and SQLite does not call the busy handler for it: when another process is
  /// opening the same new file at the same moment, retry until the busy timeout has elapsed.
  private func setJournalMode(_ mode: JournalMode) throws(DatabaseError) {
    var waited: Int32 = 0
    while true {
      do {
        let current = try scalarText("PRAGMA journal_mode") ?? ""
        if current.uppercased() == mode.rawValue { return }
        _ = try scalarText("PRAGMA journal_mode = \(mode.rawValue)")
        return
      } catch let error where error.resultCode == .busy && waited < options.busyTimeoutMilliseconds {
        waited += sqlite3_sleep(2)
      }
    }
  }

  private func scalarText(_ sql: String) throws(DatabaseError) -> String? {
    let statement = try prepare(sql)
    return try statement.step() ? statement.text(at: 0) : nil
  }

  /// The live handle, or `misuse` once closed.
  @inlinable
  func open() throws(DatabaseError) -> OpaquePointer {
    guard let handle else {
      throw DatabaseError(extendedResultCode: .misuse, message: "database connection is closed")
    }
    return handle
  }

  /// The last error SQLite recorded on this connection.
  @usableFromInline
  func lastError(sql: String? = nil) -> DatabaseError {
    guard let handle else {
      return DatabaseError(extendedResultCode: .misuse, message: "database connection is closed", sql: sql)
    }
    return DatabaseError(extendedResultCode: ResultCode(rawValue: sqlite3_extended_errcode(handle)),
                         message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }

  /// Compiles one SQL statement (not cached; see ``cachedStatement(_:)``).
  ///
  /// ```swift
  /// let count = try db.prepare("SELECT count(*) FROM t")
  /// _ = try count.step()
  /// let n = count.int64(at: 0)
  /// ```
  /// - Throws: ``DatabaseError`` for a syntax error, an unknown table, or an empty statement.
  public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
    let db = try open()
    var statement: OpaquePointer? = nil
    var copy = sql
    let rc = copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        sqlite3_prepare_v2(db, chars.baseAddress, Int32(chars.count), &statement, nil)
      }
    }
    guard rc == SQLITE_OK else { throw lastError(sql: sql) }
    guard let statement else {
      throw DatabaseError(extendedResultCode: .misuse, message: "not a statement (empty SQL)", sql: sql)
    }
    return Statement(handle: statement, database: db, sql: sql)
  }

  /// Runs one or more `;`-separated statements without parameters (schema, pragmas).
  ///
  /// Rows a statement returns are stepped over. Never interpolate values into `sql`: bind them
  /// with a ``Statement``.
  ///
  /// ```swift
  /// try db.execute("CREATE TABLE a(x); CREATE TABLE b(y)")
  /// ```
  /// - Throws: ``DatabaseError`` for the first statement that fails.
  public func execute(_ sql: String) throws(DatabaseError) {
    let db = try open()
    var copy = sql
    let failure: DatabaseError? = copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars -> DatabaseError? in
        guard var cursor = chars.baseAddress else { return nil }
        let end = cursor + chars.count
        while cursor < end {
          var statement: OpaquePointer? = nil
          var tail: UnsafePointer<CChar>? = nil
          if sqlite3_prepare_v2(db, cursor, Int32(end - cursor), &statement, &tail) != SQLITE_OK {
            return lastError(sql: sql)
          }
          guard let statement else { break }  // only whitespace or comments remained
          var rc = sqlite3_step(statement)
          while rc == SQLITE_ROW { rc = sqlite3_step(statement) }
          if rc != SQLITE_DONE {
            let error = lastError(sql: sql)
            sqlite3_finalize(statement)
            return error
          }
          sqlite3_finalize(statement)
          guard let tail else { break }
          cursor = tail
        }
        return nil
      }
    }
    if let failure { throw failure }
  }

  /// Number of rows changed by the last `INSERT`, `UPDATE` or `DELETE`.
  ///
  /// ```swift
  /// try db.execute("DELETE FROM t")
  /// let removed = db.changes
  /// ```
  public var changes: Int {
    guard let handle else { return 0 }
    return Int(truncatingIfNeeded: sqlite3_changes64(handle))
  }

  /// The rowid of the last successful `INSERT` on this connection.
  ///
  /// ```swift
  /// let id = db.lastInsertedRowID
  /// ```
  public var lastInsertedRowID: Int64 {
    guard let handle else { return 0 }
    return sqlite3_last_insert_rowid(handle)
  }

  /// Whether a transaction is open (SQLite is not in autocommit mode).
  ///
  /// ```swift
  /// try db.execute("BEGIN"); db.isInTransaction   // true
  /// ```
  public var isInTransaction: Bool {
    guard let handle else { return false }
    return sqlite3_get_autocommit(handle) == 0
  }

  /// Whether the main database was opened read-only (or is otherwise unwritable).
  ///
  /// ```swift
  /// try Database(path: "f.sqlite", options: .readOnly).isReadOnly   // true
  /// ```
  public var isReadOnly: Bool {
    guard let handle else { return true }
    return sqlite3_db_readonly(handle, "main") == 1
  }

  /// Changes how long a statement waits for a lock held by another connection.
  ///
  /// ```swift
  /// db.setBusyTimeout(milliseconds: 10_000)
  /// ```
  public func setBusyTimeout(milliseconds: Int32) {
    guard let handle else { return }
    sqlite3_busy_timeout(handle, milliseconds)
  }

  /// The version of the linked SQLite library, e.g. `3040001` for 3.40.1.
  ///
  /// ```swift
  /// Database.sqliteVersionNumber >= 3_037_000   // STRICT tables
  /// ```
  public static var sqliteVersionNumber: Int { Int(sqlite3_libversion_number()) }
}
