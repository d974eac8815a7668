// Statement: one prepared SQLite statement, the other half of the C wall (see Database.swift).
//
// Bytes, not strings, are the unit of exactness: text is bound with its explicit UTF-8 length (so
// NUL bytes survive) and blobs with `SQLITE_TRANSIENT` (SQLite copies them before the call
// returns). Zero-length text and blobs are bound as zero-length values, never NULL (SQLite binds
// NULL when given a NULL pointer, the classic pitfall). Columns read back exactly that many bytes.
import CSQLite

/// A compiled SQL statement with `?` parameters (numbered from 1).
///
/// ```swift
/// let select = try db.cachedStatement("SELECT value FROM kv WHERE key = ?")
/// try select.bind("answer", at: 1)
/// if try select.step() { print(select.int64(at: 0)) }
/// ```
public final class Statement {
  @usableFromInline let handle: OpaquePointer
  @usableFromInline let database: OpaquePointer
  /// The SQL this statement was compiled from.
  public let sql: String

  init(handle: OpaquePointer, database: OpaquePointer, sql: String) {
    self.handle = handle
    self.database = database
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  @usableFromInline
  func error(_ rc: Int32) -> DatabaseError {
    // sqlite3_errmsg describes the most recent failure on the connection; for a bind failure
    // (which does not set it) fall back to the text of the code itself.
    let message = sqlite3_extended_errcode(database) == rc
      ? String(cString: sqlite3_errmsg(database)) : String(cString: sqlite3_errstr(rc))
    return DatabaseError(extendedResultCode: ResultCode(rawValue: rc), message: message, sql: sql)
  }

  @inlinable
  func check(_ rc: Int32) throws(DatabaseError) {
    if rc != SQLITE_OK { throw error(rc) }
  }

  /// Number of `?` parameters.
  ///
  /// ```swift
  /// try db.prepare("SELECT ?, ?").parameterCount   // 2
  /// ```
  public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

  /// Binds an integer to parameter `index` (1-based).
  ///
  /// ```swift
  /// try statement.bind(Int64(7), at: 1)
  /// ```
  /// - Throws: ``DatabaseError`` with ``ResultCode/range`` for a bad index.
  @inlinable
  public func bind(_ value: Int64, at index: Int) throws(DatabaseError) {
    try check(sqlite3_bind_int64(handle, Int32(truncatingIfNeeded: index), value))
  }

  /// Binds an `Int`.
  ///
  /// ```swift
  /// try statement.bind(7, at: 1)
  /// ```
  @inlinable
  public func bind(_ value: Int, at index: Int) throws(DatabaseError) {
    try bind(Int64(value), at: index)
  }

  /// Binds a double. NaN is stored as NULL by SQLite.
  ///
  /// ```swift
  /// try statement.bind(0.5, at: 2)
  /// ```
  @inlinable
  public func bind(_ value: Double, at index: Int) throws(DatabaseError) {
    try check(sqlite3_bind_double(handle, Int32(truncatingIfNeeded: index), value))
  }

  /// Binds text: all UTF-8 bytes of `value`, NUL bytes included.
  ///
  /// ```swift
  /// try statement.bind("it's\u{0}fine", at: 1)
  /// ```
  @inlinable
  public func bind(_ value: String, at index: Int) throws(DatabaseError) {
    var copy = value
    let rc = copy.withUTF8 { bytes -> Int32 in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        guard let base = chars.baseAddress, chars.count > 0 else {
          return sqlite3_bind_text(handle, Int32(truncatingIfNeeded: index), "", 0, csqlite_transient())
        }
        return sqlite3_bind_text64(handle, Int32(truncatingIfNeeded: index), base, sqlite3_uint64(chars.count),
                                   csqlite_transient(), UInt8(SQLITE_UTF8))
      }
    }
    try check(rc)
  }

  /// Binds a blob: exactly these bytes (an empty array is a zero-length blob, not NULL).
  ///
  /// ```swift
  /// try statement.bind(bytes: [0, 255, 39], at: 1)
  /// ```
  @inlinable
  public func bind(bytes: [UInt8], at index: Int) throws(DatabaseError) {
    let rc = bytes.withUnsafeBytes { raw -> Int32 in
      if let base = raw.baseAddress, raw.count > 0 {
        return sqlite3_bind_blob64(handle, Int32(truncatingIfNeeded: index), base, sqlite3_uint64(raw.count),
                                   csqlite_transient())
      }
      return sqlite3_bind_zeroblob(handle, Int32(truncatingIfNeeded: index), 0)
    }
    try check(rc)
  }

