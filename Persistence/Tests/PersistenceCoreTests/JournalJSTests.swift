// JournalJS (Sources/PersistenceCore/JournalJS.swift) journaled swarms: driven batch by batch, checkpointed, exported, restored in another
// database, and continued without redoing finished work.
@testable import Persistence
@testable import PersistenceCore
import Testing

/// Drives every batch: each job's outcome is its payload times `factor`; returns the tasks JS ran.
func drive(_ swarm: Int, batches: Int = .max, factor: Double = 10) throws -> [Int] {
  var ran: [Int] = []
  var done = 0
  while done < batches {
    let jobs = try JournalJS.swarmNextBatch(swarm)
    if jobs == 0 { break }
    for job in 0..<jobs {
      ran.append(try JournalJS.swarmJobTask(swarm, job))
      try JournalJS.swarmSetOutcome(swarm, job, value: try JournalJS.swarmJobPayload(swarm, job) * factor, failure: 0)
    }
    try JournalJS.swarmCompleteBatch(swarm)
    done += 1
  }
  return ran
}

extension PersistenceJSTests {
  @Suite("journaled swarms")
  struct Swarms {
    let id = Array("swarm \u{1F41D} 1".utf8)

    func create(_ db: Int) throws -> Int {
      try withBytes(id) { bytes in try JournalJS.swarmCreate(db, id: bytes, seed: 7, distribution: 1, topology: 0) }
    }

    func restore(_ db: Int) throws -> Int {
      try withBytes(id) { bytes in try JournalJS.swarmRestore(db, id: bytes, seed: 7, distribution: 1, topology: 0) }
    }

