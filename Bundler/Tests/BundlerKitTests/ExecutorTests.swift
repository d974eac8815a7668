import Foundation
import Testing
@testable import BundlerKit

@Suite struct SystemExecutorTests {
  let executor = SystemExecutor()

  @Test func runsToolsAndReportsFailures() throws {
    #expect(try executor.run(executable: "/bin/sh", arguments: ["-c", "printf hello"]) == Array("hello".utf8))
    #expect {
      try executor.run(executable: "/bin/sh", arguments: ["-c", "echo oops >&2; exit 3"])
    } throws: { ($0 as? BuildError)?.message == "sh failed (exit 3):\noops\n" }
    #expect(throws: BuildError.self) { try executor.run(executable: "/nonexistent/tool", arguments: []) }
  }

  @Test func filesAndDirectories() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bundler-ex-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try executor.makeDirectory(root + "/a/b")
    try executor.write([1, 2, 3], to: root + "/a/b/f")
    try executor.copy(root + "/a/b/f", to: root + "/a/g")
    #expect(try executor.read(root + "/a/g") == [1, 2, 3])
    #expect(executor.listDirectory(root + "/a") == ["b", "g"] && executor.listDirectory(root + "/none").isEmpty)
    try executor.remove(root + "/a/g")
    #expect(executor.listDirectory(root + "/a") == ["b"])
    #expect(throws: BuildError.self) { try executor.remove(root + "/a/g") }
    #expect(throws: BuildError("cannot read \(root)/missing")) { try executor.read(root + "/missing") }
    #expect(throws: BuildError.self) { try executor.write([1], to: root + "/missing/dir/f") }
    #expect(throws: BuildError.self) { try executor.makeDirectory(root + "/a/b/f/sub") }
    #expect(BuildError("x").description == "x")
  }
}
