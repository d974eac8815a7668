// persistence-bench: Persistence against raw SQLite, in the same process and run.
//
//   swift run -c release persistence-bench [--events N] [--batch B] [--rounds R] [--check]
//
// 1. Event-log appends: SQLiteStore.appendEvents vs the same INSERTs written directly against the
//    SQLite C API (same table, triggers, pragmas, prepared BEGIN IMMEDIATE / COMMIT, same batch
//    size), for synchronous=NORMAL and =FULL. Rounds alternate; the median of each is compared.
//    The answer is checked before any number is printed: both files must hold the same events.
// 2. Agent memory: put and get latency percentiles (SQLite file, NORMAL and FULL; InMemoryStore).
// 3. Restore: open a file holding 10,000 events and read the whole log back; and a Core swarm
//    with at least 10,000 logged events: decode its log and rebuild it with SwarmJournal.restore.
// --check exits 1 when an append ratio is below 80 %.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite
import Core
import Persistence
import PersistenceCore

@MainActor func nanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

@MainActor func argument(_ name: String, _ fallback: Int) -> Int {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1])
  else { return fallback }
  return value
}

@MainActor func fail(_ message: String) -> Never {
  print("persistence-bench: \(message)")
  exit(2)
}

@MainActor func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

@MainActor func format(_ value: Double, _ digits: Int = 1) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  return "\(rounded)"
}

let eventCount = argument("--events", 50_000)
let batchSize = argument("--batch", 100)
let rounds = argument("--rounds", 5)
let check = CommandLine.arguments.contains("--check")

let directory: String = {
  // $TMPDIR, else the C library's default temporary directory.
  let base = getenv("TMPDIR").map { String(cString: $0) } ?? P_tmpdir
  var template = Array("\(base)/persistence-bench-XXXXXX".utf8CString)
  guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { fail("mkdtemp failed") }
  return String(cString: made)
}()
var fileNumber = 0
@MainActor func freshPath() -> String {
  fileNumber += 1
  return "\(directory)/bench-\(fileNumber).sqlite"
}
@MainActor func remove(_ path: String) {
  for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
}

let clock = StoreClock.system
var payloadSeed: UInt64 = 0x1234
let events: [EventRecord] = (1...eventCount).map { sequence in
  payloadSeed = payloadSeed &* 6_364_136_223_846_793_005 &+ 1
  let payload = (0..<64).map { UInt8(truncatingIfNeeded: payloadSeed >> UInt64($0 % 56)) }
  return EventRecord(swarmID: "bench", sequence: Int64(sequence), kind: "taskProgress", payload: payload,
                     timestamp: Int64(sequence))
}

@MainActor func options(_ synchronous: Database.Synchronous) -> Database.Options {
  var options = Database.Options()
  options.synchronous = synchronous
  return options
}

/// A migrated file with the swarm row, closed again.
@MainActor func preparedFile(_ synchronous: Database.Synchronous) -> String {
  let path = freshPath()
  do {
    let store = try SQLiteStore(path: path, options: options(synchronous), clock: clock)
    try store.saveSwarm(SwarmRecord(id: "bench", name: "bench", topology: "none"))
    try store.database.close()
  } catch {
    fail("prepare: \(error)")
  }
  return path
}

/// Seconds to append every event through SQLiteStore.
@MainActor func appendThroughStore(_ path: String, _ synchronous: Database.Synchronous) -> Double {
  do {
    let store = try SQLiteStore(path: path, options: options(synchronous), clock: clock)
    let start = nanoseconds()
    var index = 0
    while index < events.count {
      let end = min(events.count, index + batchSize)
      try store.appendEvents(Array(events[index..<end]))
      index = end
    }
    return Double(nanoseconds() - start) / 1e9
  } catch {
    fail("store append: \(error)")
  }
}

/// Seconds to append every event with the C API directly: same SQL, same batching.
@MainActor func appendRaw(_ path: String, _ synchronous: Database.Synchronous) -> Double {
  var db: OpaquePointer? = nil
  guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
    fail("raw open")
  }
  defer { sqlite3_close_v2(db) }
  sqlite3_busy_timeout(db, 5_000)
  for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(synchronous.rawValue)", "PRAGMA foreign_keys = ON"] {
    guard sqlite3_exec(db, pragma, nil, nil, nil) == SQLITE_OK else { fail("raw pragma") }
  }
  var begin: OpaquePointer? = nil
  var commit: OpaquePointer? = nil
  var insert: OpaquePointer? = nil
  sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nil)
  sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nil)
  sqlite3_prepare_v2(db, "INSERT INTO events(swarm_id, sequence, kind, payload, timestamp) VALUES (?, ?, ?, ?, ?)",
                     -1, &insert, nil)
  defer {
    sqlite3_finalize(begin)
    sqlite3_finalize(commit)
    sqlite3_finalize(insert)
  }
  let start = nanoseconds()
  var index = 0
  while index < events.count {
    let end = min(events.count, index + batchSize)
    guard sqlite3_step(begin) == SQLITE_DONE else { fail("raw begin") }
    sqlite3_reset(begin)
    for event in events[index..<end] {
      var swarm = event.swarmID
      var kind = event.kind
      swarm.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) {
          _ = sqlite3_bind_text(insert, 1, $0.baseAddress, Int32($0.count), csqlite_transient())
        }
      }
      sqlite3_bind_int64(insert, 2, event.sequence)
      kind.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) {
          _ = sqlite3_bind_text(insert, 3, $0.baseAddress, Int32($0.count), csqlite_transient())
        }
      }
      event.payload.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 4, $0.baseAddress, Int32($0.count), csqlite_transient()) }
      sqlite3_bind_int64(insert, 5, event.timestamp)
      guard sqlite3_step(insert) == SQLITE_DONE else { fail("raw insert: \(String(cString: sqlite3_errmsg(db)))") }
      sqlite3_reset(insert)
    }
    guard sqlite3_step(commit) == SQLITE_DONE else { fail("raw commit") }
    sqlite3_reset(commit)
    index = end
  }
  return Double(nanoseconds() - start) / 1e9
}

