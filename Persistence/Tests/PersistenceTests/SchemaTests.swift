// The RuvSwarm schema: migrations in order, and the invariants SQLite enforces by itself.
import Persistence
import Testing

@Suite("Schema")
struct SchemaTests {
  func database() throws -> Database {
    let db = try Database.inMemory()
    try Schema.migrator.migrate(db, now: 0)
    try db.execute("INSERT INTO swarms(id, name, topology, config, created_at) VALUES ('s', '', '', x'', 0)")
    return db
  }

  @Test func migrationsAreOrderedAndCreateEveryTable() throws {
    #expect(try Migrator(Schema.migrations).latestVersion == Schema.migrator.latestVersion)
    #expect(Schema.migrations.map { $0.version } == [1, 2, 3, 4])
    let db = try database()
    let tables = try db.fetchAll("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    #expect(tables.map { $0[0] } == ["agents", "events", "memory", "messages", "metrics", "models", "schema_migrations",
                                     "snapshots", "swarm_events", "swarms", "task_dependencies", "tasks"].map { DatabaseValue.text($0) })
  }

  @Test func eventsAreAppendOnlyAndContiguousEvenForRawSQL() throws {
    let db = try database()
    try db.execute("INSERT INTO events VALUES ('s', 1, 'a', x'', 0)")
    func failsWithTrigger(_ sql: String, _ message: String) {
      #expect {
        try db.execute(sql)
      } throws: { error in
        let error = error as! DatabaseError
        return error.extendedResultCode == .constraintTrigger && error.message == message
      }
    }
    failsWithTrigger("INSERT INTO events VALUES ('s', 3, 'gap', x'', 0)", "event sequence numbers must be contiguous")
    failsWithTrigger("UPDATE events SET kind = 'rewritten'", "events are append-only")
    failsWithTrigger("DELETE FROM events", "events are append-only")
    try db.execute("INSERT INTO swarm_events VALUES ('s', 0, 0, 1, 0, NULL, NULL, 0)")
    failsWithTrigger("INSERT INTO swarm_events VALUES ('s', 2, 0, 1, 0, NULL, NULL, 0)", "event sequence numbers must be contiguous")
    failsWithTrigger("UPDATE swarm_events SET value = 9", "events are append-only")
    failsWithTrigger("DELETE FROM swarm_events", "events are append-only")
    #expect {
      try db.execute("INSERT INTO events VALUES ('ghost', 1, 'a', x'', 0)")
    } throws: { error in
      (error as! DatabaseError).extendedResultCode == .constraintForeignKey
    }
  }

  @Test func strictTablesAndChecksRejectBadValues() throws {
    let db = try database()
    #expect {
      try db.execute("INSERT INTO tasks VALUES ('s', 't', '', 0, 'sleeping', NULL, NULL, NULL, 0, 0)")
    } throws: { error in (error as! DatabaseError).extendedResultCode == .constraintCheck }
    #expect {
      try db.execute("INSERT INTO models VALUES ('m', 'onnx', x'', '', 0)")
    } throws: { error in (error as! DatabaseError).extendedResultCode == .constraintCheck }
    #expect {
      try db.execute("INSERT INTO metrics VALUES ('m', 'not a time', 1.0)")
    } throws: { error in (error as! DatabaseError).resultCode == .constraint }
  }
}
