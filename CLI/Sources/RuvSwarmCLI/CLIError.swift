// The one error type of the tool: what was wrong, where (file and line when known), and the exit
// code, following BSD sysexits where one fits. The table is in CLI/README.md.
import Core
import Forecasting
import Neural
import Persistence
import PersistenceCore

/// A failure of a command, printed as `ruvswarm: error: <where>: <what>` and mapped to an exit code.
///
/// ```swift
/// throw CLIError(.dataError, "expected 2 inputs", file: "xor.data", line: 3)
/// ```
public struct CLIError: Error, Equatable, CustomStringConvertible {
  /// Exit codes of `ruvswarm` (documented in CLI/README.md).
  public enum Code: Int32, Sendable {
    /// The work ran but did not succeed (a swarm task failed, a key was not found).
    case failure = 1
    /// The command line is wrong (also used by swift-argument-parser).
    case usage = 64
    /// An input file is malformed (bad `.data`, `.net`, CSV or JSON).
    case dataError = 65
    /// An input file does not exist or cannot be read.
    case noInput = 66
    /// A tool the command delegates to is not available.
    case unavailable = 69
    /// An output file cannot be written.
    case cantCreate = 73
    /// The database failed (SQLite error, newer schema, corrupt snapshot).
    case ioError = 74
  }

  public var code: Code
  public var message: String
  public var file: String?
  public var line: Int?

  public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil) {
    self.code = code
    self.message = message
    self.file = file
    self.line = line
  }

  /// `file:line: message`, `file: message` or `message`.
  public var description: String {
    var place = ""
    if let file {
      place = file
      if let line { place += ":\(line)" }
      place += ": "
    }
    return place + message
  }
}

extension CLIError {
  /// A Neural error about `file` (nil: not about a file).
  static func neural(_ e: NeuralError, file: String?) -> CLIError {
    switch e {
    case .malformedFile(let line, let problem):
      return CLIError(.dataError, describe(problem), file: file, line: line)
    case .shapeMismatch(let expected, let actual):
      return CLIError(.dataError, "expected \(expected) values, found \(actual)", file: file)
    case .invalidArgument(let a):
      return CLIError(.usage, "invalid \(a)")
    case .emptyData:
      return CLIError(.dataError, "the data set is empty", file: file)
    case .io(let errno):
      return CLIError(errno == 2 ? .noInput : .cantCreate, "cannot access the file (errno \(errno))", file: file)
    }
  }

  static func describe(_ p: NeuralError.FileProblem) -> String {
    switch p {
    case .wrongVersion: return "not a FANN file of a supported version"
    case .missingField(let name): return "missing field \(name)"
    case .badNumber: return "a number could not be read"
    case .badCount: return "a count is zero, negative or too large"
    case .badEnum: return "an enumeration value is out of range"
    case .badConnection: return "a connection names a missing or later neuron"
    case .truncated: return "the file ends early"
    case .trailingJunk: return "text after the last value"
    case .carriageReturn: return "carriage returns (CRLF) are not accepted"
    }
  }

  /// A Forecasting error about `file`.
  static func forecast(_ e: ForecastError, file: String?) -> CLIError {
    switch e {
    case .csv(let line, let reason): return CLIError(.dataError, reason, file: file, line: line)
    case .io(let what): return CLIError(.noInput, "cannot read: " + what, file: file)
    case .invalidArgument(let what): return CLIError(.usage, what)
    default: return CLIError(.dataError, "\(e)", file: file)
    }
  }

  /// A Persistence error about the database at `path`.
  static func store(_ e: StoreError, path: String) -> CLIError {
    CLIError(.ioError, "\(e)", file: path)
  }

  /// A journal error about the database at `path`.
  static func journal(_ e: JournalError, path: String) -> CLIError {
    switch e {
    case .noSnapshot(let id): return CLIError(.failure, "no swarm \"\(id)\" has been checkpointed", file: path)
    case .swarm(let s): return CLIError(.dataError, "the swarm engine refused: \(s)", file: path)
    default: return CLIError(.ioError, "\(e)", file: path)
    }
  }
}
