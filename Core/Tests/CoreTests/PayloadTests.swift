import Testing
@testable import Core

@Suite struct PayloadTests {
  @Test func recordsAndArrays() {
    let p: Payload = .record([PayloadField("n", .int(3)), PayloadField(7, .array([.number(1.5), .null]))])
    #expect(p["n"] == .int(3))
    #expect(p[PayloadKey.int(7)]?[0] == .number(1.5))
    #expect(p[PayloadKey.int(7)]?[2] == nil)
    #expect(p["missing"] == nil)
    #expect(Payload.int(1)["n"] == nil)
    #expect(Payload.null[0] == nil)
  }

  @Test func accessors() {
    #expect(Payload.int(4).intValue == 4)
    #expect(Payload.string("x").intValue == nil)
    #expect(Payload.int(4).doubleValue == 4)
    #expect(Payload.number(2.5).doubleValue == 2.5)
    #expect(Payload.bool(true).doubleValue == nil)
    #expect(Payload.string("x").stringValue == "x")
    #expect(Payload.bytes([1, 2]).stringValue == nil)
    let k: PayloadKey = 3
    #expect(k == .int(3))
    #expect(Payload.bytes([1]) != Payload.bytes([2]))
  }
}
