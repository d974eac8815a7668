// Where a command's output goes: standard output and error natively, buffers in the tests.
//
// Every command writes through a `Console` instead of calling `print`, so that the tests can run the
// commands in-process, read what they printed, and choose whether the console "is a terminal"
// (progress bars redraw one line on a terminal and print plain lines otherwise).
import Foundation

/// The output of a command: two text streams and whether standard output is a terminal.
///
/// ```swift
/// let console = Console.capturing(terminal: false)
/// console.line("hello")
/// console.output   // "hello\n"
/// ```
public final class Console: @unchecked Sendable {
  /// Whether standard output is an interactive terminal (progress bars redraw in place).
  public let isTerminal: Bool
  private let lock = NSLock()
  private let sink: ((String, Bool) -> Void)?
  private var out = ""
  private var err = ""

  /// A console that writes to `sink` (`(text, isError)`), or captures into buffers when `sink` is nil.
  public init(isTerminal: Bool, sink: ((String, Bool) -> Void)? = nil) {
    self.isTerminal = isTerminal
    self.sink = sink
  }

  /// The process's standard output and error; `isTerminal` from `isatty(1)`.
  public static func standard() -> Console {
    Console(isTerminal: isatty(STDOUT_FILENO) == 1) { text, isError in
      FileHandle(fileDescriptor: isError ? STDERR_FILENO : STDOUT_FILENO).write(Data(text.utf8))
    }
  }

  /// A console that keeps everything written, for tests.
  public static func capturing(terminal: Bool = false) -> Console { Console(isTerminal: terminal) }

  /// Everything written to the output stream (capturing consoles only).
  public var output: String { lock.withLock { out } }
  /// Everything written to the error stream (capturing consoles only).
  public var errors: String { lock.withLock { err } }

  /// Writes `text` as is.
  public func write(_ text: String, error: Bool = false) {
    lock.withLock {
      if let sink {
        sink(text, error)
      } else if error {
        err += text
      } else {
        out += text
      }
    }
  }

  /// Writes one line.
  public func line(_ text: String = "") { write(text + "\n") }

  /// Writes one line to the error stream.
  public func errorLine(_ text: String) { write(text + "\n", error: true) }
}
