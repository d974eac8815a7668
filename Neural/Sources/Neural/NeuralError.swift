/// Everything that can go wrong in `Neural`, as one typed error.
///
/// Bad input (a malformed file, a sample of the wrong width, an impossible layer list) is reported
/// with one of these, never with a trap. File errors name the 1-based line where reading stopped.
///
/// ```swift
/// do {
///   _ = try Network(netFile: Array("FANN_FLO_9.9\n".utf8))
/// } catch {
///   // error == .malformedFile(line: 1, problem: .wrongVersion)
/// }
/// ```
public enum NeuralError: Error, Equatable, Sendable {
  /// A `.net` or `.data` text could not be read; `line` is 1-based.
  case malformedFile(line: Int, problem: FileProblem)
  /// A vector or data set has the wrong number of elements for this network.
  case shapeMismatch(expected: Int, actual: Int)
  /// An argument is outside the values the operation accepts (layer list, rate, index…).
  case invalidArgument(Argument)
  /// The operation needs data but the set is empty.
  case emptyData
  /// A file could not be opened, read or written (native adapter only).
  case io(errno: Int32)

  /// What was wrong in a file.
  public enum FileProblem: Equatable, Sendable {
    /// The first line is not a version this reader understands.
    case wrongVersion
    /// The expected `name=` key was not found.
    case missingField(StaticString)
    /// A number could not be parsed, or is NaN/infinite where a finite value is required.
    case badNumber
    /// A count is zero, negative or larger than the reader's limits (so nothing huge is allocated).
    case badCount
    /// An enum value (activation, algorithm, …) is out of range.
    case badEnum
    /// A connection names a neuron that does not exist or is not earlier in the net.
    case badConnection
    /// The file ended before all expected values were read.
    case truncated
    /// Non-whitespace text follows the last expected value.
    case trailingJunk
    /// Carriage returns: libfann rejects CRLF `.net` files, and so do we.
    case carriageReturn

    public static func == (lhs: FileProblem, rhs: FileProblem) -> Bool {
      switch (lhs, rhs) {
      case let (.missingField(a), .missingField(b)): return a.description == b.description
      case (.wrongVersion, .wrongVersion), (.badNumber, .badNumber), (.badCount, .badCount),
        (.badEnum, .badEnum), (.badConnection, .badConnection), (.truncated, .truncated),
        (.trailingJunk, .trailingJunk), (.carriageReturn, .carriageReturn):
        return true
      default: return false
      }
    }
  }

  /// Which argument was rejected.
  public enum Argument: Equatable, Sendable {
    case layers
    case connectionRate
    case range
    case index
    case activation
    case notTrainable
    case topology
  }
}
