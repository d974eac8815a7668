/// What the stores and the migrator throw.
///
/// SQLite failures arrive as ``database(_:)`` with SQLite's code and message; the other cases are
/// found by the store itself, identically in ``SQLiteStore`` and ``InMemoryStore``.
///
/// ```swift
/// do {
///   try store.setMemory(big, forKey: [1], namespace: "agent-1")
/// } catch .valueTooLarge(let limit, let actual) {
///   print("\(actual) bytes > \(limit)")
/// } catch ResultCode.full {
///   print("disk full")
/// } catch {
///   print(error)
/// }
/// ```
public enum StoreError: Error, Equatable, Sendable {
  /// SQLite reported an error.
  case database(DatabaseError)
  /// The database was written by a newer version of this schema: it is refused, not damaged.
  case newerSchema(found: Int, supported: Int)
  /// A recorded migration's checksum differs from the migration of the same version in this build.
  case migrationChanged(version: Int, recorded: String, expected: String)
  /// A read-only connection found migrations still pending (a writer must open the file first).
  case outdatedSchema(found: Int, required: Int)
  /// The database records a migration version this build does not have.
  case unknownMigration(version: Int)
  /// Migrations must have strictly increasing positive versions.
  case invalidMigrations(String)
  /// A memory key is longer than ``MemoryLimits/maxKeyBytes``.
  case keyTooLarge(limit: Int, actual: Int)
  /// A memory value is longer than ``MemoryLimits/maxValueBytes``.
  case valueTooLarge(limit: Int, actual: Int)
  /// Events must be appended with sequence numbers `last + 1, last + 2, ...` per swarm.
  case sequenceGap(swarm: String, expected: Int64, found: Int64)
  /// A record refers to a swarm that was never saved.
  case unknownSwarm(String)
  /// A record is malformed (duplicate task dependency, NaN metric, non-positive TTL, ...).
  case invalidRecord(String)

  /// Lets `catch ResultCode.full` match a store error that wraps that SQLite code.
  public static func ~= (pattern: ResultCode, error: StoreError) -> Bool {
    if case .database(let databaseError) = error { return pattern ~= databaseError }
    return false
  }
}

extension StoreError: DatabaseErrorConvertible {
  /// Wraps a ``DatabaseError`` as ``database(_:)``.
  public init(databaseError: DatabaseError) { self = .database(databaseError) }
}

/// Runs `body`, turning a ``DatabaseError`` into ``StoreError/database(_:)``.
@inline(__always)
func storeCall<T>(_ body: () throws(DatabaseError) -> T) throws(StoreError) -> T {
  do { return try body() } catch { throw .database(error) }
}

extension StoreError: CustomStringConvertible {
  /// A one-line English description.
  public var description: String {
    switch self {
    case .database(let error): return error.description
    case .newerSchema(let found, let supported):
      return "database schema version \(found) is newer than this build supports (\(supported))"
    case .migrationChanged(let version, let recorded, let expected):
      return "migration \(version) changed: recorded checksum \(recorded), this build has \(expected)"
    case .outdatedSchema(let found, let required):
      return "database schema version \(found) is older than required (\(required)); open it writable to migrate"
    case .unknownMigration(let version): return "database records unknown migration \(version)"
    case .invalidMigrations(let why): return "invalid migrations: \(why)"
    case .keyTooLarge(let limit, let actual): return "memory key of \(actual) bytes exceeds \(limit)"
    case .valueTooLarge(let limit, let actual): return "memory value of \(actual) bytes exceeds \(limit)"
    case .sequenceGap(let swarm, let expected, let found):
      return "event sequence gap in swarm \(swarm): expected \(expected), got \(found)"
    case .unknownSwarm(let id): return "unknown swarm \(id)"
    case .invalidRecord(let why): return "invalid record: \(why)"
    }
  }
}

/// Where a store reads the time (milliseconds since 1970) for TTLs and timestamps.
///
/// Natively ``system`` reads the wall clock; tests and the wasm build pass their own.
///
/// ```swift
/// var t: Int64 = 0
/// let clock = StoreClock { t }        // a manual clock for tests
/// ```
public struct StoreClock {
  /// Returns the current time in milliseconds.
  public var now: () -> Int64

  /// A clock reading `now`.
  public init(now: @escaping () -> Int64) { self.now = now }
}
