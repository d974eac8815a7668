// PersistenceJS agent memory (Sources/Persistence/PersistenceJS+Memory.swift): byte-exact hostile keys and values, TTLs on the caller's clock, listing.
@testable import Persistence
@testable import PersistenceCore
import Testing

/// Memory calls with Swift arrays, for the tests.
struct MemoryCalls {
  let db: Int
  let namespace: [UInt8]

  func put(_ key: [UInt8], _ value: [UInt8], ttl: Double = 0, now: Double = 0) throws(PersistenceJSError) {
    try withBytes(namespace) { (ns) throws(PersistenceJSError) in
      try withBytes(key) { (k) throws(PersistenceJSError) in
        try withBytes(value) { (v) throws(PersistenceJSError) in
          try PersistenceJS.memoryPut(db, namespace: ns, key: k, value: v, ttl: ttl, now: now)
        }
      }
    }
  }

  func get(_ key: [UInt8], now: Double = 0) throws(PersistenceJSError) -> [UInt8] {
    try withBytes(namespace) { (ns) throws(PersistenceJSError) in
      try withBytes(key) { (k) throws(PersistenceJSError) in try PersistenceJS.memoryGet(db, namespace: ns, key: k, now: now) }
    }
  }

  func has(_ key: [UInt8], now: Double = 0) throws(PersistenceJSError) -> Int {
    try withBytes(namespace) { (ns) throws(PersistenceJSError) in
      try withBytes(key) { (k) throws(PersistenceJSError) in try PersistenceJS.memoryHas(db, namespace: ns, key: k, now: now) }
    }
  }

  func delete(_ key: [UInt8], now: Double = 0) throws(PersistenceJSError) -> Int {
    try withBytes(namespace) { (ns) throws(PersistenceJSError) in
      try withBytes(key) { (k) throws(PersistenceJSError) in try PersistenceJS.memoryDelete(db, namespace: ns, key: k, now: now) }
    }
  }

  func keys(_ prefix: [UInt8], limit: Int = 0, now: Double = 0) throws(PersistenceJSError) -> [[UInt8]] {
    let encoded = try withBytes(namespace) { (ns) throws(PersistenceJSError) in
      try withBytes(prefix) { (p) throws(PersistenceJSError) in
        try PersistenceJS.memoryKeys(db, namespace: ns, prefix: p, limit: limit, now: now)
      }
    }
    var keys: [[UInt8]] = []
    var offset = 0
    while offset < encoded.count {
      let n = Int(encoded[offset]) | Int(encoded[offset + 1]) << 8 | Int(encoded[offset + 2]) << 16 | Int(encoded[offset + 3]) << 24
      keys.append(Array(encoded[offset + 4 ..< offset + 4 + n]))
      offset += 4 + n
    }
    return keys
  }
}

extension PersistenceJSTests {
  @Suite("agent memory")
  struct Memory {
    @Test func hostileKeysAndValuesRoundTripExactly() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      let memory = MemoryCalls(db: db, namespace: Array("agent \"'%_ é".utf8))
      let hostile: [[UInt8]] = [
        [0], [0, 0, 0], [0xFF, 0xFE], Array("'; DROP TABLE memory; --".utf8), Array("%_*?[\\".utf8),
        Array("\u{202E}é\u{1F600}".utf8), [0xC3, 0x28], Array(repeating: 0x41, count: 1000), [],
      ]
      for (index, key) in hostile.enumerated() {
        let value = key.reversed() + [UInt8(index), 0, 0xFF]
        try memory.put(key, value)
        #expect(try memory.get(key) == value)
      }
      #expect(try memory.keys([]).sorted { $0.lexicographicallyPrecedes($1) } == hostile.sorted { $0.lexicographicallyPrecedes($1) })
      #expect(try memory.keys([0]) == [[0], [0, 0, 0]])
      #expect(try memory.keys([], limit: 2).count == 2)
      #expect(try memory.delete([0]) == 1 && memory.delete([0]) == 0 && memory.has([0]) == 0)
      #expect(throws: PersistenceJSError.notFound) { _ = try memory.get([0]) }
      // Another namespace does not see them.
      #expect(try MemoryCalls(db: db, namespace: Array("other".utf8)).keys([]).isEmpty)
    }

    @Test func ttlFollowsTheCallersClock() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      let memory = MemoryCalls(db: db, namespace: Array("a".utf8))
      try memory.put([1], [10], ttl: 100, now: 1_000)
      try memory.put([2], [20], ttl: 0, now: 1_000)
      #expect(try memory.has([1], now: 1_099) == 1 && memory.get([1], now: 1_099) == [10])
      #expect(try memory.has([1], now: 1_100) == 0)
      try memory.put([3], [30], ttl: 10, now: 1_000)
      #expect(try PersistenceJS.sweep(db, now: 5_000) == 1)
      #expect(try memory.keys([], now: 5_000) == [[2]])
    }

    @Test func badArgumentsAndLimits() throws {
      let db = try PersistenceJS.open()
      defer { try? PersistenceJS.close(db) }
      let memory = MemoryCalls(db: db, namespace: Array("a".utf8))
      #expect(throws: PersistenceJSError.invalidArgument(name: "ttl", value: -1)) { try memory.put([1], [1], ttl: -5) }
      #expect(throws: PersistenceJSError.invalidArgument(name: "ttl", value: -1)) { try memory.put([1], [1], ttl: 0.5) }
      #expect(throws: PersistenceJSError.invalidArgument(name: "now", value: -1)) { _ = try memory.get([1], now: .infinity) }
      #expect(throws: PersistenceJSError.invalidArgument(name: "limit", value: -1)) { _ = try memory.keys([], limit: -1) }
      #expect(throws: PersistenceJSError.invalidArgument(name: "namespace", value: 1)) {
        try MemoryCalls(db: db, namespace: [0xFF]).put([1], [1])
      }
      let limits = MemoryLimits()
      #expect(throws: PersistenceJSError.keyTooLarge(limit: limits.maxKeyBytes, actual: limits.maxKeyBytes + 1)) {
        try memory.put(Array(repeating: 1, count: limits.maxKeyBytes + 1), [1])
      }
      #expect(throws: PersistenceJSError.valueTooLarge(limit: limits.maxValueBytes, actual: limits.maxValueBytes + 1)) {
        try memory.put([1], Array(repeating: 1, count: limits.maxValueBytes + 1))
      }
      #expect(throws: PersistenceJSError.unknownDatabase(handle: 99)) { _ = try MemoryCalls(db: 99, namespace: []).get([1]) }
      #expect(throws: PersistenceJSError.unknownDatabase(handle: 99)) { _ = try PersistenceJS.sweep(99, now: 0) }
    }
  }
}