  /// Binds NULL.
  ///
  /// ```swift
  /// try statement.bindNull(at: 3)
  /// ```
  @inlinable
  public func bindNull(at index: Int) throws(DatabaseError) {
    try check(sqlite3_bind_null(handle, Int32(truncatingIfNeeded: index)))
  }

  /// Advances to the next row: `true` when a row is available, `false` when done.
  ///
  /// On an error the statement is reset (so it can be reused) and the error thrown.
  ///
  /// ```swift
  /// while try select.step() { rows.append(select.int64(at: 0)) }
  /// ```
  /// - Throws: ``DatabaseError`` (`busy`, `constraint`, `full`, `corrupt`, ...).
  @inlinable
  public func step() throws(DatabaseError) -> Bool {
    let rc = sqlite3_step(handle)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    let failure = error(sqlite3_extended_errcode(database))
    sqlite3_reset(handle)
    throw failure
  }

  /// Steps to the end, then resets (keeping bindings): for `INSERT`/`UPDATE`/`DELETE`.
  ///
  /// ```swift
  /// try insert.bind(1, at: 1); try insert.run()
  /// ```
  @inlinable
  public func run() throws(DatabaseError) {
    while try step() {}
    sqlite3_reset(handle)
  }

  /// Rewinds to before the first row, keeping bindings.
  ///
  /// ```swift
  /// select.reset()
  /// ```
  @inlinable
  public func reset() { sqlite3_reset(handle) }

  /// Sets every parameter back to NULL.
  ///
  /// ```swift
  /// statement.clearBindings()
  /// ```
  public func clearBindings() { sqlite3_clear_bindings(handle) }

  /// Number of columns a row has.
  ///
  /// ```swift
  /// try db.prepare("SELECT 1, 2").columnCount   // 2
  /// ```
  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  /// Name of column `index` (0-based).
  ///
  /// ```swift
  /// try db.prepare("SELECT 1 AS one").columnName(at: 0)   // "one"
  /// ```
  public func columnName(at index: Int) -> String {
    guard let name = sqlite3_column_name(handle, Int32(truncatingIfNeeded: index)) else { return "" }
    return String(cString: name)
  }

  /// Whether column `index` of the current row is NULL.
  ///
  /// ```swift
  /// if select.isNull(at: 2) { ... }
  /// ```
  @inlinable
  public func isNull(at index: Int) -> Bool {
    sqlite3_column_type(handle, Int32(truncatingIfNeeded: index)) == SQLITE_NULL
  }

  /// The storage class of column `index` of the current row.
  ///
  /// ```swift
  /// select.columnType(at: 0) == .integer
  /// ```
  public func columnType(at index: Int) -> ColumnType {
    switch sqlite3_column_type(handle, Int32(truncatingIfNeeded: index)) {
    case SQLITE_INTEGER: return .integer
    case SQLITE_FLOAT: return .real
    case SQLITE_TEXT: return .text
    case SQLITE_BLOB: return .blob
    default: return .null
    }
  }

  /// Column `index` as an integer (SQLite's conversions apply; NULL is 0).
  ///
  /// ```swift
  /// let n = select.int64(at: 0)
  /// ```
  @inlinable
  public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(truncatingIfNeeded: index)) }

  /// Column `index` as a double (NULL is 0).
  ///
  /// ```swift
  /// let x = select.double(at: 1)
  /// ```
  @inlinable
  public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(truncatingIfNeeded: index)) }

  /// Column `index` as text: its UTF-8 bytes decoded (invalid sequences are repaired, so store
  /// arbitrary bytes as blobs). NULL is the empty string.
  ///
  /// ```swift
  /// let name = select.text(at: 2)
  /// ```
  @inlinable
  public func text(at index: Int) -> String {
    let column = Int32(truncatingIfNeeded: index)
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// Column `index` as bytes, exactly as stored (text gives its UTF-8 bytes; NULL gives `[]`).
  ///
  /// ```swift
  /// let payload = select.bytes(at: 3)
  /// ```
  @inlinable
  public func bytes(at index: Int) -> [UInt8] {
    let column = Int32(truncatingIfNeeded: index)
    guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
    let count = Int(sqlite3_column_bytes(handle, column))
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}

/// The storage class of a value in a row.
///
/// ```swift
/// if statement.columnType(at: 0) == .blob { ... }
/// ```
public enum ColumnType: Sendable, Equatable {
  case null, integer, real, text, blob
}
