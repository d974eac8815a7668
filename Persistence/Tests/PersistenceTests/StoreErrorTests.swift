// Store errors: matching SQLite codes through the wrapper, descriptions, the clock.
import Persistence
import Testing

@Suite("StoreError")
struct StoreErrorTests {
  @Test func resultCodePatternsSeeThroughTheWrapper() {
    let full = StoreError.database(DatabaseError(extendedResultCode: .full, message: "database or disk is full"))
    #expect(ResultCode.full ~= full)
    #expect(!(ResultCode.busy ~= full))
    #expect(!(ResultCode.full ~= StoreError.unknownSwarm("s")))
    #expect(StoreError(databaseError: DatabaseError(extendedResultCode: .busy, message: "locked")) ==
              .database(DatabaseError(extendedResultCode: .busy, message: "locked")))
  }

  @Test func descriptions() {
    let cases: [(StoreError, String)] = [
      (.database(DatabaseError(extendedResultCode: .busy, message: "database is locked")),
       "SQLite error 5 (extended 5): database is locked"),
      (.newerSchema(found: 9, supported: 3), "database schema version 9 is newer than this build supports (3)"),
      (.outdatedSchema(found: 1, required: 3),
       "database schema version 1 is older than required (3); open it writable to migrate"),
      (.migrationChanged(version: 2, recorded: "a", expected: "b"), "migration 2 changed: recorded checksum a, this build has b"),
      (.unknownMigration(version: 4), "database records unknown migration 4"),
      (.invalidMigrations("x"), "invalid migrations: x"),
      (.keyTooLarge(limit: 1, actual: 2), "memory key of 2 bytes exceeds 1"),
      (.valueTooLarge(limit: 1, actual: 2), "memory value of 2 bytes exceeds 1"),
      (.sequenceGap(swarm: "s", expected: 2, found: 5), "event sequence gap in swarm s: expected 2, got 5"),
      (.unknownSwarm("s"), "unknown swarm s"),
      (.invalidRecord("why"), "invalid record: why"),
    ]
    for (error, text) in cases { #expect(error.description == text) }
  }

  @Test func clocksAreCallable() {
    var t: Int64 = 5
    let clock = StoreClock { t }
    t = 6
    #expect(clock.now() == 6)
    let system = StoreClock.system.now()
    #expect(system > 1_600_000_000_000)   // after 2020: milliseconds, not seconds
  }
}
