// The platform file: owner-only creation and the system clock.
import Foundation
import Persistence
import Testing

@Suite("Platform")
struct PlatformTests {
  @Test func existingFilesKeepTheirPermissions() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("shared.sqlite")
    FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640])
    _ = try Database(path: path)
    #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640)
  }

  @Test func specialPathsCreateNoFile() throws {
    _ = try Database(path: "")
    _ = try Database(path: ":memory:", options: .inMemory)
    _ = try Database(path: "file:named?mode=memory&cache=shared", options: .inMemory)
    #expect(!FileManager.default.fileExists(atPath: "file:named?mode=memory&cache=shared"))
    #expect(!FileManager.default.fileExists(atPath: ":memory:"))
  }
}
