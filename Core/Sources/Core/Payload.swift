// Payload: the value tasks take and return and messages carry.
//
// One concrete value type that works in Embedded Swift (no `Any`, no Codable, no existentials) and
// maps one-to-one onto JSON-like JavaScript values: null, boolean, integer, number, string, bytes
// (Uint8Array), array, and a record whose keys are Ints or Strings. Records keep their fields in
// insertion order (an array of pairs, not a Dictionary): iteration order is then the same on every
// platform and run, which the determinism guarantee needs, and no hashing tables are pulled into
// wasm. See Design.md for the alternatives that were rejected.

/// A record key: an integer or a string.
///
/// ```swift
/// let k: PayloadKey = "name"
/// ```
public enum PayloadKey: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case int(Int)
  case string(String)
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
}

/// A field of a ``Payload/record(_:)``.
public struct PayloadField: Equatable, Sendable {
  public var key: PayloadKey
  public var value: Payload
  /// A field.
  public init(_ key: PayloadKey, _ value: Payload) {
    self.key = key
    self.value = value
  }
}

/// The value a task takes and returns, and a message carries.
///
/// ```swift
/// let p: Payload = .record([PayloadField("n", .int(3)), PayloadField("xs", .array([.number(1.5)]))])
/// #expect(p["n"] == .int(3))
/// ```
public indirect enum Payload: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case number(Double)
  case string(String)
  case bytes([UInt8])
  case array([Payload])
  case record([PayloadField])

  /// The value of the first field named `key` in a record, or nil (also nil for non-records).
  /// - Complexity: O(fields).
  public subscript(key: PayloadKey) -> Payload? {
    guard case .record(let fields) = self else { return nil }
    for f in fields where f.key == key { return f.value }
    return nil
  }

  /// The element at `index` of an array, or nil.
  public subscript(index: Int) -> Payload? {
    guard case .array(let xs) = self, index >= 0, index < xs.count else { return nil }
    return xs[index]
  }

  /// The integer value of `.int`, or nil.
  public var intValue: Int64? { if case .int(let v) = self { return v } else { return nil } }
  /// The numeric value of `.number` or `.int`, or nil.
  public var doubleValue: Double? {
    switch self {
    case .number(let v): return v
    case .int(let v): return Double(v)
    default: return nil
    }
  }
  /// The string of `.string`, or nil.
  public var stringValue: String? { if case .string(let v) = self { return v } else { return nil } }
}
