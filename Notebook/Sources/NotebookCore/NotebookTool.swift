// The `notebook-gen` command: read one notebook, write its test file. The executable's main only
// calls ``NotebookTool/main(arguments:)``, so everything here is unit-tested.
import Foundation

/// The `notebook-gen` command line tool.
///
/// ```
/// notebook-gen --input /pkg/README.md --relative-path README.md --output /work/README.md.swift
/// ```
/// `--input` is also the path written into `#sourceLocation`, so pass it absolute.
///
/// ```swift
/// let status = NotebookTool.main(arguments: ["notebook-gen", "--input", md, "--relative-path",
///                                            "README.md", "--output", swiftFile])
/// // status == 0 and swiftFile holds the test
/// ```
public enum NotebookTool {
  /// The usage line printed with a usage error.
  public static let usage =
    "usage: notebook-gen --input <notebook.md> --relative-path <path in package> --output <file.swift>"

  /// What one invocation asks for.
  public struct Options: Equatable, Sendable {
    public var input: String
    public var relativePath: String
    public var output: String

    public init(input: String, relativePath: String, output: String) {
      self.input = input
      self.relativePath = relativePath
      self.output = output
    }

    /// Parses the arguments after the program name.
    ///
    /// - Throws: ``NotebookError/usage(_:)`` for a missing, repeated or unknown option.
    public init(parsing arguments: [String]) throws(NotebookError) {
      var values: [String: String] = [:]
      var rest = arguments[...]
      while let name = rest.popFirst() {
        guard ["--input", "--relative-path", "--output"].contains(name) else {
          throw .usage("unknown argument '\(name)'\n\(NotebookTool.usage)")
        }
        guard let value = rest.popFirst() else { throw .usage("\(name) needs a value\n\(NotebookTool.usage)") }
        guard values.updateValue(value, forKey: name) == nil else {
          throw .usage("\(name) is given twice\n\(NotebookTool.usage)")
        }
      }
      guard let input = values["--input"], let relativePath = values["--relative-path"],
            let output = values["--output"] else {
        throw .usage(NotebookTool.usage)
      }
      self.init(input: input, relativePath: relativePath, output: output)
    }
  }

  /// Runs the tool: parses the notebook and writes the test file (only when its contents change,
  /// so an unchanged notebook does not recompile the test target). The output must be a regular
  /// file or not exist yet: it is replaced atomically.
  ///
  /// - Throws: any ``NotebookError``.
  public static func run(_ options: Options) throws(NotebookError) {
    let markdown: String
    do {
      markdown = try String(contentsOfFile: options.input, encoding: .utf8)
    } catch {
      throw .unreadableInput(path: options.input)
    }
    let notebook = try Notebook(markdown: markdown)
    let generator = TestFileGenerator(relativePath: options.relativePath, sourcePath: options.input)
    let text = generator.generate(notebook)
    if let type = try? FileManager.default.attributesOfItem(atPath: options.output)[.type] as? FileAttributeType {
      // Only a regular file is replaced: an atomic write would swap a device or a link for a file.
      guard type == .typeRegular else { throw .unwritableOutput(path: options.output) }
      if let existing = try? String(contentsOfFile: options.output, encoding: .utf8), existing == text {
        return
      }
    }
    do {
      try text.write(toFile: options.output, atomically: true, encoding: .utf8)
    } catch {
      throw .unwritableOutput(path: options.output)
    }
  }

  /// The whole command: arguments in (program name first), exit status out; a failure is printed
  /// to `report` as a diagnostic (`file:line: error: ...`).
  public static func main(arguments: [String], report: (String) -> Void) -> Int32 {
    var input = "notebook-gen"
    do throws(NotebookError) {
      let options = try Options(parsing: Array(arguments.dropFirst()))
      input = options.input
      try run(options)
      return 0
    } catch {
      report(error.diagnostic(file: input))
      return error.isUsage ? 64 : 1
    }
  }
}

extension NotebookError {
  var isUsage: Bool {
    if case .usage = self { return true }
    return false
  }
}
