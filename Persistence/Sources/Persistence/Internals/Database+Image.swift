// Database images: a whole database as bytes (sqlite3_serialize / sqlite3_deserialize).
//
// Purpose. In a browser the Persistence chunk keeps its databases in memory; durability is the JS
// side's job, which stores an exported image after each commit (OPFS, IndexedDB, a file under Node)
// and hands it back on the next page load. The same two calls work natively, so a database written by
// a native `SQLiteStore` opens in the browser and the other way round.
//
// Invariants.
// - `exportImage()` returns the exact bytes of the main database (the same bytes a file copy of a
//   cleanly closed rollback-journal database would hold).
// - `Database(image:)` never keeps a connection to a bad image: the bytes are checked before they
//   are used (size a positive multiple of the page size given in the header, SQLite's 16-byte magic),
//   then `PRAGMA quick_check` must answer `ok`. A failure is `notADatabase` or `corrupt`, with a message
//   that says which check failed.
// - A WAL-mode image (file-format bytes 18 and 19 equal to 2) is read as a rollback-journal one by
//   setting them to 1: an image has no -wal file, which is correct only for a database that was closed
//   cleanly (its WAL checkpointed), as a native `SQLiteStore` leaves it.
//
// Reference: https://sqlite.org/fileformat2.html (the database header), https://sqlite.org/c3ref/serialize.html.
import CSQLite

extension Database {
  /// The whole main database as bytes (`sqlite3_serialize`).
  ///
  /// ```swift
  /// let image = try db.exportImage()
  /// let copy = try Database(image: image)
  /// ```
  /// - Throws: ``DatabaseError`` (`misuse` when closed, `noMemory`).
  /// - Complexity: O(size of the database).
  public func exportImage() throws(DatabaseError) -> [UInt8] {
    let db = try open()
    var size: sqlite3_int64 = 0
    guard let bytes = sqlite3_serialize(db, "main", &size, 0) else {
      // An empty database (no page yet) serializes to nothing.
      if size == 0 && sqlite3_errcode(db) == SQLITE_OK { return [] }
      throw DatabaseError(extendedResultCode: .noMemory, message: "sqlite3_serialize failed")
    }
    defer { sqlite3_free(bytes) }
    return Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
  }

  /// Checks that `image` looks like a database SQLite can read: returns the bytes to load (with a
  /// WAL header turned into a rollback-journal one) or the reason it cannot be.
  static func checkedImage(_ image: [UInt8]) -> Result<[UInt8], DatabaseError> {
    let magic = Array("SQLite format 3".utf8) + [0]
    guard image.count >= 100, image.starts(with: magic) else {
      return .failure(DatabaseError(extendedResultCode: .notADatabase,
                                    message: "not an SQLite database image (\(image.count) bytes, no SQLite header)"))
    }
    let raw = Int(image[16]) << 8 | Int(image[17])
    let pageSize = raw == 1 ? 65_536 : raw
    guard pageSize >= 512, pageSize & (pageSize - 1) == 0, image.count % pageSize == 0 else {
      return .failure(DatabaseError(extendedResultCode: .corrupt,
                                    message: "database image of \(image.count) bytes is not a whole number of \(pageSize)-byte pages"))
    }
    var bytes = image
    if bytes[18] == 2 && bytes[19] == 2 {
      bytes[18] = 1
      bytes[19] = 1
    }
    return .success(bytes)
  }

  /// Opens an in-memory database holding a copy of `image` (from ``exportImage()``, or a cleanly
  /// closed database file), after checking it.
  ///
  /// ```swift
  /// let db = try Database(image: bytes)
  /// ```
  /// - Throws: ``ResultCode/notADatabase`` for bytes without an SQLite header, ``ResultCode/corrupt``
  ///   when the pages do not add up or `PRAGMA quick_check` finds damage; the message says which.
  /// - Complexity: O(size of the database).
  public convenience init(image: [UInt8]) throws(DatabaseError) {
    let bytes: [UInt8]
    switch Database.checkedImage(image) {
    case .success(let checked): bytes = checked
    case .failure(let error): throw error
    }
    try self.init(path: ":memory:", options: .inMemory)
    let db = try open()
    guard let buffer = sqlite3_malloc64(sqlite3_uint64(bytes.count))?.assumingMemoryBound(to: UInt8.self) else {
      throw DatabaseError(extendedResultCode: .noMemory, message: "no memory for a \(bytes.count)-byte image")
    }
    bytes.withUnsafeBufferPointer { source in buffer.update(from: source.baseAddress!, count: source.count) }
    statementCache.removeAll()
    let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
    let rc = sqlite3_deserialize(db, "main", buffer, sqlite3_int64(bytes.count), sqlite3_int64(bytes.count), flags)
    guard rc == SQLITE_OK else {  // SQLite has freed the buffer (FREEONCLOSE)
      throw DatabaseError(extendedResultCode: ResultCode(rawValue: rc), message: "sqlite3_deserialize failed")
    }
    let check: String?
    do {
      let statement = try prepare("PRAGMA quick_check")
      check = try statement.step() ? statement.text(at: 0) : nil
    } catch {
      throw DatabaseError(extendedResultCode: .corrupt, message: "database image failed its check: \(error.message)")
    }
    guard check == "ok" else {
      throw DatabaseError(extendedResultCode: .corrupt, message: "database image failed its check: \(check ?? "no answer")")
    }
  }
}
