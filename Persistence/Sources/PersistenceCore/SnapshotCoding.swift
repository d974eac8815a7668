// SnapshotCoding: the byte format of a swarm checkpoint, and of Core payloads inside it.
//
// Little-endian, length-prefixed, versioned by a 4-byte magic. Every read is bounds-checked and
// every enum code validated, so a damaged or hostile snapshot is a typed error, never a trap.
//
// | field              | encoding                                                        |
// |--------------------|-----------------------------------------------------------------|
// | magic              | "RSJ1"                                                          |
// | agents             | u32 count, then per agent: type u8, pattern u8, capabilities u64, concurrency i64 |
// | tasks              | u32 count, then per task: spec, prerequisites (u32 count, i64 each), status u8, result (u8 flag + payload), failure (u8 flag + i64 code + string) |
// | spec               | payload, priority u8, requires u64, duration i64, timeout i64, retry (4 × i64), group (u8 flag + i64) |
// | payload            | tag u8: 0 null, 1 bool (u8), 2 int (i64), 3 number (f64 bits), 4 string, 5 bytes, 6 array (u32 count + payloads), 7 record (u32 count + key + payload) |
// | key                | u8 0 + i64, or u8 1 + string                                     |
// | string, bytes      | u32 length + bytes (strings as UTF-8)                           |
import Core
import Persistence

/// Appends little-endian values to a byte array.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u8(_ value: UInt8) { bytes.append(value) }
  mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
  mutating func u64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
  mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }
  mutating func raw(_ value: [UInt8]) {
    u32(UInt32(truncatingIfNeeded: value.count))
    bytes.append(contentsOf: value)
  }
  mutating func string(_ value: String) { raw(Array(value.utf8)) }

  mutating func payload(_ value: Payload) {
    switch value {
    case .null: u8(0)
    case .bool(let b): u8(1); u8(b ? 1 : 0)
    case .int(let i): u8(2); i64(i)
    case .number(let d): u8(3); u64(d.bitPattern)
    case .string(let s): u8(4); string(s)
    case .bytes(let b): u8(5); raw(b)
    case .array(let items):
      u8(6)
      u32(UInt32(truncatingIfNeeded: items.count))
      for item in items { payload(item) }
    case .record(let fields):
      u8(7)
      u32(UInt32(truncatingIfNeeded: fields.count))
      for field in fields {
        switch field.key {
        case .int(let i): u8(0); i64(Int64(i))
        case .string(let s): u8(1); string(s)
        }
        payload(field.value)
      }
    }
  }
}

/// Reads what ``ByteWriter`` wrote; every read checks the bounds.
struct ByteReader {
  let bytes: [UInt8]
  var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { offset == bytes.count }

  mutating func need(_ count: Int) throws(JournalError) {
    guard count >= 0, bytes.count - offset >= count else {
      throw .corruptSnapshot("truncated at byte \(offset)")
    }
  }

  mutating func u8() throws(JournalError) -> UInt8 {
    try need(1)
    offset += 1
    return bytes[offset - 1]
  }

  mutating func u32() throws(JournalError) -> UInt32 {
    try need(4)
    var value: UInt32 = 0
    for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(index * 8) }
    offset += 4
    return value
  }

  mutating func u64() throws(JournalError) -> UInt64 {
    try need(8)
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
    offset += 8
    return value
  }

  mutating func i64() throws(JournalError) -> Int64 { Int64(bitPattern: try u64()) }

  /// A count, checked against the bytes left (each element takes at least `minimumSize` bytes).
  mutating func count(minimumSize: Int) throws(JournalError) -> Int {
    // Checked conversions: on wasm32 `Int` has 32 bits.
    let raw = try u32()
    guard let count = Int(exactly: raw) else { throw .corruptSnapshot("count \(raw) at byte \(offset - 4)") }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: minimumSize)
    guard !overflow else { throw .corruptSnapshot("count \(raw) at byte \(offset - 4)") }
    try need(bytes)
    return count
  }

  mutating func raw() throws(JournalError) -> [UInt8] {
    let count = try count(minimumSize: 1)
    offset += count
    return Array(bytes[(offset - count)..<offset])
  }

  mutating func string() throws(JournalError) -> String { String(decoding: try raw(), as: UTF8.self) }

  mutating func payload(depth: Int = 0) throws(JournalError) -> Payload {
    guard depth < 256 else { throw .corruptSnapshot("payload nested deeper than 256") }
    switch try u8() {
    case 0: return .null
    case 1: return .bool(try u8() != 0)
    case 2: return .int(try i64())
    case 3: return .number(Double(bitPattern: try u64()))
    case 4: return .string(try string())
    case 5: return .bytes(try raw())
    case 6:
      let count = try count(minimumSize: 1)
      var items: [Payload] = []
      for _ in 0..<count { items.append(try payload(depth: depth + 1)) }
      return .array(items)
    case 7:
      let count = try count(minimumSize: 2)
      var fields: [PayloadField] = []
      for _ in 0..<count {
        let key: PayloadKey
        switch try u8() {
        case 0: key = .int(Int(truncatingIfNeeded: try i64()))
        case 1: key = .string(try string())
        case let tag: throw .corruptSnapshot("unknown record key tag \(tag)")
        }
        fields.append(PayloadField(key, try payload(depth: depth + 1)))
      }
      return .record(fields)
    case let tag:
      throw .corruptSnapshot("unknown payload tag \(tag)")
    }
  }

  mutating func enumCode<E: RawRepresentable>(_ type: E.Type, _ name: String) throws(JournalError) -> E where E.RawValue == UInt8 {
    let code = try u8()
    guard let value = E(rawValue: code) else { throw .corruptSnapshot("unknown \(name) code \(code)") }
    return value
  }
}

extension Payload {
  /// The payload in the snapshot encoding (stored as task results).
  ///
  /// ```swift
  /// let bytes = Payload.int(42).encoded
  /// #expect(try Payload(decoding: bytes) == .int(42))
  /// ```
  public var encoded: [UInt8] {
    var writer = ByteWriter()
    writer.payload(self)
    return writer.bytes
  }

  /// Decodes ``encoded`` bytes.
  /// - Throws: ``JournalError/corruptSnapshot(_:)`` for anything else.
  public init(decoding bytes: [UInt8]) throws(JournalError) {
    var reader = ByteReader(bytes)
    self = try reader.payload()
    guard reader.isAtEnd else { throw .corruptSnapshot("\(bytes.count - reader.offset) bytes after the payload") }
  }
}
