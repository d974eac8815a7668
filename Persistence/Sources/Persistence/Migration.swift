// Migration: versioned schema changes, each applied once, in its own transaction, and recorded
// with a checksum.
//
// Table `schema_migrations`:
// | column     | type    | meaning                                             |
// |------------|---------|-----------------------------------------------------|
// | version    | INTEGER | primary key, strictly increasing                    |
// | name       | TEXT    | human name                                          |
// | checksum   | TEXT    | FNV-1a 64 of the migration SQL, 16 hex digits       |
// | applied_at | INTEGER | milliseconds since 1970 (the store's clock)          |
//
// Invariants, checked before anything is written: no recorded version is newer than the newest
// migration this build knows (`newerSchema`: the file is refused, not damaged); every recorded
// version exists here (`unknownMigration`) with the same checksum (`migrationChanged`).
// Each pending migration runs under `BEGIN IMMEDIATE`, re-reading the applied set inside the
// transaction, so two processes opening a fresh file at once apply each migration exactly once.

/// One versioned schema change.
///
/// ```swift
/// let m = Migration(version: 1, name: "create notes", sql: "CREATE TABLE notes(body TEXT) STRICT")
/// m.checksum   // 16 hex digits of FNV-1a 64 over the SQL
/// ```
public struct Migration: Sendable, Equatable {
  /// Position in the history: positive and strictly increasing.
  public var version: Int
  /// Human-readable name.
  public var name: String
  /// The statements to run (`;`-separated).
  public var sql: String

  /// Creates a migration.
  public init(version: Int, name: String, sql: String) {
    self.version = version
    self.name = name
    self.sql = sql
  }

  /// FNV-1a 64 of the UTF-8 bytes of ``sql``, as 16 lowercase hex digits.
  ///
  /// - Complexity: O(n) in the length of ``sql``.
  public var checksum: String { Migration.fnv1a64Hex(sql.utf8) }

  static func fnv1a64Hex(_ bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for shift in stride(from: 60, through: 0, by: -4) { text.append(digits[Int((hash >> UInt64(shift)) & 0xF)]) }
    return String(decoding: text, as: UTF8.self)
  }
}

/// A migration as recorded in `schema_migrations`.
///
/// ```swift
/// let applied = try Migrator.applied(in: db)   // [AppliedMigration(version: 1, ...), ...]
/// ```
public struct AppliedMigration: Sendable, Equatable {
  public var version: Int
  public var name: String
  public var checksum: String
  public var appliedAt: Int64

  public init(version: Int, name: String, checksum: String, appliedAt: Int64) {
    self.version = version
    self.name = name
    self.checksum = checksum
    self.appliedAt = appliedAt
  }
}

/// Applies a list of migrations to a database.
///
/// ```swift
/// let migrator = try Migrator([
///   Migration(version: 1, name: "notes", sql: "CREATE TABLE notes(body TEXT) STRICT"),
///   Migration(version: 2, name: "tags", sql: "ALTER TABLE notes ADD COLUMN tag TEXT"),
/// ])
/// let applied = try migrator.migrate(db, now: 0)   // [1, 2]; a second call returns []
/// ```
public struct Migrator: Sendable {
  /// The migrations, in version order.
  public let migrations: [Migration]

  /// Validates that versions are positive and strictly increasing.
  /// - Throws: ``StoreError/invalidMigrations(_:)``.
  public init(_ migrations: [Migration]) throws(StoreError) {
    var previous = 0
    for migration in migrations {
      guard migration.version > previous else {
        throw .invalidMigrations("version \(migration.version) does not follow \(previous)")
      }
      previous = migration.version
    }
    self.migrations = migrations
  }

  /// The newest version this migrator knows (0 when empty).
  public var latestVersion: Int { migrations.last?.version ?? 0 }

  static let createTable = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT
    """

  /// Applies every pending migration, each in its own `BEGIN IMMEDIATE` transaction.
  ///
  /// - Returns: the versions applied by this call.
  /// - Throws: ``StoreError/newerSchema(found:supported:)``, ``StoreError/migrationChanged(version:recorded:expected:)``,
  ///   ``StoreError/unknownMigration(version:)`` before writing anything; ``StoreError/database(_:)``
  ///   when a migration fails (that migration is rolled back; earlier ones stay applied).
  @discardableResult
  public func migrate(_ db: Database, now: Int64) throws(StoreError) -> [Int] {
    try storeCall { () throws(DatabaseError) in try db.transaction { () throws(DatabaseError) in try db.execute(Migrator.createTable) } }
    try verify(Migrator.applied(in: db))
    var appliedNow: [Int] = []
    for migration in migrations {
      let didApply = try db.transaction { () throws(StoreError) -> Bool in
        let applied = try Migrator.applied(in: db)
        try verify(applied)
        if applied.contains(where: { $0.version == migration.version }) { return false }
        try storeCall { () throws(DatabaseError) in
          try db.execute(migration.sql)
          try db.execute(
            "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
            [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum), .integer(now)])
        }
        return true
      }
      if didApply { appliedNow.append(migration.version) }
    }
    return appliedNow
  }

  /// Checks that `db` is at this migrator's latest version without writing (for read-only
  /// connections).
  ///
  /// ```swift
  /// try migrator.validate(readerDatabase)
  /// ```
  /// - Throws: the errors of ``migrate(_:now:)``'s checks, or ``StoreError/outdatedSchema(found:required:)``
  ///   when migrations are still pending.
  public func validate(_ db: Database) throws(StoreError) {
    let applied = try Migrator.applied(in: db)
    try verify(applied)
    let found = applied.last?.version ?? 0
    if found != latestVersion { throw .outdatedSchema(found: found, required: latestVersion) }
  }

  private func verify(_ applied: [AppliedMigration]) throws(StoreError) {
    if let newest = applied.last, newest.version > latestVersion {
      throw .newerSchema(found: newest.version, supported: latestVersion)
    }
    for record in applied {
      guard let known = migrations.first(where: { $0.version == record.version }) else {
        throw .unknownMigration(version: record.version)
      }
      let expected = known.checksum
      if record.checksum != expected {
        throw .migrationChanged(version: record.version, recorded: record.checksum, expected: expected)
      }
    }
  }

  /// The migrations recorded in `db`, by version (empty when the table does not exist).
  ///
  /// ```swift
  /// try Migrator.applied(in: db).map(\.version)   // [1, 2, 3]
  /// ```
  /// - Throws: ``StoreError/database(_:)``.
  public static func applied(in db: Database) throws(StoreError) -> [AppliedMigration] {
    do {
      let exists = try db.fetchOne(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      guard exists == .integer(1) else { return [] }
      let statement = try db.cachedStatement(
        "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
      var result: [AppliedMigration] = []
      while try statement.step() {
        result.append(AppliedMigration(version: Int(truncatingIfNeeded: statement.int64(at: 0)), name: statement.text(at: 1),
                                       checksum: statement.text(at: 2), appliedAt: statement.int64(at: 3)))
      }
      return result
    } catch {
      throw .database(error)
    }
  }
}