    @Test func checkpointExportRestoreContinue() throws {
      let db = try PersistenceJS.open()
      let swarm = try create(db)
      for _ in 0..<2 { _ = try JournalJS.swarmSpawn(swarm, type: 1, capabilities: 0, pattern: 0, concurrency: 1) }
      let a = try JournalJS.swarmAddTask(swarm, payload: 1, priority: 1, requires: 0, duration: 1, retries: 0)
      let b = try JournalJS.swarmAddTask(swarm, payload: 2, priority: 1, requires: 0, duration: 1, retries: 0)
      let c = try JournalJS.swarmAddTask(swarm, payload: 3, priority: 3, requires: 0, duration: 1, retries: 1)
      try JournalJS.swarmAddDependency(swarm, dependent: b, prerequisite: a)
      try JournalJS.swarmAddDependency(swarm, dependent: c, prerequisite: b)
      let first = try JournalJS.swarmSubmit(swarm)
      #expect(try JournalJS.swarmTaskCount(swarm) == 3)
      // Two batches: the first runs task a; a completes as the engine advances, then b starts.
      let ranBefore = try drive(swarm, batches: 2)
      #expect(ranBefore == [first, first + 1])
      #expect(try JournalJS.swarmTaskStatus(swarm, task: first) == 3)  // completed
      #expect(try JournalJS.swarmTaskResult(swarm, task: first) == 10)
      let stored = try JournalJS.swarmCheckpoint(swarm)
      #expect(stored > 0)
      let image = try PersistenceJS.exportImage(db)
      try PersistenceJS.close(db)
      #expect(throws: PersistenceJSError.unknownSwarm(handle: swarm)) { _ = try JournalJS.swarmTaskCount(swarm) }

      // "After a page reload": a new database from the image, the swarm restored from its checkpoint.
      let again = try withBytes(image) { bytes in try PersistenceJS.load(bytes) }
      defer { try? PersistenceJS.close(again) }
      let restored = try restore(again)
      #expect(try JournalJS.swarmTaskCount(restored) == 3)
      // Finished tasks are replayed from the checkpoint (their stored result, not a new JS outcome).
      // JS now answers payload × 100: a keeps its stored 10, b (running at the checkpoint) and c run.
      let ranAfter = try drive(restored, factor: 100)
      #expect(!ranAfter.isEmpty)
      #expect(try JournalJS.swarmTaskResult(restored, task: first) == 10)
      for task in 0..<3 { #expect(try JournalJS.swarmTaskStatus(restored, task: first + task) == 3) }
      #expect(try JournalJS.swarmTaskResult(restored, task: first + 1) == 200)
      #expect(try JournalJS.swarmTaskResult(restored, task: first + 2) == 300)
      #expect(try JournalJS.swarmCheckpoint(restored) > stored)
      try JournalJS.swarmClose(restored)
      #expect(throws: PersistenceJSError.unknownSwarm(handle: restored)) { try JournalJS.swarmClose(restored) }
    }

    @Test func failuresAndMissingOutcomes() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      let swarm = try create(db)
      _ = try JournalJS.swarmSpawn(swarm, type: 0, capabilities: 1, pattern: 2, concurrency: 2)
      _ = try JournalJS.swarmAddTask(swarm, payload: 1, priority: 0, requires: 0, duration: 1, retries: 0)
      _ = try JournalJS.swarmAddTask(swarm, payload: 2, priority: 0, requires: 0, duration: 1, retries: 0)
      let first = try JournalJS.swarmSubmit(swarm)
      #expect(try JournalJS.swarmNextBatch(swarm) == 2)
      try JournalJS.swarmSetOutcome(swarm, 0, value: 0, failure: 5)  // job 1 gets no outcome at all
      try JournalJS.swarmCompleteBatch(swarm)
      #expect(try JournalJS.swarmNextBatch(swarm) == 0)  // the engine advances and records both failures
      #expect(try JournalJS.swarmTaskStatus(swarm, task: first) == 4)  // failed
      #expect(try JournalJS.swarmTaskStatus(swarm, task: first + 1) == 4)
      #expect(try JournalJS.swarmTaskResult(swarm, task: first).isNaN)
      #expect(throws: PersistenceJSError.noBatch) { try JournalJS.swarmCompleteBatch(swarm) }
      #expect(throws: PersistenceJSError.swarmRefused) { _ = try JournalJS.swarmTaskStatus(swarm, task: 99) }
      #expect(throws: PersistenceJSError.swarmRefused) { _ = try JournalJS.swarmTaskResult(swarm, task: -1) }
    }

