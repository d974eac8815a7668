// Record helpers: task status, limits, the prefix upper bound.
@testable import Persistence
import Testing

@Suite("Records")
struct RecordsTests {
  @Test func finalStatuses() {
    #expect(TaskStatus.allCases.filter { $0.isFinal } == [.completed, .failed, .cancelled])
    #expect(ModelFormat(rawValue: "fann-net") == .fannNet)
  }

  @Test func prefixUpperBoundIsTheNextByteString() {
    #expect(prefixUpperBound([]) == nil)
    #expect(prefixUpperBound([0xFF, 0xFF]) == nil)
    #expect(prefixUpperBound([0x61]) == [0x62])
    #expect(prefixUpperBound([0x61, 0xFF]) == [0x62])
    #expect(prefixUpperBound([0x00]) == [0x01])
    // Exhaustive over short strings: key starts with p  <=>  p <= key < bound(p).
    let alphabet: [UInt8] = [0x00, 0x01, 0x7F, 0xFE, 0xFF]
    var strings: [[UInt8]] = [[]]
    for _ in 0..<3 { strings += strings.flatMap { s in alphabet.map { s + [$0] } } }
    strings = Array(Set(strings))
    for prefix in strings where prefix.count <= 2 {
      let bound = prefixUpperBound(prefix)
      for key in strings {
        let inRange = !key.lexicographicallyPrecedes(prefix) && (bound.map { key.lexicographicallyPrecedes($0) } ?? true)
        #expect(inRange == key.starts(with: prefix), "prefix \(prefix) key \(key)")
      }
    }
  }

  @Test func limitsDefaults() throws {
    #expect(MemoryLimits() == MemoryLimits(maxKeyBytes: 1_024, maxValueBytes: 16 << 20))
    try MemoryLimits().check(key: [], value: nil)
  }
}
