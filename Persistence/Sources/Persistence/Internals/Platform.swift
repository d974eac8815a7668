// The platform specifics of Persistence: owner-only file creation and the wall clock.
//
// Natively (Linux, Darwin) a new database file is created with `open(O_CREAT|O_EXCL, 0600)` before
// SQLite opens it; SQLite's unix VFS then creates `-wal`, `-shm` and journal files with the
// permissions of the database file, so the whole set is owner-only. Under Embedded Swift on wasm32
// there is no POSIX file system: the SQLite VFS the browser build links decides where bytes live,
// and the caller passes its own clock (`StoreClock(now:)`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Platform {
  /// Creates `path` owner-only when it does not exist yet. Failures are left to SQLite's open,
  /// which reports them with its own code and message (`SQLITE_CANTOPEN`).
  static func createOwnerOnlyFile(_ path: String) {
    #if canImport(Glibc) || canImport(Darwin)
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if descriptor >= 0 { close(descriptor) }
    #endif
  }
}

#if canImport(Glibc) || canImport(Darwin)
extension StoreClock {
  /// Wall-clock milliseconds since 1970 (`clock_gettime(CLOCK_REALTIME)`).
  ///
  /// ```swift
  /// let store = try SQLiteStore(path: "swarm.sqlite", clock: .system)
  /// ```
  public static var system: StoreClock {
    StoreClock {
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }
  }
}
#endif
