// Database images: export, re-open, and every kind of bad image refused with a typed error.
import Foundation
import Persistence
import Testing

@Suite("Database images")
struct DatabaseImageTests {
  @Test func exportThenOpenGivesTheSameRows() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE t(k BLOB, v TEXT); INSERT INTO t VALUES (x'00ff', 'a''b'), (x'', 'é')")
    let image = try db.exportImage()
    #expect(image.count % 4096 == 0 && image.starts(with: Array("SQLite format 3".utf8)))
    let copy = try Database(image: image)
    let rows = try copy.prepare("SELECT hex(k) || ':' || v FROM t ORDER BY rowid")
    var seen: [String] = []
    while try rows.step() { seen.append(rows.text(at: 0) ?? "") }
    #expect(seen == ["00FF:a'b", ":é"])
    try copy.execute("INSERT INTO t VALUES (x'01', 'grows')")  // the image is resizeable
    #expect(try copy.exportImage().count >= image.count)
  }

  @Test func aCleanlyClosedWALFileOpensAsAnImage() throws {
    let directory = TemporaryDirectory()
    let path = directory.path("wal.sqlite")
    do {
      let db = try Database(path: path)
      try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (42)")
      try db.close()
    }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes[18] == 2 && bytes[19] == 2)
    let db = try Database(image: bytes)
    let value = try db.prepare("SELECT x FROM t")
    #expect(try value.step() && value.int64(at: 0) == 42)
  }

  @Test func badImagesAreRefused() throws {
    let db = try Database.inMemory()
    try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(3000))")
    let image = try db.exportImage()
    func code(_ bytes: [UInt8]) -> ResultCode? {
      do { _ = try Database(image: bytes) } catch { return error.resultCode }
      return nil
    }
    #expect(code([]) == .notADatabase && code(Array("hello".utf8)) == .notADatabase)
    #expect(code(Array(image.dropLast(7))) == .corrupt)
    var badPageSize = image
    badPageSize[16] = 0x03  // 768: not a power of two
    #expect(code(badPageSize) == .corrupt)
    var damaged = image
    for index in 100..<600 { damaged[index] = 0xA5 }  // the first page's b-tree header and cells
    do {
      _ = try Database(image: damaged)
      Issue.record("a damaged image opened")
    } catch {
      #expect(error.resultCode == .corrupt || error.resultCode == .notADatabase)
      #expect(error.message.contains("check") || error.message.contains("malformed"))
    }
  }

  @Test func exportingAClosedDatabaseIsMisuse() throws {
    let db = try Database.inMemory()
    try db.close()
    #expect(throws: DatabaseError(extendedResultCode: .misuse, message: "database connection is closed")) {
      _ = try db.exportImage()
    }
  }
}
