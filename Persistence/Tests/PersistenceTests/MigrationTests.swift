// Migrations: versioned, one transaction each, checksummed, newer files refused.
import Persistence
import Testing

@Suite("Migration")
struct MigrationTests {
  static let v1 = Migration(version: 1, name: "notes", sql: "CREATE TABLE notes(body TEXT) STRICT")
  static let v2 = Migration(version: 2, name: "tags", sql: "ALTER TABLE notes ADD COLUMN tag TEXT")

  @Test func checksumIsFNV1a64OfTheSQL() {
    // Published FNV-1a 64 test vectors.
    #expect(Migration(version: 1, name: "", sql: "").checksum == "cbf29ce484222325")
    #expect(Migration(version: 1, name: "", sql: "a").checksum == "af63dc4c8601ec8c")
    #expect(Migration(version: 1, name: "", sql: "foobar").checksum == "85944171f73967e8")
    #expect(Self.v1.checksum.count == 16)
  }

  @Test func versionsMustIncrease() {
    #expect(throws: StoreError.invalidMigrations("version 1 does not follow 2")) {
      _ = try Migrator([Self.v2, Self.v1])
    }
    #expect(throws: StoreError.invalidMigrations("version 0 does not follow 0")) {
      _ = try Migrator([Migration(version: 0, name: "", sql: "")])
    }
    #expect(throws: StoreError.invalidMigrations("version 1 does not follow 1")) {
      _ = try Migrator([Self.v1, Self.v1])
    }
  }

  @Test func appliesPendingMigrationsOnceAndRecordsThem() throws {
    let db = try Database.inMemory()
    #expect(try Migrator.applied(in: db).isEmpty)
    #expect(try Migrator([]).latestVersion == 0)
    #expect(try Migrator([Self.v1]).migrate(db, now: 10) == [1])
    #expect(try Migrator([Self.v1, Self.v2]).migrate(db, now: 20) == [2])
    #expect(try Migrator([Self.v1, Self.v2]).migrate(db, now: 30) == [])
    #expect(try Migrator.applied(in: db) == [
      AppliedMigration(version: 1, name: "notes", checksum: Self.v1.checksum, appliedAt: 10),
      AppliedMigration(version: 2, name: "tags", checksum: Self.v2.checksum, appliedAt: 20),
    ])
    try db.execute("INSERT INTO notes(body, tag) VALUES ('x', 'y')")
    try Migrator([Self.v1, Self.v2]).validate(db)
  }

  @Test func aFailingMigrationIsRolledBackAlone() throws {
    let db = try Database.inMemory()
    let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE half(x); CREATE TABLE nope(")
    #expect {
      try Migrator([Self.v1, broken]).migrate(db, now: 0)
    } throws: { error in
      guard case .database(let database) = error as? StoreError else { return false }
      return database.resultCode == .error && database.message == "incomplete input"
    }
    #expect(try Migrator.applied(in: db).map { $0.version } == [1])
    #expect(try db.fetchOne("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == .integer(0))
  }

  @Test func aNewerDatabaseIsRefusedUntouched() throws {
    let db = try Database.inMemory()
    try Migrator([Self.v1, Self.v2]).migrate(db, now: 0)
    #expect(throws: StoreError.newerSchema(found: 2, supported: 1)) { try Migrator([Self.v1]).migrate(db, now: 0) }
    #expect(throws: StoreError.newerSchema(found: 2, supported: 1)) { try Migrator([Self.v1]).validate(db) }
    #expect(try Migrator.applied(in: db).count == 2)
  }

  @Test func changedOrUnknownMigrationsAreRefused() throws {
    let db = try Database.inMemory()
    try Migrator([Self.v1, Self.v2]).migrate(db, now: 0)
    var edited = Self.v2
    edited.sql += " -- edited"
    #expect(throws: StoreError.migrationChanged(version: 2, recorded: Self.v2.checksum, expected: edited.checksum)) {
      try Migrator([Self.v1, edited]).migrate(db, now: 0)
    }
    let v3 = Migration(version: 3, name: "three", sql: "SELECT 1")
    #expect(throws: StoreError.unknownMigration(version: 2)) { try Migrator([Self.v1, v3]).migrate(db, now: 0) }
  }

  @Test func validateReportsPendingMigrations() throws {
    let db = try Database.inMemory()
    try Migrator([Self.v1]).migrate(db, now: 0)
    #expect(throws: StoreError.outdatedSchema(found: 1, required: 2)) { try Migrator([Self.v1, Self.v2]).validate(db) }
  }

  @Test func closedDatabasesThrow() throws {
    let db = try Database.inMemory()
    try db.close()
    #expect(throws: StoreError.self) { _ = try Migrator.applied(in: db) }
    #expect(throws: StoreError.self) { try Migrator([Self.v1]).migrate(db, now: 0) }
  }
}
