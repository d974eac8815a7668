/// Everything that can go wrong in Forecasting, as one typed error.
///
/// Bad input (a malformed date, a series too short for the requested horizon, a negative value
/// under Box–Cox) is reported with one of these cases, never with a trap.
///
/// ```swift
/// do { _ = try Timestamp.parse("2024-13-01") } catch { error == .invalidDate("2024-13-01") }
/// ```
public enum ForecastError: Error, Equatable, Sendable {
  /// A date or date-time text that is not `YYYY-MM-DD[ HH:MM[:SS]]` or names an impossible day.
  case invalidDate(String)
  /// A frequency name that is not known (see ``Frequency/parse(_:)``).
  case unknownFrequency(String)
  /// Parallel arrays whose lengths differ.
  case lengthMismatch(expected: Int, actual: Int)
  /// A series that has fewer observations than an operation needs.
  case seriesTooShort(id: String, needed: Int, actual: Int)
  /// A missing value (NaN) where the chosen policy does not allow one.
  case missingValue(id: String, index: Int)
  /// Two rows of one series with the same timestamp, or timestamps off the frequency's grid.
  case irregularTimestamps(id: String)
  /// An argument outside its domain (horizon ≤ 0, level outside (0, 100), …); the text says which.
  case invalidArgument(String)
  /// Data outside a transform's domain (Box–Cox needs positive values).
  case outOfDomain(String)
  /// A column name that the frame or table does not have.
  case unknownColumn(String)
  /// A model used before `fit`.
  case notFitted(String)
  /// A saved model that cannot be read: wrong magic, version, kind or a malformed line.
  case corruptArchive(String)
  /// A CSV problem (native adapter): line number and what was wrong.
  case csv(line: Int, reason: String)
  /// A file that could not be read or written (native adapter).
  case io(String)
}
