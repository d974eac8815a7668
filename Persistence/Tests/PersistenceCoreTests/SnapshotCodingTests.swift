// The checkpoint byte format: payload round trips and hostile input.
import Core
@testable import PersistenceCore
import Testing

@Suite("SnapshotCoding")
struct SnapshotCodingTests {
  static let samples: [Payload] = [
    .null, .bool(true), .bool(false), .int(.min), .int(42), .number(-0.5), .number(.infinity), .string(""),
    .string("'; DROP TABLE tasks; --\u{0}🐝"), .bytes([]), .bytes([0, 0xFF, 0xC0]), .array([]), .array([.int(1), .array([.null])]),
    .record([PayloadField("name", .string("x")), PayloadField(7, .record([PayloadField(-1, .bytes([1]))]))]),
  ]

  @Test(arguments: samples)
  func payloadsRoundTrip(payload: Payload) throws {
    #expect(try Payload(decoding: payload.encoded) == payload)
  }

  @Test func nanSurvivesBitForBit() throws {
    let decoded = try Payload(decoding: Payload.number(.nan).encoded)
    guard case .number(let value) = decoded else { Issue.record("not a number"); return }
    #expect(value.isNaN)
  }

  @Test func damagedBytesAreTypedErrors() {
    let good = Payload.record([PayloadField("k", .array([.string("abc"), .int(1)]))]).encoded
    // Every truncation fails cleanly.
    for length in 0..<good.count {
      #expect(throws: JournalError.self) { _ = try Payload(decoding: Array(good.prefix(length))) }
    }
    #expect(throws: JournalError.corruptSnapshot("unknown payload tag 9")) { _ = try Payload(decoding: [9]) }
    #expect(throws: JournalError.corruptSnapshot("unknown record key tag 5")) { _ = try Payload(decoding: [7, 1, 0, 0, 0, 5, 0]) }
    #expect(throws: JournalError.corruptSnapshot("1 bytes after the payload")) { _ = try Payload(decoding: [0, 0]) }
    #expect(throws: JournalError.corruptSnapshot("truncated at byte 5")) { _ = try Payload(decoding: [4, 0xFF, 0xFF, 0xFF, 0x7F]) }
    let deep: [UInt8] = Array(repeating: [UInt8]([6, 1, 0, 0, 0]), count: 300).flatMap { $0 } + [0]
    #expect(throws: JournalError.corruptSnapshot("payload nested deeper than 256")) { _ = try Payload(decoding: deep) }
  }
}
