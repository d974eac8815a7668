// End to end: a throwaway package applies NotebookPlugin (this package, found from #filePath) to a test
// target, and `swift test` in it must
// - fail the deliberately wrong notebook and report the failing #expect at its Markdown file:line,
// - pass the correct README notebook (state shared across cells, a top-level cell, a no-run cell that
//   would not compile, an import lifted from a later cell, a helper from the target's own file),
// - ignore .docc articles that are not numbered (Design.md holds a cell that would not compile);
// then a notebook with a compile error must fail the build at its Markdown file:line.
// One scratch package, one full build and one incremental one; the directory is removed afterwards.
import Foundation
import Testing

@Suite struct NotebookPluginTests {
  /// The Notebook package: two folders up from this file's folder.
  static let notebookPackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let manifest = """
    // swift-tools-version: 6.1
    import PackageDescription

    let package = Package(
      name: "Scratch",
      dependencies: [.package(path: \(literal(notebookPackage.path)))],
      targets: [
        .target(name: "Lib", exclude: ["Lib.docc"]),
        .testTarget(name: "LibNotebookTests", dependencies: ["Lib"],
                    plugins: [.plugin(name: "NotebookPlugin", package: "Notebook")]),
      ]
    )

    """

  static let library = """
    public func triple(_ x: Int) -> Int { 3 * x }
    public func slowTriple(_ x: Int) async -> Int { 3 * x }
    public struct TripleError: Error {}
    public func checkedTriple(_ x: Int) throws -> Int {
      guard x >= 0 else { throw TripleError() }
      return 3 * x
    }

    """

  /// The file the notebook test target must have of its own (SwiftPM drops a target without sources).
  static let support = """
    /// Shared by every notebook of the package.
    func isEven(_ x: Int) -> Bool { x % 2 == 0 }

    """

  static let readme = """
    # Scratch

    ```bash
    swift test
    ```

    ```swift
    var total = triple(2)
    ```

    ```swift
    //| top-level
    struct Point { var x: Int }
    ```

    ```swift
    //| no-run
    this cell is shown, never compiled
    ```

    1. In a list, with an import lifted from a later cell:

       ```swift
       import Lib
       total += Point(x: try checkedTriple(1)).x
       total += await slowTriple(0)
       #expect(total == 9)
       #expect(!isEven(total))
       ```

    """

  static let wrong = """
    # Wrong

    A notebook whose third line of code is wrong.

    ```swift
    import Lib
    let tripled = triple(3)
    #expect(tripled == 10)
    ```

    """

  static let design = """
    # Design (not a notebook: not numbered)

    ```swift
    this would not compile
    ```

    """

  static let broken = """
    # Broken

    ```swift
    let fine = 1
    let broken: Int = "text"
    ```

    """

  @Test(.timeLimit(.minutes(20)))
  func wrongCellsFailAtTheirMarkdownLineAndCorrectNotebooksPass() throws {
    let files = FileManager.default
    let root = files.temporaryDirectory.appending(path: "notebook-e2e-\(UUID().uuidString)")
    defer { try? files.removeItem(at: root) }
    let catalog = root.appending(path: "Sources/Lib/Lib.docc")
    try files.createDirectory(at: catalog, withIntermediateDirectories: true)
    try files.createDirectory(at: root.appending(path: "Tests/LibNotebookTests"), withIntermediateDirectories: true)
    try Self.manifest.write(to: root.appending(path: "Package.swift"), atomically: true, encoding: .utf8)
    try Self.library.write(to: root.appending(path: "Sources/Lib/Lib.swift"), atomically: true, encoding: .utf8)
    try Self.support.write(to: root.appending(path: "Tests/LibNotebookTests/Support.swift"), atomically: true, encoding: .utf8)
    try Self.readme.write(to: root.appending(path: "README.md"), atomically: true, encoding: .utf8)
    try Self.wrong.write(to: catalog.appending(path: "01-wrong.md"), atomically: true, encoding: .utf8)
    try Self.design.write(to: catalog.appending(path: "Design.md"), atomically: true, encoding: .utf8)

    let wrongLine = try #require(Self.line(of: "#expect(tripled == 10)", in: Self.wrong))
    #expect(wrongLine == 8)
    let test = try Self.swift(["test"], in: root)
    #expect(test.status != 0)
    #expect(test.output.contains("Test \"01-wrong.md\" recorded an issue at 01-wrong.md:\(wrongLine):"), "\(test.output)")
    #expect(test.output.contains("Expectation failed: (tripled → 9) == 10"))
    #expect(test.output.contains("Test \"README.md\" passed"), "\(test.output)")
    #expect(test.output.contains("2 tests"))

    try Self.broken.write(to: catalog.appending(path: "02-broken.md"), atomically: true, encoding: .utf8)
    let brokenLine = try #require(Self.line(of: "let broken: Int", in: Self.broken))
    let build = try Self.swift(["build", "--build-tests"], in: root)
    #expect(build.status != 0)
    let brokenPath = catalog.appending(path: "02-broken.md").path
    #expect(build.output.contains("\(brokenPath):\(brokenLine):19: error: cannot convert value of type 'String'"), "\(build.output)")
  }

  /// The 1-based line of the first line of `text` that contains `needle`.
  static func line(of needle: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
  }

  /// Runs `swift <arguments>` in `directory`; stdout and stderr together.
  ///
  /// SwiftPM's cache, configuration and security folders, and TMPDIR (where SwiftPM puts its lock
  /// files and the driver its temporary files), are put in `directory/.swiftpm-state`, so nothing is
  /// left outside the scratch package. The coverage profile variable of an enclosing
  /// `swift test --enable-code-coverage` is removed, so the scratch package's test binary does not
  /// write into this package's coverage data.
  static func swift(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
    let state = directory.appending(path: ".swiftpm-state")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift"] + arguments + [
      "--cache-path", state.appending(path: "cache").path,
      "--config-path", state.appending(path: "config").path,
      "--security-path", state.appending(path: "security").path,
    ]
    process.currentDirectoryURL = directory
    let temporary = state.appending(path: "tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["LLVM_PROFILE_FILE"] = nil
    environment["TMPDIR"] = temporary.path
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// `text` as a Swift string literal.
  static func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
