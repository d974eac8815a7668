// PersistenceJS: databases and agent memory behind integer handles, for the Persistence chunk
// (Persistence/JS/Persistence.jsapi). Journaled swarms are PersistenceCore's JournalJS (the journal
// chunk, Persistence/JS/Journal.jsapi), which opens them in these databases.
//
// Purpose. The bundler's JS boundary carries numbers, strings (as UTF-8 bytes) and byte arrays, so
// this facade keeps `SQLiteStore`s in a registry of integer handles. In the browser every database
// lives in memory: JS makes it durable by storing `exportImage(db)` after each commit (the policy of
// Persistence/JS/persistence.mjs: flush on every write, reload the newest good snapshot on page
// load) and reopening it with `load(image)`.
//
// Invariants.
// - Every entry point validates its arguments and returns a typed `PersistenceJSError`; nothing that
//   comes from JS can trap (handles, sizes, UTF-8, database images, times are all checked).
// - A failed `load` or `importImage` leaves every open database as it was (the image is checked on a
//   fresh connection, and a handle is swapped only after the check passed).
// - The store's clock is the `now` (milliseconds since 1970) the caller passes with each memory call:
//   the chunk has no clock of its own, and tests can move time.
// - `lastError()` describes the latest failure in English (SQLite's message for SQLite errors).

/// A JS-facing failure: codes and fields the loader turns into `persistence.<case>` errors.
///
/// ```swift
/// #expect(throws: PersistenceJSError.unknownDatabase(handle: 7)) { try PersistenceJS.close(7) }
/// ```
public enum PersistenceJSError: Error, Equatable {
  case unknownDatabase(handle: Int)
  case unknownSwarm(handle: Int)
  case invalidArgument(name: StaticString, value: Int)
  case notFound
  case sqlite(code: Int)
  case corruptImage
  case newerSchema(found: Int, supported: Int)
  case keyTooLarge(limit: Int, actual: Int)
  case valueTooLarge(limit: Int, actual: Int)
  case invalidRecord
  case noSnapshot
  case corruptSnapshot
  case swarmRefused
  case unknownSwarmID
  case schemaMismatch
  case noBatch

  public static func == (a: PersistenceJSError, b: PersistenceJSError) -> Bool {
    switch (a, b) {
    case (.unknownDatabase(let x), .unknownDatabase(let y)), (.unknownSwarm(let x), .unknownSwarm(let y)),
      (.sqlite(let x), .sqlite(let y)):
      return x == y
    case (.invalidArgument(let n, let v), .invalidArgument(let m, let w)):
      return v == w && n.utf8Start == m.utf8Start
    case (.newerSchema(let f, let s), .newerSchema(let g, let t)), (.keyTooLarge(let f, let s), .keyTooLarge(let g, let t)),
      (.valueTooLarge(let f, let s), .valueTooLarge(let g, let t)):
      return f == g && s == t
    case (.notFound, .notFound), (.corruptImage, .corruptImage), (.invalidRecord, .invalidRecord),
      (.noSnapshot, .noSnapshot), (.corruptSnapshot, .corruptSnapshot), (.swarmRefused, .swarmRefused),
      (.unknownSwarmID, .unknownSwarmID), (.schemaMismatch, .schemaMismatch), (.noBatch, .noBatch):
      return true
    default:
      return false
    }
  }
}

/// The time a database's clock reads: set from each call's `now`.
public final class JSClock {
  public var now: Int64 = 0
}

/// One open database of the registry (public for PersistenceCore's JournalJS).
public final class JSDatabase {
  /// The store; replaced by ``PersistenceJS/importImage(_:_:)``.
  public internal(set) var store: SQLiteStore
  let clock: JSClock
  init(store: SQLiteStore, clock: JSClock) {
    self.store = store
    self.clock = clock
  }
}

nonisolated(unsafe) var jsDatabases: [JSDatabase?] = []
nonisolated(unsafe) var jsLastError: [UInt8] = []

/// Databases and agent memory over a registry of integer handles, for the browser chunk.
///
/// ```swift
/// let db = try PersistenceJS.open()
/// try PersistenceJS.memoryPut(db, namespace: "agent-1", key: [1], value: [2, 3], ttl: 0, now: 0)
/// let image = try PersistenceJS.exportImage(db)      // store it; later: PersistenceJS.load(image)
/// ```
public enum PersistenceJS {
  /// The registry entry of `handle`.
  public static func database(_ handle: Int) throws(PersistenceJSError) -> JSDatabase {
    guard handle >= 0 && handle < jsDatabases.count, let database = jsDatabases[handle] else {
      throw fail(.unknownDatabase(handle: handle), "no database with handle \(handle)")
    }
    return database
  }

  /// Whether `handle` still names `entry` (not closed, not reused for another database).
  public static func isOpen(_ handle: Int, _ entry: JSDatabase) -> Bool {
    handle >= 0 && handle < jsDatabases.count && jsDatabases[handle] === entry
  }

  /// Records `message` for ``lastError()`` and returns `error`.
  public static func fail(_ error: PersistenceJSError, _ message: String) -> PersistenceJSError {
    jsLastError = Array(message.utf8)
    return error
  }

