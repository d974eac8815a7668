/// A result code of the SQLite C API: a primary code (the low 8 bits) or an extended one.
///
/// Extended codes refine a primary code (`constraintUnique` refines `constraint`). In a pattern,
/// a primary code matches every extended code built on it; an extended code matches only itself.
///
/// ```swift
/// switch error.extendedResultCode {
/// case .constraintUnique: print("duplicate")
/// case .constraint: print("other constraint")   // also matches every constraint refinement
/// default: break
/// }
/// ```
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The number SQLite returns.
  public var rawValue: Int32

  /// Wraps a raw SQLite result code.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The primary code: the low 8 bits.
  ///
  /// ```swift
  /// ResultCode.constraintUnique.primary == .constraint   // true
  /// ```
  public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

  /// Whether this is a primary code (no extended bits).
  public var isPrimary: Bool { rawValue & 0xFF == rawValue }

  /// `"SQLite code 19"` style text; the numbers are SQLite's documented codes.
  public var description: String { "SQLite code \(rawValue)" }

  /// Pattern matching: a primary pattern matches its extended codes, an extended pattern only itself.
  ///
  /// ```swift
  /// ResultCode.constraint ~= ResultCode.constraintUnique   // true
  /// ```
  public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
    pattern.isPrimary ? pattern == code.primary : pattern == code
  }
}

/// An error reported by SQLite: its result codes and message, and the SQL that failed when known.
///
/// Every call into SQLite that can fail throws this, with the code and message SQLite produced
/// (`sqlite3_extended_errcode`, `sqlite3_errmsg`). Match it with result codes:
///
/// ```swift
/// do {
///   try db.execute("INSERT INTO t(id) VALUES (1)")
/// } catch ResultCode.constraint {
///   // any constraint violation
/// } catch {
///   print(error.message)
/// }
/// ```
public struct DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The extended result code (equal to the primary one when SQLite has no refinement).
  public var extendedResultCode: ResultCode
  /// SQLite's English message (`sqlite3_errmsg`).
  public var message: String
  /// The statement that failed, when the error came from one.
  public var sql: String?

  /// Creates an error; `extendedResultCode` may be primary or extended.
  public init(extendedResultCode: ResultCode, message: String, sql: String? = nil) {
    self.extendedResultCode = extendedResultCode
    self.message = message
    self.sql = sql
  }

  /// The primary result code (`SQLITE_FULL`, `SQLITE_CORRUPT`, ...).
  public var resultCode: ResultCode { extendedResultCode.primary }

  /// `"SQLite error 13 (extended 13): database or disk is full - while executing `...`"`.
  public var description: String {
    var text = "SQLite error \(resultCode.rawValue) (extended \(extendedResultCode.rawValue)): \(message)"
    if let sql { text += " - while executing `\(sql)`" }
    return text
  }

  /// Lets `catch ResultCode.busy` match a thrown ``DatabaseError``.
  public static func ~= (pattern: ResultCode, error: DatabaseError) -> Bool {
    pattern ~= error.extendedResultCode
  }
}

/// An error type that can carry a ``DatabaseError``: what transaction helpers rethrow.
///
/// ``DatabaseError`` itself and ``StoreError`` conform, so a transaction body may throw either.
///
/// ```swift
/// try db.transaction { () throws(DatabaseError) in try db.execute("DELETE FROM t") }
/// ```
public protocol DatabaseErrorConvertible: Error {
  /// Wraps a database error.
  init(databaseError: DatabaseError)
}

extension DatabaseError: DatabaseErrorConvertible {
  /// The identity: a database error is already one.
  public init(databaseError: DatabaseError) { self = databaseError }
}
