extension Database {
  /// The prepared statement for `sql`, compiled once per connection and reused.
  ///
  /// The statement comes back reset with its bindings cleared. It stays owned by the cache: use it
  /// right away and do not interleave two uses of the same SQL text.
  ///
  /// ```swift
  /// for x in 0..<1_000 {
  ///   let insert = try db.cachedStatement("INSERT INTO t(x) VALUES (?)")
  ///   try insert.bind(x, at: 1)
  ///   try insert.run()
  /// }
  /// ```
  /// - Throws: ``DatabaseError`` when `sql` does not compile.
  public func cachedStatement(_ sql: String) throws(DatabaseError) -> Statement {
    if let statement = statementCache[sql] {
      statement.reset()
      statement.clearBindings()
      return statement
    }
    let statement = try prepare(sql)
    statementCache[sql] = statement
    return statement
  }

  /// Number of statements in the cache.
  ///
  /// ```swift
  /// _ = try db.cachedStatement("SELECT 1"); db.cachedStatementCount   // 1
  /// ```
  public var cachedStatementCount: Int { statementCache.count }

  /// Finalizes every cached statement (they are compiled again on next use).
  ///
  /// ```swift
  /// db.clearStatementCache()
  /// ```
  public func clearStatementCache() { statementCache.removeAll() }

  /// Runs `sql` with `arguments` bound in order, stepping over any rows.
  ///
  /// ```swift
  /// try db.execute("INSERT INTO t(name, data) VALUES (?, ?)", [.text("a"), .blob([1, 2])])
  /// ```
  /// - Throws: ``DatabaseError``.
  public func execute(_ sql: String, _ arguments: [DatabaseValue]) throws(DatabaseError) {
    let statement = try cachedStatement(sql)
    try statement.bind(arguments)
    try statement.run()
  }

  /// All rows of `sql` with `arguments` bound, as values.
  ///
  /// ```swift
  /// let rows = try db.fetchAll("SELECT x FROM t WHERE x > ?", [.integer(1)])
  /// // rows == [[.integer(2)], [.integer(3)]]
  /// ```
  /// - Throws: ``DatabaseError``.
  public func fetchAll(_ sql: String, _ arguments: [DatabaseValue] = []) throws(DatabaseError) -> [[DatabaseValue]] {
    let statement = try cachedStatement(sql)
    try statement.bind(arguments)
    var rows: [[DatabaseValue]] = []
    while try statement.step() {
      var row: [DatabaseValue] = []
      row.reserveCapacity(statement.columnCount)
      for column in 0..<statement.columnCount { row.append(statement.value(at: column)) }
      rows.append(row)
    }
    return rows
  }

  /// The first column of the first row, or `nil` when there is no row.
  ///
  /// ```swift
  /// try db.fetchOne("SELECT count(*) FROM t")   // .integer(3)
  /// ```
  /// - Throws: ``DatabaseError``.
  public func fetchOne(_ sql: String, _ arguments: [DatabaseValue] = []) throws(DatabaseError) -> DatabaseValue? {
    let statement = try cachedStatement(sql)
    try statement.bind(arguments)
    let value = try statement.step() ? statement.value(at: 0) : nil
    statement.reset()
    return value
  }

  /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's list of problems.
  ///
  /// ```swift
  /// try db.integrityCheck() == ["ok"]
  /// ```
  /// - Throws: ``DatabaseError`` (a file too damaged to check throws `corrupt` or `notADatabase`).
  public func integrityCheck() throws(DatabaseError) -> [String] {
    let statement = try prepare("PRAGMA integrity_check")
    var lines: [String] = []
    while try statement.step() { lines.append(statement.text(at: 0)) }
    return lines
  }
}

/// One SQLite value: what a parameter is bound to and a column holds.
///
/// ```swift
/// let values: [DatabaseValue] = [.integer(1), .real(0.5), .text("a"), .blob([0xFF]), .null]
/// ```
public enum DatabaseValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

extension Statement {
  /// Binds `values` to parameters 1, 2, ... in order.
  ///
  /// ```swift
  /// try statement.bind([.integer(1), .text("x")])
  /// ```
  /// - Throws: ``DatabaseError`` (`range` when there are more values than parameters).
  public func bind(_ values: [DatabaseValue]) throws(DatabaseError) {
    for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
  }

  /// Binds one ``DatabaseValue``.
  ///
  /// ```swift
  /// try statement.bind(.blob([1, 2, 3]), at: 1)
  /// ```
  public func bind(_ value: DatabaseValue, at index: Int) throws(DatabaseError) {
    switch value {
    case .null: try bindNull(at: index)
    case .integer(let x): try bind(x, at: index)
    case .real(let x): try bind(x, at: index)
    case .text(let x): try bind(x, at: index)
    case .blob(let x): try bind(bytes: x, at: index)
    }
  }

  /// Binds an optional integer (`nil` is NULL).
  ///
  /// ```swift
  /// try statement.bind(Optional<Int64>.none, at: 4)
  /// ```
  public func bind(_ value: Int64?, at index: Int) throws(DatabaseError) {
    if let value { try bind(value, at: index) } else { try bindNull(at: index) }
  }

  /// Binds optional text (`nil` is NULL).
  ///
  /// ```swift
  /// try statement.bind(Optional<String>.none, at: 2)
  /// ```
  public func bind(_ value: String?, at index: Int) throws(DatabaseError) {
    if let value { try bind(value, at: index) } else { try bindNull(at: index) }
  }

  /// Binds optional bytes (`nil` is NULL).
  ///
  /// ```swift
  /// try statement.bind(bytes: Optional<[UInt8]>.none, at: 2)
  /// ```
  public func bind(bytes value: [UInt8]?, at index: Int) throws(DatabaseError) {
    if let value { try bind(bytes: value, at: index) } else { try bindNull(at: index) }
  }

  /// Column `index` of the current row as a ``DatabaseValue``.
  ///
  /// ```swift
  /// statement.value(at: 0)   // .integer(42)
  /// ```
  public func value(at index: Int) -> DatabaseValue {
    switch columnType(at: index) {
    case .null: return .null
    case .integer: return .integer(int64(at: index))
    case .real: return .real(double(at: index))
    case .text: return .text(text(at: index))
    case .blob: return .blob(bytes(at: index))
    }
  }
}
