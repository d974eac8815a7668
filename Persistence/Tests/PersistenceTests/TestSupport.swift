// Shared fixtures: temporary directories, a manual clock, and the store factories every
// `Store` test runs against.
import Foundation
import Persistence
import Testing

/// A temporary directory, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("persistence-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit {
    // A test may have made it read-only.
    chmod(url.path, 0o755)
    try? FileManager.default.removeItem(at: url)
  }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  var now: Int64

  init(_ now: Int64 = 1_000_000) { self.now = now }

  var storeClock: StoreClock { StoreClock { [self] in now } }
}

/// The store implementations, as test arguments.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqliteFile, sqliteMemory, plainMemory

  var testDescription: String { rawValue }

  /// A fresh store of this kind with its clock and (for files) its directory.
  func make(limits: MemoryLimits = MemoryLimits()) throws -> StoreFixture {
    let clock = ManualClock()
    let directory = TemporaryDirectory()
    let store: any Store
    switch self {
    case .sqliteFile: store = try SQLiteStore(path: directory.path("store.sqlite"), limits: limits, clock: clock.storeClock)
    case .sqliteMemory: store = try SQLiteStore.inMemory(limits: limits, clock: clock.storeClock)
    case .plainMemory: store = InMemoryStore(limits: limits, clock: clock.storeClock)
    }
    return StoreFixture(store: store, clock: clock, directory: directory)
  }
}

struct StoreFixture {
  let store: any Store
  let clock: ManualClock
  let directory: TemporaryDirectory
}

/// The repository root, found from this file's path.
func repositoryRoot(_ file: String = #filePath) -> URL {
  URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
}

/// Deterministic pseudo-random bytes (SplitMix64).
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}