/// The answer check: the file holds exactly `events`.
@MainActor func verify(_ path: String) {
  do {
    let store = try SQLiteStore(path: path, options: .readOnly, clock: clock)
    guard try store.events(swarmID: "bench") == events else { fail("\(path) does not hold the appended events") }
  } catch {
    fail("verify: \(error)")
  }
}

print("persistence-bench: SQLite \(String(cString: sqlite3_libversion())), \(eventCount) events of 64 B, batches of \(batchSize), \(rounds) rounds")
print("")
print("| event-log appends | ours (events/s) | raw C API (events/s) | ours / raw |")
print("|---|---|---|---|")
var worstRatio = Double.infinity
for synchronous in [Database.Synchronous.normal, .full] {
  var ours: [Double] = []
  var raw: [Double] = []
  for round in 0..<rounds {
    // Alternate which goes first, so neither always runs on a warmer cache.
    for first in [round % 2 == 0, round % 2 != 0] {
      let path = preparedFile(synchronous)
      if first {
        ours.append(Double(eventCount) / appendThroughStore(path, synchronous))
      } else {
        raw.append(Double(eventCount) / appendRaw(path, synchronous))
      }
      verify(path)
      remove(path)
    }
  }
  let ratio = median(ours) / median(raw)
  worstRatio = min(worstRatio, ratio)
  print("| WAL, synchronous=\(synchronous.rawValue) | \(Int(median(ours))) | \(Int(median(raw))) | \(format(ratio * 100)) % |")
}

@MainActor func percentiles(_ samples: [UInt64]) -> String {
  let sorted = samples.sorted()
  func at(_ p: Double) -> String { format(Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1_000, 2) }
  return "\(at(0.5)) | \(at(0.9)) | \(at(0.99)) | \(at(0.999))"
}

@MainActor func memoryLatencies(_ store: some Store, count: Int) -> (put: [UInt64], get: [UInt64]) {
  var seed: UInt64 = 42
  var keys: [[UInt8]] = []
  for _ in 0..<count {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1
    keys.append((0..<16).map { UInt8(truncatingIfNeeded: seed >> UInt64($0 * 3)) })
  }
  let value = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7) }
  var put: [UInt64] = []
  var get: [UInt64] = []
  do {
    for key in keys {
      let start = nanoseconds()
      try store.setMemory(value, forKey: key, namespace: "agent", ttlMilliseconds: nil)
      put.append(nanoseconds() - start)
    }
    for key in keys.reversed() {
      let start = nanoseconds()
      let found = try store.memory(forKey: key, namespace: "agent")
      get.append(nanoseconds() - start)
      guard found == value else { fail("memory get returned the wrong value") }
    }
  } catch {
    fail("memory: \(error)")
  }
  return (put, get)
}

print("")
print("| agent memory (256 B values, 16 B keys) | ops | p50 µs | p90 µs | p99 µs | p99.9 µs |")
print("|---|---|---|---|---|---|")
for synchronous in [Database.Synchronous.normal, .full] {
  let path = freshPath()
  let count = synchronous == .full ? 1_000 : 10_000
  do {
    let store = try SQLiteStore(path: path, options: options(synchronous), clock: clock)
    let (put, get) = memoryLatencies(store, count: count)
    print("| SQLite file, synchronous=\(synchronous.rawValue): put (one transaction each) | \(count) | \(percentiles(put)) |")
    print("| SQLite file, synchronous=\(synchronous.rawValue): get | \(count) | \(percentiles(get)) |")
  } catch {
    fail("memory store: \(error)")
  }
  remove(path)
}
do {
  let (put, get) = memoryLatencies(InMemoryStore(clock: clock), count: 10_000)
  print("| InMemoryStore: put | 10000 | \(percentiles(put)) |")
  print("| InMemoryStore: get | 10000 | \(percentiles(get)) |")
}

