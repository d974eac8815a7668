// PersistenceJS (Sources/Persistence/PersistenceJS.swift): databases behind handles, images in and
// out, and the errors JS sees. Every facade suite, PersistenceCore's JournalJS included, nests in this
// serialized one, in this target (which sees both modules): the handle registries are process-wide,
// and suites of two test targets would otherwise run in parallel on them.
@testable import Persistence
@testable import PersistenceCore
import Testing

/// Calls `body` with `bytes` as the buffer the chunk's glue would pass.
func withBytes<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
  try bytes.withUnsafeBufferPointer(body)
}

/// The text of ``PersistenceJS/lastError()``.
func lastErrorText() -> String { String(decoding: PersistenceJS.lastError(), as: UTF8.self) }

@Suite("PersistenceJS", .serialized)
struct PersistenceJSTests {
  @Test func openCloseAndHandles() throws {
    let a = try PersistenceJS.open(), b = try PersistenceJS.open()
    #expect(a != b)
    #expect(try PersistenceJS.schemaVersion(a) == Schema.migrator.latestVersion)
    try PersistenceJS.close(a)
    #expect(throws: PersistenceJSError.unknownDatabase(handle: a)) { try PersistenceJS.close(a) }
    #expect(lastErrorText() == "no database with handle \(a)")
    #expect(throws: PersistenceJSError.unknownDatabase(handle: -1)) { _ = try PersistenceJS.exportImage(-1) }
    #expect(throws: PersistenceJSError.unknownDatabase(handle: 1 << 40)) { _ = try PersistenceJS.schemaVersion(1 << 40) }
    let c = try PersistenceJS.open()
    #expect(c == a)  // the lowest free handle is reused
    try PersistenceJS.close(b)
    try PersistenceJS.close(c)
  }

  @Test func imagesRoundTripAndBadImagesLeaveTheDatabaseAlone() throws {
    let db = try PersistenceJS.open()
    defer { try? PersistenceJS.close(db) }
    try withBytes(Array("agent-1".utf8)) { ns in
      try withBytes([0, 1, 2]) { key in
        try withBytes(Array("value".utf8)) { value in
          try PersistenceJS.memoryPut(db, namespace: ns, key: key, value: value, ttl: 0, now: 5)
        }
      }
    }
    let image = try PersistenceJS.exportImage(db)
    let copy = try withBytes(image) { bytes in try PersistenceJS.load(bytes) }
    defer { try? PersistenceJS.close(copy) }
    let value = try withBytes(Array("agent-1".utf8)) { ns in
      try withBytes([0, 1, 2]) { key in try PersistenceJS.memoryGet(copy, namespace: ns, key: key, now: 6) }
    }
    #expect(value == Array("value".utf8))

    // Corrupt, truncated and foreign bytes: a typed error, a message, and the database unchanged.
    var damaged = image
    for index in 100..<700 { damaged[index] ^= 0x5A }
    for bad in [damaged, Array(image.prefix(image.count - 100)), Array("not a database".utf8), []] {
      #expect(throws: PersistenceJSError.corruptImage) { try withBytes(bad) { bytes in try PersistenceJS.importImage(db, bytes) } }
      #expect(!lastErrorText().isEmpty)
      #expect(throws: PersistenceJSError.corruptImage) { _ = try withBytes(bad) { bytes in try PersistenceJS.load(bytes) } }
    }
    #expect(try PersistenceJS.exportImage(db) == image)

    // A good image replaces the content.
    let empty = try PersistenceJS.open()
    let emptyImage = try PersistenceJS.exportImage(empty)
    try PersistenceJS.close(empty)
    try withBytes(emptyImage) { bytes in try PersistenceJS.importImage(db, bytes) }
    let has = try withBytes(Array("agent-1".utf8)) { ns in
      try withBytes([0, 1, 2]) { key in try PersistenceJS.memoryHas(db, namespace: ns, key: key, now: 6) }
    }
    #expect(has == 0)
  }

  @Test func aDatabaseFromANewerBuildIsRefused() throws {
    let db = try Database.inMemory()
    let store = try SQLiteStore(database: db, clock: StoreClock { 0 })
    try store.database.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x', 0)")
    let image = try store.database.exportImage()
    let latest = Schema.migrator.latestVersion
    #expect(throws: PersistenceJSError.newerSchema(found: 999, supported: latest)) {
      _ = try withBytes(image) { bytes in try PersistenceJS.load(bytes) }
    }
    #expect(lastErrorText().contains("newer"))
  }

  @Test func storeErrorsMapToJSErrors() {
    let cases: [(StoreError, PersistenceJSError)] = [
      (.database(DatabaseError(extendedResultCode: .full, message: "full")), .sqlite(code: 13)),
      (.database(DatabaseError(extendedResultCode: .corrupt, message: "bad")), .corruptImage),
      (.newerSchema(found: 9, supported: 3), .newerSchema(found: 9, supported: 3)),
      (.migrationChanged(version: 1, recorded: "a", expected: "b"), .schemaMismatch),
      (.outdatedSchema(found: 1, required: 2), .schemaMismatch),
      (.unknownMigration(version: 4), .schemaMismatch),
      (.invalidMigrations("x"), .schemaMismatch),
      (.keyTooLarge(limit: 1, actual: 2), .keyTooLarge(limit: 1, actual: 2)),
      (.valueTooLarge(limit: 1, actual: 2), .valueTooLarge(limit: 1, actual: 2)),
      (.sequenceGap(swarm: "s", expected: 1, found: 3), .invalidRecord),
      (.invalidRecord("why"), .invalidRecord),
      (.unknownSwarm("s"), .unknownSwarmID),
    ]
    for (store, js) in cases {
      #expect(PersistenceJS.fail(store) == js)
      #expect(lastErrorText() == store.description)
    }
    let journal: [(JournalError, PersistenceJSError)] = [
      (.store(.unknownSwarm("q")), .unknownSwarmID), (.swarm(.invalidTopology), .swarmRefused),
      (.noSnapshot("q"), .noSnapshot), (.corruptSnapshot("x"), .corruptSnapshot), (.unrecordedChanges("y"), .swarmRefused),
    ]
    for (error, js) in journal { #expect(JournalJS.fail(error) == js) }
    #expect(PersistenceJSError.invalidArgument(name: "a", value: 1) != .invalidArgument(name: "a", value: 2))
    #expect(PersistenceJSError.notFound != .noBatch && PersistenceJSError.sqlite(code: 1) == .sqlite(code: 1))
  }

  @Test func argumentsAreChecked() throws {
    #expect(throws: PersistenceJSError.invalidArgument(name: "now", value: -1)) { _ = try PersistenceJS.milliseconds(.nan, "now") }
    #expect(throws: PersistenceJSError.invalidArgument(name: "now", value: -1)) { _ = try PersistenceJS.milliseconds(1.5, "now") }
    #expect(throws: PersistenceJSError.invalidArgument(name: "now", value: -1)) { _ = try PersistenceJS.milliseconds(1e300, "now") }
    #expect(try PersistenceJS.milliseconds(-20, "now") == -20)
    #expect(throws: PersistenceJSError.invalidArgument(name: "id", value: 2)) {
      _ = try withBytes([0xC3, 0x28]) { bytes in try PersistenceJS.text(bytes, "id") }
    }
  }
}
