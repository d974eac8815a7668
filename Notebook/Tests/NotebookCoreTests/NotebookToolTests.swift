import Foundation
import Testing
@testable import NotebookCore

@Suite struct NotebookToolTests {
  /// A fresh temporary directory, removed after `body`.
  func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appending(path: "notebook-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try body(dir)
  }

  @Test func parsesItsThreeOptionsInAnyOrder() throws {
    let options = try NotebookTool.Options(parsing: ["--output", "o.swift", "--input", "/a/README.md", "--relative-path", "README.md"])
    #expect(options == NotebookTool.Options(input: "/a/README.md", relativePath: "README.md", output: "o.swift"))
  }

  @Test(arguments: [
    ([], NotebookTool.usage),
    (["--input", "a.md"], NotebookTool.usage),
    (["--input", "a.md", "--relative-path", "a.md", "--output"], "--output needs a value\n" + NotebookTool.usage),
    (["--input", "a.md", "--input", "b.md"], "--input is given twice\n" + NotebookTool.usage),
    (["a.md"], "unknown argument 'a.md'\n" + NotebookTool.usage),
  ])
  func badCommandLinesAreUsageErrors(arguments: [String], message: String) {
    #expect(throws: NotebookError.usage(message)) { try NotebookTool.Options(parsing: arguments) }
  }

  @Test func writesTheGeneratedFile() throws {
    try withTemporaryDirectory { dir in
      let input = dir.appending(path: "README.md")
      let output = dir.appending(path: "README.md.swift")
      try "```swift\nlet a = 1\n#expect(a == 1)\n```\n".write(to: input, atomically: true, encoding: .utf8)
      var reports: [String] = []
      let status = NotebookTool.main(
        arguments: ["notebook-gen", "--input", input.path, "--relative-path", "README.md", "--output", output.path],
        report: { reports.append($0) })
      #expect(status == 0)
      #expect(reports.isEmpty)
      let expected = TestFileGenerator(relativePath: "README.md", sourcePath: input.path)
        .generate(try Notebook(markdown: "```swift\nlet a = 1\n#expect(a == 1)\n```\n"))
      #expect(try String(contentsOf: output, encoding: .utf8) == expected)
    }
  }

  @Test func leavesAnUpToDateOutputUntouchedAndReplacesAStaleOne() throws {
    try withTemporaryDirectory { dir in
      let input = dir.appending(path: "01-a.md")
      let output = dir.appending(path: "out.swift")
      try "```swift\n#expect(true)\n```\n".write(to: input, atomically: true, encoding: .utf8)
      let options = NotebookTool.Options(input: input.path, relativePath: "01-a.md", output: output.path)
      try NotebookTool.run(options)
      let old = Date(timeIntervalSince1970: 1_000_000)
      try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: output.path)
      try NotebookTool.run(options)
      let unchanged = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
      #expect(unchanged == old)
      try "stale".write(to: output, atomically: true, encoding: .utf8)
      try NotebookTool.run(options)
      #expect(try String(contentsOf: output, encoding: .utf8).contains("@Test(\"01-a.md\")"))
    }
  }

  @Test func reportsNotebookErrorsAtTheirMarkdownLine() throws {
    try withTemporaryDirectory { dir in
      let input = dir.appending(path: "README.md")
      try "# T\n```swift\n//| nope\n```\n".write(to: input, atomically: true, encoding: .utf8)
      var reports: [String] = []
      let status = NotebookTool.main(
        arguments: ["notebook-gen", "--input", input.path, "--relative-path", "README.md",
                    "--output", dir.appending(path: "o.swift").path],
        report: { reports.append($0) })
      #expect(status == 1)
      #expect(reports == ["\(input.path):3: error: unknown cell directive '//| nope' (known: no-run, top-level)"])
      #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "o.swift").path))
    }
  }

  @Test func reportsUsageErrorsWithStatus64() {
    var reports: [String] = []
    let status = NotebookTool.main(arguments: ["notebook-gen", "--bogus"], report: { reports.append($0) })
    #expect(status == 64)
    #expect(reports == ["notebook-gen: error: unknown argument '--bogus'\n\(NotebookTool.usage)"])
  }

  @Test func aMissingOrNonUTF8InputIsUnreadable() throws {
    try withTemporaryDirectory { dir in
      let missing = dir.appending(path: "missing.md").path
      #expect(throws: NotebookError.unreadableInput(path: missing)) {
        try NotebookTool.run(.init(input: missing, relativePath: "missing.md", output: dir.appending(path: "o").path))
      }
      let binary = dir.appending(path: "binary.md")
      try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: binary)
      #expect(throws: NotebookError.unreadableInput(path: binary.path)) {
        try NotebookTool.run(.init(input: binary.path, relativePath: "binary.md", output: dir.appending(path: "o").path))
      }
    }
  }

  @Test func refusesToReplaceAnythingButARegularFile() throws {
    try withTemporaryDirectory { dir in
      let input = dir.appending(path: "README.md")
      try "```swift\n#expect(true)\n```\n".write(to: input, atomically: true, encoding: .utf8)
      let target = dir.appending(path: "target.swift")
      try "keep".write(to: target, atomically: true, encoding: .utf8)
      let link = dir.appending(path: "link.swift")
      try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
      #expect(throws: NotebookError.unwritableOutput(path: link.path)) {
        try NotebookTool.run(.init(input: input.path, relativePath: "README.md", output: link.path))
      }
      #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
      #expect(throws: NotebookError.unwritableOutput(path: dir.path)) {
        try NotebookTool.run(.init(input: input.path, relativePath: "README.md", output: dir.path))
      }
      let nowhere = dir.appending(path: "no/such/dir/o.swift").path
      #expect(throws: NotebookError.unwritableOutput(path: nowhere)) {
        try NotebookTool.run(.init(input: input.path, relativePath: "README.md", output: nowhere))
      }
    }
  }
}
