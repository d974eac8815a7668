// Reliability tests driving the persistence-crasher child process: SIGKILL at random moments,
// two writer processes at once, and opening from a read-only directory as an unprivileged user.
import Foundation
import Persistence
import Testing

/// The crasher executable SwiftPM built next to this test binary.
func crasherURL() throws -> URL {
  let besideTests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                          ?? CommandLine.arguments[0]).deletingLastPathComponent()
  var candidates = [besideTests, besideTests.deletingLastPathComponent()]
  candidates.append(repositoryRoot().appendingPathComponent("Persistence/.build/debug"))
  for directory in candidates {
    let url = directory.appendingPathComponent("persistence-crasher")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "persistence-crasher (build the package first)"])
}

/// Starts the crasher with `arguments`; its stdout is a pipe.
func startCrasher(_ arguments: [String]) throws -> (Process, Pipe) {
  let process = Process()
  process.executableURL = try crasherURL()
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  return (process, pipe)
}

@Suite("Crasher: kill -9, concurrent processes, permissions", .serialized)
struct CrasherTests {
  /// Checks the crash-loop database: sound file, whole transactions only, every reported commit.
  /// Returns the number of complete transactions.
  func verify(_ path: String, reported: Set<Int64>) throws -> Int64 {
    let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
    #expect(try store.database.integrityCheck() == ["ok"])
    let events = try store.events(swarmID: "crash")
    #expect(events.count % 5 == 0, "a partial transaction: \(events.count) events")
    let transactions = Int64(events.count / 5)
    for (offset, event) in events.enumerated() {
      let t = Int64(offset / 5) + 1
      let encoded = event.payload.prefix(8).enumerated().reduce(Int64(0)) { $0 | Int64($1.element) << ($1.offset * 8) }
      #expect(encoded == t && event.sequence == Int64(offset) + 1)
    }
    for t in 1...max(1, transactions + 2) {
      let memory = try store.memory(forKey: "txn/\(t)", namespace: "crash")
      if t <= transactions {
        #expect(memory == events[Int(t - 1) * 5].payload, "transaction \(t) lost its memory write")
      } else {
        #expect(memory == nil, "memory of uncommitted transaction \(t)")
      }
    }
    if let missing = reported.first(where: { $0 > transactions }) {
      Issue.record("transaction \(missing) was reported committed but is missing (\(transactions) present)")
    }
    return transactions
  }

  @Test func sigkillAtRandomMomentsNeverLosesACommittedTransaction() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("crash.sqlite")
    var random = SplitMix(seed: UInt64(Date().timeIntervalSince1970 * 1000))
    var reported = Set<Int64>()
    var present: Int64 = 0
    let kills = 40
    for round in 0..<kills {
      let (process, pipe) = try startCrasher(["crash-loop", path, "\(round + 1)"])
      var received = Data()
      if round % 2 == 0 {
        // Even rounds: 0-80 ms after the start, often in open or migration, whatever the load.
        usleep(UInt32.random(in: 0...80_000, using: &random))
      } else {
        // Odd rounds: after the first commit (blocks until the child writes or exits), then 0-30 ms
        // more, so that kills land mid-transaction even on a slow machine.
        received = pipe.fileHandleForReading.availableData
        usleep(UInt32.random(in: 0...30_000, using: &random))
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
      received.append(pipe.fileHandleForReading.readDataToEndOfFile())
      let output = String(decoding: received, as: UTF8.self)
      for line in output.split(separator: "\n") {
        if line.hasPrefix("committed "), let t = Int64(line.dropFirst(10)) { reported.insert(t) }
        else { Issue.record("crasher said: \(line)") }
      }
      let now = try verify(path, reported: reported)
      #expect(now >= present, "transactions disappeared: \(present) -> \(now)")
      present = now
    }
    #expect(reported.count > 0, "no transaction committed in \(kills) runs")
  }

  @Test func twoProcessesWritingAtOnceLoseNothing() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("shared.sqlite")
    let count = 150
    let children = try ["left", "right"].map { try startCrasher(["write", path, $0, "\(count)"]) }
    for (process, pipe) in children {
      process.waitUntilExit()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(process.terminationStatus == 0 && output == "done\n", "\(output)")
    }
    let store = try SQLiteStore(path: path, clock: StoreClock { 0 })
    #expect(try store.database.integrityCheck() == ["ok"])
    for name in ["left", "right"] {
      #expect(try store.lastEventSequence(swarmID: name) == Int64(count))
      #expect(try store.memoryEntries(namespace: "shared", prefix: Array("\(name)/".utf8), limit: nil).count == count)
    }
    let messages = try store.messages(swarmID: "shared", recipient: nil, after: 0)
    #expect(messages.count == 2 * count)
    #expect(Set(messages.map { $0.id }).count == 2 * count)
    #expect(try Migrator.applied(in: store.database).map { $0.version } == Schema.migrations.map { $0.version })
  }

  @Test func aReadOnlyDirectoryGivesCantOpen() throws {
    let directory = TemporaryDirectory()
    let readOnly = directory.url.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
    chmod(directory.url.path, 0o755)
    chmod(readOnly.path, 0o555)
    let path = readOnly.appendingPathComponent("store.sqlite").path
    if geteuid() == 0 {
      // Root ignores permission bits: the child drops to nobody before opening.
      let (process, pipe) = try startCrasher(["open", path, "--as-nobody"])
      process.waitUntilExit()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(output == "error 14 14 unable to open database file\n")
    } else {
      #expect {
        _ = try SQLiteStore(path: path, clock: StoreClock { 0 })
      } throws: { error in
        guard case .database(let database) = error as? StoreError else { return false }
        return database.resultCode == .cantOpen && database.message == "unable to open database file"
      }
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func usageErrorsExitNonZero() throws {
    let (process, pipe) = try startCrasher(["nonsense"])
    process.waitUntilExit()
    #expect(process.terminationStatus == 64)
    #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).hasPrefix("usage:"))
  }
}