  /// The JS error for a store failure.
  public static func fail(_ error: StoreError) -> PersistenceJSError {
    let mapped: PersistenceJSError
    switch error {
    case .database(let e):
      let code = Int(e.resultCode.rawValue)
      mapped = code == 11 || code == 26 ? .corruptImage : .sqlite(code: Int(e.extendedResultCode.rawValue))
    case .newerSchema(let found, let supported): mapped = .newerSchema(found: found, supported: supported)
    case .migrationChanged, .outdatedSchema, .unknownMigration, .invalidMigrations: mapped = .schemaMismatch
    case .keyTooLarge(let limit, let actual): mapped = .keyTooLarge(limit: limit, actual: actual)
    case .valueTooLarge(let limit, let actual): mapped = .valueTooLarge(limit: limit, actual: actual)
    case .sequenceGap, .invalidRecord: mapped = .invalidRecord
    case .unknownSwarm: mapped = .unknownSwarmID
    }
    return fail(mapped, error.description)
  }

  /// Runs a store call with the database's clock at `now`, mapping its error.
  static func call<T>(_ database: JSDatabase, now: Double, _ body: (SQLiteStore) throws(StoreError) -> T) throws(PersistenceJSError) -> T {
    database.clock.now = try milliseconds(now, "now")
    do { return try body(database.store) } catch { throw fail(error) }
  }

  /// `value` as whole milliseconds; fractions, NaN and values past ±2^53 are refused.
  public static func milliseconds(_ value: Double, _ name: StaticString) throws(PersistenceJSError) -> Int64 {
    guard value.isFinite, value == value.rounded(.towardZero), value.magnitude <= 9_007_199_254_740_992 else {
      throw fail(.invalidArgument(name: name, value: -1), "\(name) must be a whole number of milliseconds")
    }
    return Int64(value)
  }

  /// Strict UTF-8 (a namespace or a swarm id), or `invalidArgument`.
  public static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) throws(PersistenceJSError) -> String {
    guard let string = String(validating: bytes, as: UTF8.self) else {
      throw fail(.invalidArgument(name: name, value: bytes.count), "\(name) is not valid UTF-8")
    }
    return string
  }

  /// Adds a database to the registry; returns its handle (the lowest free one).
  static func register(_ entry: JSDatabase) -> Int {
    if let free = jsDatabases.firstIndex(where: { $0 == nil }) {
      jsDatabases[free] = entry
      return free
    }
    jsDatabases.append(entry)
    return jsDatabases.count - 1
  }

  /// Opens a new, empty in-memory database with the current schema; returns its handle.
  ///
  /// - Throws: ``PersistenceJSError/sqlite(code:)`` if SQLite cannot open one.
  public static func open() throws(PersistenceJSError) -> Int {
    let clock = JSClock()
    return register(JSDatabase(store: try openStore(image: nil, clock: clock), clock: clock))
  }

  /// Opens a database from an image (``exportImage(_:)``, or a cleanly closed database file),
  /// migrating it to the current schema; returns its handle.
  ///
  /// - Throws: ``PersistenceJSError/corruptImage`` (the bytes are not a database, are truncated, or fail
  ///   SQLite's quick_check; ``lastError()`` says which), ``PersistenceJSError/newerSchema(found:supported:)``.
  public static func load(_ image: UnsafeBufferPointer<UInt8>) throws(PersistenceJSError) -> Int {
    let clock = JSClock()
    return register(JSDatabase(store: try openStore(image: Array(image), clock: clock), clock: clock))
  }

  /// Replaces database `handle`'s content with `image`, checked first: on any failure the database
  /// keeps its current content. Journaled swarms opened on the old content are closed (restore them).
  public static func importImage(_ handle: Int, _ image: UnsafeBufferPointer<UInt8>) throws(PersistenceJSError) {
    let entry = try database(handle)
    entry.store = try openStore(image: Array(image), clock: entry.clock)
  }

  /// The database as bytes (`sqlite3_serialize`): store them to make the database durable.
  public static func exportImage(_ handle: Int) throws(PersistenceJSError) -> [UInt8] {
    let entry = try database(handle)
    do { return try entry.store.database.exportImage() } catch { throw fail(.database(error)) }
  }

  /// Closes a database (its handle may be reused; its journaled swarms are closed).
  public static func close(_ handle: Int) throws(PersistenceJSError) {
    _ = try database(handle)
    jsDatabases[handle] = nil
  }

  /// The schema version the database is at (its latest applied migration).
  public static func schemaVersion(_ handle: Int) throws(PersistenceJSError) -> Int {
    let entry = try database(handle)
    do { return try Migrator.applied(in: entry.store.database).last?.version ?? 0 } catch { throw fail(error) }
  }

  /// The English description of the latest failure, as UTF-8.
  public static func lastError() -> [UInt8] { jsLastError }

  // MARK: Opening

  /// A migrated store on a fresh in-memory connection, or on `image`, whose clock reads `clock`.
  static func openStore(image: [UInt8]?, clock: JSClock) throws(PersistenceJSError) -> SQLiteStore {
    let connection: Database
    do throws(DatabaseError) {
      if let image { connection = try Database(image: image) } else { connection = try Database.inMemory() }
    } catch {
      throw fail(.database(error))
    }
    do {
      return try SQLiteStore(database: connection, clock: StoreClock { clock.now })
    } catch {
      throw fail(error)
    }
  }
}
