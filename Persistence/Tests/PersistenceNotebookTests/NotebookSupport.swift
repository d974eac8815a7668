// What the Persistence notebooks share (compiled into the same module as every notebook).
import Foundation
import Persistence

/// A fresh path for a database file in a new temporary directory.
func temporaryDatabasePath(_ name: String = "notebook.sqlite") -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("persistence-notebook-\(UUID().uuidString)", isDirectory: true)
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory.appendingPathComponent(name).path
}

/// The permission bits of a file, e.g. `0o600`.
func permissions(of path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
}

/// A clock the notebook moves by hand.
final class NotebookClock: @unchecked Sendable {
  var now: Int64 = 1_000
  var storeClock: StoreClock { StoreClock { [self] in now } }
}