print("")
let restoreEvents = 10_000
let restorePath = freshPath()
do {
  let store = try SQLiteStore(path: restorePath, options: options(.normal), clock: clock)
  try store.saveSwarm(SwarmRecord(id: "bench", name: "bench", topology: "none"))
  try store.appendEvents(Array(events.prefix(restoreEvents)))
  try store.database.close()
  var timings: [Double] = []
  for _ in 0..<max(rounds, 5) {
    let start = nanoseconds()
    let reopened = try SQLiteStore(path: restorePath, clock: clock)
    let log = try reopened.events(swarmID: "bench")
    timings.append(Double(nanoseconds() - start) / 1e6)
    guard log.count == restoreEvents, log.last == events[restoreEvents - 1] else { fail("restore read the wrong log") }
  }
  print("| restore | events | median ms | per event µs |")
  print("|---|---|---|---|")
  print("| open SQLiteStore + read the whole event log | \(restoreEvents) | \(format(median(timings), 2)) | \(format(median(timings) * 1_000 / Double(restoreEvents), 3)) |")
} catch {
  fail("restore: \(error)")
}
remove(restorePath)

/// A Core swarm whose log has at least 10,000 events, checkpointed into a file.
final class Echo: AgentBehavior {
  func perform(_ input: TaskInput) throws(TaskFailure) -> TaskOutput { TaskOutput(input.payload) }
}
let corePath = freshPath()
do {
  let configuration = SwarmConfiguration(seed: 3)
  let store = try SQLiteStore(path: corePath, options: options(.normal), clock: clock)
  let journal = try SwarmJournal(store: store, swarmID: "core", configuration: configuration)
  for _ in 0..<4 { _ = try journal.spawn(AgentSpec(type: .coder, concurrency: 2, behavior: Echo())) }
  var taskCount = 0
  while journal.swarm.eventCount < Int64(restoreEvents) {
    var graph = TaskGraph()
    var previous = graph.add(TaskSpec(payload: .int(Int64(taskCount))))
    for step in 1..<100 { previous = graph.add(TaskSpec(payload: .int(Int64(step))), after: step % 3 == 0 ? [previous] : []) }
    taskCount += graph.count
    _ = try journal.submit(graph)
    journal.swarm.run()
  }
  // Leave the last graph half done, so the restore has pending work to continue.
  var tail = TaskGraph()
  for step in 0..<100 { tail.add(TaskSpec(payload: .int(Int64(step)), duration: 5)) }
  taskCount += tail.count
  _ = try journal.submit(tail)
  journal.swarm.run(until: journal.swarm.now + 6)
  try journal.checkpoint()
  let logged = try store.nextSwarmEventSequence(swarmID: "core")
  try store.database.close()
  var decodeTimings: [Double] = []
  var restoreTimings: [Double] = []
  for _ in 0..<max(rounds, 5) {
    var start = nanoseconds()
    let reopened = try SQLiteStore(path: corePath, options: .readOnly, clock: clock)
    let decoded = try reopened.swarmEvents(swarmID: "core", from: 0, limit: nil).map { row throws(JournalError) in try SwarmJournal.swarmEvent(row) }
    decodeTimings.append(Double(nanoseconds() - start) / 1e6)
    guard decoded.count == Int(logged) else { fail("decoded \(decoded.count) of \(logged) events") }
    let scratch = freshPath()
    let copy = try SQLiteStore(path: scratch, options: options(.normal), clock: clock)
    // Each round restores from a fresh copy of the file, as a restarted process would.
    try copy.database.execute("ATTACH DATABASE ? AS source", [.text(corePath)])
    try copy.database.execute("""
      INSERT INTO swarms SELECT * FROM source.swarms; INSERT INTO snapshots SELECT * FROM source.snapshots;
      INSERT INTO swarm_events SELECT * FROM source.swarm_events ORDER BY swarm_id, sequence;
      DETACH DATABASE source
      """)
    start = nanoseconds()
    let restored = try SwarmJournal.restore(from: copy, swarmID: "core", configuration: configuration) { _ in Echo() }
    restoreTimings.append(Double(nanoseconds() - start) / 1e6)
    guard restored.swarm.taskCount == taskCount else { fail("restored \(restored.swarm.taskCount) of \(taskCount) tasks") }
    restored.swarm.run()
    for index in 0..<taskCount where try restored.swarm.task(TaskID(index)).status != .completed {
      fail("task \(index) did not complete after the restore")
    }
    remove(scratch)
  }
  print("| Core swarm, \(logged) events, \(taskCount) tasks: open + decode the whole log | \(logged) | \(format(median(decodeTimings), 2)) | \(format(median(decodeTimings) * 1_000 / Double(logged), 3)) |")
  print("| Core swarm: SwarmJournal.restore (snapshot decode + engine rebuild) | \(logged) | \(format(median(restoreTimings), 2)) | \(format(median(restoreTimings) * 1_000 / Double(logged), 3)) |")
} catch {
  fail("core restore: \(error)")
}
remove(corePath)
rmdir(directory)
if check && worstRatio < 0.8 {
  print("persistence-bench: append ratio \(format(worstRatio * 100)) % is below the 80 % target")
  exit(1)
}