    @Test func badArguments() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      #expect(throws: PersistenceJSError.noSnapshot) { _ = try restore(db) }
      let bad: [(Double, Int, Int, PersistenceJSError)] = [
        (-1, 0, 0, .invalidArgument(name: "seed", value: -1)), (0.5, 0, 0, .invalidArgument(name: "seed", value: -1)),
        (1, 6, 0, .invalidArgument(name: "distribution", value: 6)), (1, -1, 0, .invalidArgument(name: "distribution", value: -1)),
        (1, 0, 4, .invalidArgument(name: "topology", value: 4)),
      ]
      for (seed, distribution, topology, error) in bad {
        #expect(throws: error) {
          _ = try withBytes(id) { bytes in try JournalJS.swarmCreate(db, id: bytes, seed: seed, distribution: distribution, topology: topology) }
        }
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "swarm id", value: 1)) {
        _ = try withBytes([0xFF]) { bytes in try JournalJS.swarmCreate(db, id: bytes, seed: 1, distribution: 0, topology: 0) }
      }
      #expect(throws: PersistenceJSError.unknownDatabase(handle: 77)) {
        _ = try withBytes(id) { bytes in try JournalJS.swarmCreate(77, id: bytes, seed: 1, distribution: 0, topology: 0) }
      }
      let swarm = try create(db)
      #expect(throws: PersistenceJSError.invalidArgument(name: "type", value: 99)) {
        _ = try JournalJS.swarmSpawn(swarm, type: 99, capabilities: 0, pattern: 0, concurrency: 1)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "pattern", value: -1)) {
        _ = try JournalJS.swarmSpawn(swarm, type: 0, capabilities: 0, pattern: -1, concurrency: 1)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "capabilities", value: -1)) {
        _ = try JournalJS.swarmSpawn(swarm, type: 0, capabilities: -1, pattern: 0, concurrency: 1)
      }
      #expect(throws: PersistenceJSError.swarmRefused) {
        _ = try JournalJS.swarmSpawn(swarm, type: 0, capabilities: 0, pattern: 0, concurrency: 0)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "priority", value: 4)) {
        _ = try JournalJS.swarmAddTask(swarm, payload: 0, priority: 4, requires: 0, duration: 1, retries: 0)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "requires", value: -2)) {
        _ = try JournalJS.swarmAddTask(swarm, payload: 0, priority: 0, requires: -2, duration: 1, retries: 0)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "duration or retries", value: -1)) {
        _ = try JournalJS.swarmAddTask(swarm, payload: 0, priority: 0, requires: 0, duration: 1, retries: -1)
      }
      let node = try JournalJS.swarmAddTask(swarm, payload: 0, priority: 0, requires: 0, duration: 1, retries: 0)
      #expect(throws: PersistenceJSError.invalidArgument(name: "dependent", value: 5)) {
        try JournalJS.swarmAddDependency(swarm, dependent: 5, prerequisite: node)
      }
      #expect(throws: PersistenceJSError.invalidArgument(name: "prerequisite", value: 5)) {
        try JournalJS.swarmAddDependency(swarm, dependent: node, prerequisite: 5)
      }
      let other = try JournalJS.swarmAddTask(swarm, payload: 0, priority: 0, requires: 0, duration: 1, retries: 0)
      try JournalJS.swarmAddDependency(swarm, dependent: node, prerequisite: other)
      try JournalJS.swarmAddDependency(swarm, dependent: other, prerequisite: node)
      #expect(throws: PersistenceJSError.swarmRefused) { _ = try JournalJS.swarmSubmit(swarm) }  // a cycle
      #expect(try JournalJS.swarmSubmit(swarm) == 0)  // the graph was cleared: nothing submitted
      #expect(throws: PersistenceJSError.invalidArgument(name: "job", value: 0)) { _ = try JournalJS.swarmJobTask(swarm, 0) }
      #expect(throws: PersistenceJSError.unknownSwarm(handle: -3)) { _ = try JournalJS.swarmNextBatch(-3) }
    }

    @Test func closingOrReimportingTheDatabaseClosesItsSwarms() throws {
      let db = try PersistenceJS.open()
      let swarm = try create(db)
      let image = try PersistenceJS.exportImage(db)
      try withBytes(image) { bytes in try PersistenceJS.importImage(db, bytes) }
      #expect(throws: PersistenceJSError.unknownSwarm(handle: swarm)) { _ = try JournalJS.swarmTaskCount(swarm) }
      #expect(throws: PersistenceJSError.unknownSwarm(handle: swarm)) { _ = try JournalJS.swarmTaskCount(swarm) }  // freed
      let other = try create(db)
      try PersistenceJS.close(db)
      let reopened = try PersistenceJS.open()  // the same handle, another database
      defer { try? PersistenceJS.close(reopened) }
      #expect(reopened == db)
      #expect(throws: PersistenceJSError.unknownSwarm(handle: other)) { _ = try JournalJS.swarmNextBatch(other) }
    }

    @Test func aCorruptCheckpointIsATypedError() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      let swarm = try create(db)
      _ = try JournalJS.swarmCheckpoint(swarm)
      let store = try PersistenceJS.database(db).store
      try store.database.execute("UPDATE snapshots SET state = x'52534a31ff'")
      #expect(throws: PersistenceJSError.corruptSnapshot) { _ = try restore(db) }
      #expect(lastErrorText().contains("corrupt"))
    }
  }
}
