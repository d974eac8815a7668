// What only the SQLite store has: files, schema versions, one writer with several readers.
import Foundation
import Persistence
import Testing

@Suite("SQLiteStore: files, versions, readers")
struct SQLiteStoreTests {
  @Test func aStoreFromANewerBuildIsRefusedAndLeftIntact() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("newer.sqlite")
    do {
      let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
      try store.database.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x', 0)")
    }
    #expect(throws: StoreError.newerSchema(found: 99, supported: 4)) { _ = try SQLiteStore(path: path, clock: StoreClock { 0 }) }
    #expect(throws: StoreError.newerSchema(found: 99, supported: 4)) {
      _ = try SQLiteStore(path: path, options: .readOnly, clock: StoreClock { 0 })
    }
    let db = try Database(path: path, options: .readOnly)
    #expect(try Migrator.applied(in: db).map { $0.version } == [1, 2, 3, 4, 99])
  }

  @Test func aReaderNeedsAMigratedFile() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("empty.sqlite")
    _ = try Database(path: path)
    #expect(throws: StoreError.outdatedSchema(found: 0, required: 4)) {
      _ = try SQLiteStore(path: path, options: .readOnly, clock: StoreClock { 0 })
    }
  }

  @Test func readersSeeCommittedDataAndCannotWrite() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("rw.sqlite")
    let clock = ManualClock()
    let writer = try SQLiteStore(path: path, clock: clock.storeClock)
    try writer.setMemory([1], forKey: "k", namespace: "n", ttlMilliseconds: 10)
    let reader = try SQLiteStore(path: path, options: .readOnly, clock: clock.storeClock)
    #expect(try reader.memory(forKey: "k", namespace: "n") == [1])
    clock.now += 10
    // Lazy expiry on a read-only connection hides the entry without trying to delete it.
    #expect(try reader.memory(forKey: "k", namespace: "n") == nil)
    #expect(try writer.database.fetchOne("SELECT count(*) FROM memory") == .integer(1))
    #expect {
      try reader.saveSwarm(SwarmRecord(id: "s", name: "", topology: ""))
    } throws: { error in
      ResultCode.readOnly ~= (error as! StoreError)
    }
  }

  @Test func oneWriterAndSeveralReaderThreads() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("readers.sqlite")
    let writer = try SQLiteStore(path: path, clock: StoreClock { 0 })
    try writer.saveSwarm(SwarmRecord(id: "s", name: "", topology: ""))
    let batches = 60
    let batchSize = 20
    let failures = Failures()
    let group = DispatchGroup()
    let done = Flag()
    for reader in 0..<3 {
      group.enter()
      Thread {
        defer { group.leave() }
        do {
          let store = try SQLiteStore(path: path, options: .readOnly, clock: StoreClock { 0 })
          var seen: Int64 = 0
          var finished = false
          while !finished {
            finished = done.isSet
            // Each read is one snapshot: a whole number of batches, contiguous, never shrinking.
            let events = try store.events(swarmID: "s")
            let count = Int64(events.count)
            if count < seen || count % Int64(batchSize) != 0 || events.enumerated().contains(where: { $0.element.sequence != Int64($0.offset) + 1 }) {
              failures.add("reader \(reader) saw \(count) after \(seen)")
            }
            seen = count
          }
          if seen != Int64(batches * batchSize) { failures.add("reader \(reader) ended at \(seen)") }
        } catch {
          failures.add("reader \(reader): \(error)")
        }
      }.start()
    }
    for batch in 0..<batches {
      let first = Int64(batch * batchSize) + 1
      try writer.appendEvents((0..<Int64(batchSize)).map { EventRecord(swarmID: "s", sequence: first + $0, kind: "e") })
    }
    done.set()
    group.wait()
    #expect(failures.all.isEmpty, "\(failures.all)")
  }

  @Test func closedStoresReportMisuse() throws {
    let store = try SQLiteStore.inMemory(clock: StoreClock { 0 })
    try store.database.close()
    let misuse = StoreError.database(DatabaseError(extendedResultCode: .misuse, message: "database connection is closed"))
    #expect(throws: misuse) { _ = try store.swarms() }
    #expect(throws: misuse) { try store.appendEvents([EventRecord(swarmID: "s", sequence: 1, kind: "")]) }
    #expect(throws: misuse) { _ = try store.memory(forKey: [1], namespace: "n") }
    #expect(throws: misuse) { try store.transaction { () throws(StoreError) in } }
  }
}

/// Thread-safe collection of failure messages.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []
  func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
  var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}

/// A flag set once by the writer thread.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.lock(); value = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
