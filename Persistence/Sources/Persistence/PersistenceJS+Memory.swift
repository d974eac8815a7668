// PersistenceJS: agent memory (byte keys and values per namespace, optional TTL) for the chunk.
//
// Keys and values cross as bytes, so hostile keys (NUL, invalid UTF-8, `%`, quotes) are stored and
// compared byte for byte; a namespace (an agent's id) is a string and must be valid UTF-8. Times are
// the caller's `now` in milliseconds since 1970; a TTL of 0 means "no expiry".

extension PersistenceJS {
  /// Stores `value` under `key` in `namespace`, replacing any previous value; expires `ttl`
  /// milliseconds after `now` (0: never). One transaction: flush the database after it.
  ///
  /// ```swift
  /// try PersistenceJS.memoryPut(db, namespace: ns, key: key, value: value, ttl: 60_000, now: 0)
  /// ```
  /// - Throws: `keyTooLarge`, `valueTooLarge`, `invalidArgument` (negative or fractional ttl, bad UTF-8).
  public static func memoryPut(
    _ handle: Int, namespace: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>,
    value: UnsafeBufferPointer<UInt8>, ttl: Double, now: Double
  ) throws(PersistenceJSError) {
    let entry = try database(handle)
    let space = try text(namespace, "namespace")
    let lifetime = try milliseconds(ttl, "ttl")
    guard lifetime >= 0 else { throw fail(.invalidArgument(name: "ttl", value: -1), "ttl must not be negative") }
    let k = Array(key), v = Array(value)
    try call(entry, now: now) { (store) throws(StoreError) in
      try store.setMemory(v, forKey: k, namespace: space, ttlMilliseconds: lifetime == 0 ? nil : lifetime)
    }
  }

  /// The value under `key`, if present and not expired at `now`.
  static func lookup(_ handle: Int, _ namespace: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>,
                     _ now: Double) throws(PersistenceJSError) -> [UInt8]? {
    let entry = try database(handle)
    let space = try text(namespace, "namespace")
    let k = Array(key)
    return try call(entry, now: now) { (store) throws(StoreError) in try store.memory(forKey: k, namespace: space) }
  }

  /// The value under `key`.
  ///
  /// - Throws: ``PersistenceJSError/notFound`` when absent or expired at `now`.
  public static func memoryGet(
    _ handle: Int, namespace: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, now: Double
  ) throws(PersistenceJSError) -> [UInt8] {
    guard let value = try lookup(handle, namespace, key, now) else { throw fail(.notFound, "no such key") }
    return value
  }

  /// 1 when `key` holds a live value at `now`, else 0.
  public static func memoryHas(
    _ handle: Int, namespace: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, now: Double
  ) throws(PersistenceJSError) -> Int {
    try lookup(handle, namespace, key, now) == nil ? 0 : 1
  }

  /// Removes `key`; 1 when something was removed, 0 when it was absent.
  public static func memoryDelete(
    _ handle: Int, namespace: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, now: Double
  ) throws(PersistenceJSError) -> Int {
    let entry = try database(handle)
    let space = try text(namespace, "namespace")
    let k = Array(key)
    return try call(entry, now: now) { (store) throws(StoreError) in
      try store.removeMemory(forKey: k, namespace: space)
    } ? 1 : 0
  }

  /// The live keys of `namespace` that start with `prefix`, in byte order, at most `limit` of them
  /// (0: all), as one byte array: for each key, its length (4 bytes, little-endian), then its bytes.
  ///
  /// - Complexity: O(total size of the keys listed).
  public static func memoryKeys(
    _ handle: Int, namespace: UnsafeBufferPointer<UInt8>, prefix: UnsafeBufferPointer<UInt8>, limit: Int, now: Double
  ) throws(PersistenceJSError) -> [UInt8] {
    let entry = try database(handle)
    let space = try text(namespace, "namespace")
    guard limit >= 0 else { throw fail(.invalidArgument(name: "limit", value: limit), "limit must not be negative") }
    let p = Array(prefix)
    let entries = try call(entry, now: now) { (store) throws(StoreError) in
      try store.memoryEntries(namespace: space, prefix: p, limit: limit == 0 ? nil : limit)
    }
    var encoded: [UInt8] = []
    for item in entries {
      let n = UInt32(item.key.count)
      encoded += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
      encoded += item.key
    }
    return encoded
  }

  /// Removes every entry expired at `now`; returns how many.
  public static func sweep(_ handle: Int, now: Double) throws(PersistenceJSError) -> Int {
    let entry = try database(handle)
    return try call(entry, now: now) { (store) throws(StoreError) in try store.sweepExpiredMemory() }
  }
}
