/// Everything that can be wrong with a notebook or with a `notebook-gen` invocation.
///
/// Errors about the notebook carry the 1-based Markdown line they concern, so the tool can report
/// them as `path:line: error: message`, which SwiftPM and editors turn into a clickable diagnostic.
///
/// ```swift
/// do {
///   _ = try Notebook(markdown: "```swift\nlet x = 1\n")
/// } catch {
///   // error == .unclosedFence(line: 1)
/// }
/// ```
public enum NotebookError: Error, Equatable, Sendable {
  /// A fence opened at `line` is never closed.
  case unclosedFence(line: Int)
  /// A `//|` directive at `line` is not one of ``CellDirective``.
  case unknownDirective(String, line: Int)
  /// The cell whose first code line is `line` asks for both `no-run` and `top-level`.
  case conflictingDirectives(line: Int)
  /// The command line is wrong; the payload says how.
  case usage(String)
  /// The notebook at `path` cannot be read as UTF-8 text.
  case unreadableInput(path: String)
  /// The generated file at `path` cannot be written.
  case unwritableOutput(path: String)

  /// The Markdown line the error concerns, if it concerns one.
  public var line: Int? {
    switch self {
    case .unclosedFence(let line), .unknownDirective(_, let line), .conflictingDirectives(let line):
      return line
    case .usage, .unreadableInput, .unwritableOutput:
      return nil
    }
  }

  /// A one-line, human-readable explanation (without location).
  public var message: String {
    switch self {
    case .unclosedFence:
      return "code fence is never closed"
    case .unknownDirective(let text, _):
      return "unknown cell directive '//| \(text)' (known: \(CellDirective.allCases.map(\.rawValue).joined(separator: ", ")))"
    case .conflictingDirectives:
      return "a cell cannot be both 'no-run' and 'top-level'"
    case .usage(let text):
      return text
    case .unreadableInput(let path):
      return "cannot read notebook \(path) as UTF-8 text"
    case .unwritableOutput(let path):
      return "cannot write generated test file \(path)"
    }
  }

  /// The diagnostic line the tool prints: `file:line: error: message` when there is a line,
  /// `notebook-gen: error: message` otherwise.
  public func diagnostic(file: String) -> String {
    if let line { return "\(file):\(line): error: \(message)" }
    return "notebook-gen: error: \(message)"
  }
}
