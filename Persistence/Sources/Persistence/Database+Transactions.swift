extension Database {
  /// How `BEGIN` takes its locks.
  ///
  /// ```swift
  /// try db.transaction(.deferred) { () throws(DatabaseError) in ... }
  /// ```
  public enum TransactionKind: Sendable {
    /// Locks on first read/write. A deferred transaction that reads then writes can fail with
    /// `SQLITE_BUSY` without waiting when another connection wrote in between.
    case deferred
    /// Takes the write lock at `BEGIN` (waiting up to the busy timeout): the default for writers.
    case immediate
    /// Like ``immediate``; in rollback-journal mode it also keeps readers out.
    case exclusive

    var sql: String {
      switch self {
      case .deferred: return "BEGIN DEFERRED"
      case .immediate: return "BEGIN IMMEDIATE"
      case .exclusive: return "BEGIN EXCLUSIVE"
      }
    }
  }

  /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
  ///
  /// Called inside another transaction it becomes a savepoint (see ``savepoint(_:)``), so helpers
  /// that need atomicity can always ask for a transaction.
  ///
  /// ```swift
  /// try db.transaction { () throws(DatabaseError) in
  ///   try db.execute("INSERT INTO t(x) VALUES (1)")
  ///   try db.execute("INSERT INTO t(x) VALUES (2)")
  /// }   // both rows or neither
  /// ```
  /// - Throws: what `body` throws, or the ``DatabaseError`` of `BEGIN`/`COMMIT` wrapped as `E`.
  public func transaction<Value, E: DatabaseErrorConvertible>(
    _ kind: TransactionKind = .immediate, _ body: () throws(E) -> Value
  ) throws(E) -> Value {
    if isInTransaction || savepointDepth > 0 { return try savepoint(body) }
    do { try cachedStatement(kind.sql).run() } catch { throw E(databaseError: error) }
    let result: Value
    do {
      result = try body()
    } catch {
      rollbackAfterFailure()
      throw error
    }
    do {
      try cachedStatement("COMMIT").run()
    } catch {
      rollbackAfterFailure()
      throw E(databaseError: error)
    }
    return result
  }

  /// Runs `body` inside `SAVEPOINT`: released when it returns, rolled back to when it throws,
  /// leaving the enclosing transaction (if any) open and intact. Savepoints nest.
  ///
  /// ```swift
  /// try db.transaction { () throws(DatabaseError) in
  ///   try db.execute("INSERT INTO t(x) VALUES (1)")
  ///   try? db.savepoint { () throws(DatabaseError) in
  ///     try db.execute("INSERT INTO t(x) VALUES (2)")
  ///     throw DatabaseError(extendedResultCode: .abort, message: "changed my mind")
  ///   }
  /// }   // only x = 1 is committed
  /// ```
  /// - Throws: what `body` throws, or the ``DatabaseError`` of the savepoint statements.
  public func savepoint<Value, E: DatabaseErrorConvertible>(_ body: () throws(E) -> Value) throws(E) -> Value {
    savepointDepth += 1
    defer { savepointDepth -= 1 }
    let name = "ruvswarm_sp\(savepointDepth)"
    do { try execute("SAVEPOINT \(name)") } catch { throw E(databaseError: error) }
    let result: Value
    do {
      result = try body()
    } catch {
      // ROLLBACK TO undoes the work and keeps the savepoint; RELEASE then removes it.
      try? execute("ROLLBACK TO \(name)")
      try? execute("RELEASE \(name)")
      throw error
    }
    do { try execute("RELEASE \(name)") } catch { throw E(databaseError: error) }
    return result
  }

  private func rollbackAfterFailure() {
    // After some errors (SQLITE_FULL, SQLITE_IOERR, ...) SQLite has already rolled back.
    if isInTransaction { try? cachedStatement("ROLLBACK").run() }
  }
}
