// What is particular to the plain in-memory store (the shared behaviour is in StoreTests).
import Persistence
import Testing

@Suite("InMemoryStore")
struct InMemoryStoreTests {
  @Test func idsCompareAsBytesLikeSQLite() throws {
    let store = InMemoryStore(clock: StoreClock { 0 })
    // Canonically equivalent in Swift, different bytes in SQLite: two swarms in both stores.
    try store.saveSwarm(SwarmRecord(id: "\u{E9}", name: "precomposed", topology: ""))
    try store.saveSwarm(SwarmRecord(id: "e\u{301}", name: "decomposed", topology: ""))
    #expect(try store.swarms().map { $0.name } == ["decomposed", "precomposed"])
    let sqlite = try SQLiteStore.inMemory(clock: StoreClock { 0 })
    try sqlite.saveSwarm(SwarmRecord(id: "\u{E9}", name: "precomposed", topology: ""))
    try sqlite.saveSwarm(SwarmRecord(id: "e\u{301}", name: "decomposed", topology: ""))
    #expect(try sqlite.swarms().map { $0.name } == ["decomposed", "precomposed"])
  }

  @Test func limitsAndClockAreKept() {
    let store = InMemoryStore(limits: MemoryLimits(maxKeyBytes: 3, maxValueBytes: 4), clock: StoreClock { 42 })
    #expect(store.limits == MemoryLimits(maxKeyBytes: 3, maxValueBytes: 4))
    #expect(store.clock.now() == 42)
  }
}
