// Open options and their presets.
import Persistence
import Testing

@Suite("Database.Options")
struct DatabaseOptionsTests {
  @Test func presets() {
    let defaults = Database.Options()
    #expect(!defaults.readOnly && defaults.create && defaults.journalMode == .wal && defaults.synchronous == .full)
    #expect(defaults.busyTimeoutMilliseconds == 5_000 && defaults.foreignKeys)
    #expect(Database.Options.readOnly.readOnly)
    #expect(Database.Options.inMemory.journalMode == .memory && Database.Options.inMemory.synchronous == .off)
    #expect(Database.JournalMode.unchanged.rawValue.isEmpty)
    #expect(Database.Synchronous.normal.rawValue == "NORMAL")
  }
}
