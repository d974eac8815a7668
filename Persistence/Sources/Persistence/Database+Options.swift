extension Database {
  /// How a ``Database`` is opened and configured.
  ///
  /// The defaults favour durability: WAL journal, `synchronous=FULL` (each commit is fsynced, so a
  /// committed write survives power loss as well as a crash), a 5 s busy timeout so concurrent
  /// writers wait for each other instead of failing, foreign keys on.
  ///
  /// ```swift
  /// var options = Database.Options()
  /// options.synchronous = .normal     // WAL + NORMAL: survives crashes, may lose the last commits on power loss
  /// let db = try Database(path: "swarm.sqlite", options: options)
  /// ```
  public struct Options: Sendable, Equatable {
    /// Open without write access (no file is created).
    public var readOnly = false
    /// Create the file when it does not exist (ignored when ``readOnly``).
    public var create = true
    /// The journal mode set at open.
    public var journalMode = JournalMode.wal
    /// The `synchronous` pragma set at open.
    public var synchronous = Synchronous.full
    /// Milliseconds a statement waits on a lock held by another connection before `SQLITE_BUSY`.
    public var busyTimeoutMilliseconds: Int32 = 5_000
    /// Enforce `REFERENCES` clauses.
    public var foreignKeys = true

    /// The defaults described above.
    public init() {}

    /// Read-only: for reader connections next to one writer.
    public static var readOnly: Options {
      var options = Options()
      options.readOnly = true
      return options
    }

    /// For `:memory:` databases, where WAL does not apply.
    public static var inMemory: Options {
      var options = Options()
      options.journalMode = .memory
      options.synchronous = .off
      return options
    }
  }

  /// `PRAGMA journal_mode` values.
  ///
  /// ```swift
  /// options.journalMode = .wal
  /// ```
  public enum JournalMode: String, Sendable {
    /// Write-ahead log: readers do not block the writer nor it them.
    case wal = "WAL"
    /// Rollback journal deleted at each commit.
    case delete = "DELETE"
    /// In-memory journal.
    case memory = "MEMORY"
    /// Leave the journal mode as the file has it (read-only connections always do).
    case unchanged = ""
  }

  /// `PRAGMA synchronous` values.
  ///
  /// ```swift
  /// options.synchronous = .full
  /// ```
  public enum Synchronous: String, Sendable {
    /// No fsync: fastest, a power loss may corrupt the file.
    case off = "OFF"
    /// In WAL mode: fsync at checkpoints only; durable across crashes, not power loss.
    case normal = "NORMAL"
    /// fsync at every commit.
    case full = "FULL"
  }
}
