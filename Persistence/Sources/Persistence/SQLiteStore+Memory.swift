// SQLiteStore: agent memory and stored models.
//
// Keys and values are BLOBs, compared with memcmp: byte-exact for any input. Prefix listing is
// the range `prefix <= key < prefixUpperBound(prefix)`, answered from the (namespace, key) index,
// so keys full of `%`, `_`, `*`, `?`, `[` or `\` need no escaping: LIKE and GLOB are never used.
// Expired entries are invisible to reads, removed when a read meets them (lazy expiry) and in
// bulk by `sweepExpiredMemory()`.

extension SQLiteStore {
  public func setMemory(_ value: [UInt8], forKey key: [UInt8], namespace: String,
                        ttlMilliseconds: Int64?) throws(StoreError) {
    try limits.check(key: key, value: value)
    try StoreRules.checkTTL(ttlMilliseconds)
    let now = clock.now()
    let upsert = try statement("""
      INSERT INTO memory(namespace, key, value, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
        updated_at = excluded.updated_at
      """)
    try storeCall { () throws(DatabaseError) in
      try upsert.bind(namespace, at: 1)
      try upsert.bind(bytes: key, at: 2)
      try upsert.bind(bytes: value, at: 3)
      try upsert.bind(StoreRules.expiry(now: now, ttl: ttlMilliseconds), at: 4)
      try upsert.bind(now, at: 5)
      try upsert.run()
    }
  }

  public func memory(forKey key: [UInt8], namespace: String) throws(StoreError) -> [UInt8]? {
    try limits.check(key: key)
    let now = clock.now()
    let select = try statement("SELECT value, expires_at FROM memory WHERE namespace = ? AND key = ?")
    let (value, expired) = try storeCall { () throws(DatabaseError) -> ([UInt8]?, Bool) in
      try select.bind(namespace, at: 1)
      try select.bind(bytes: key, at: 2)
      guard try select.step() else { return (nil, false) }
      if !select.isNull(at: 1) && select.int64(at: 1) <= now {
        select.reset()
        return (nil, true)
      }
      let value = select.bytes(at: 0)
      select.reset()
      return (value, false)
    }
    if expired && !database.isReadOnly {
      let delete = try statement("DELETE FROM memory WHERE namespace = ? AND key = ? AND expires_at <= ?")
      try storeCall { () throws(DatabaseError) in
        try delete.bind(namespace, at: 1)
        try delete.bind(bytes: key, at: 2)
        try delete.bind(now, at: 3)
        try delete.run()
      }
    }
    return value
  }

  public func removeMemory(forKey key: [UInt8], namespace: String) throws(StoreError) -> Bool {
    try limits.check(key: key)
    let now = clock.now()
    let delete = try statement("DELETE FROM memory WHERE namespace = ? AND key = ? RETURNING expires_at")
    return try storeCall { () throws(DatabaseError) in
      try delete.bind(namespace, at: 1)
      try delete.bind(bytes: key, at: 2)
      var live = false
      while try delete.step() { live = delete.isNull(at: 0) || delete.int64(at: 0) > now }
      return live
    }
  }

  public func memoryEntries(namespace: String, prefix: [UInt8], limit: Int?) throws(StoreError) -> [MemoryEntry] {
    try StoreRules.checkLimit(limit)
    let now = clock.now()
    let upper = prefixUpperBound(prefix)
    let select = try statement(upper == nil ? """
      SELECT key, value, expires_at FROM memory
      WHERE namespace = ?1 AND key >= ?2 AND (expires_at IS NULL OR expires_at > ?4)
      ORDER BY key LIMIT ?5
      """ : """
      SELECT key, value, expires_at FROM memory
      WHERE namespace = ?1 AND key >= ?2 AND key < ?3 AND (expires_at IS NULL OR expires_at > ?4)
      ORDER BY key LIMIT ?5
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(namespace, at: 1)
      try select.bind(bytes: prefix, at: 2)
      if let upper { try select.bind(bytes: upper, at: 3) }
      try select.bind(now, at: 4)
      try select.bind(limit ?? -1, at: 5)
      var result: [MemoryEntry] = []
      while try select.step() {
        result.append(MemoryEntry(namespace: namespace, key: select.bytes(at: 0), value: select.bytes(at: 1),
                                  expiresAt: select.isNull(at: 2) ? nil : select.int64(at: 2)))
      }
      return result
    }
  }

  public func sweepExpiredMemory() throws(StoreError) -> Int {
    let delete = try statement("DELETE FROM memory WHERE expires_at <= ?")
    return try storeCall { () throws(DatabaseError) in
      try delete.bind(clock.now(), at: 1)
      try delete.run()
      return database.changes
    }
  }

  public func saveModel(_ model: ModelRecord) throws(StoreError) {
    let upsert = try statement("""
      INSERT INTO models(name, format, data, metadata, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(name) DO UPDATE SET format = excluded.format, data = excluded.data,
        metadata = excluded.metadata, created_at = excluded.created_at
      """)
    try storeCall { () throws(DatabaseError) in
      try upsert.bind(model.name, at: 1)
      try upsert.bind(model.format.rawValue, at: 2)
      try upsert.bind(bytes: model.data, at: 3)
      try upsert.bind(model.metadata, at: 4)
      try upsert.bind(model.createdAt, at: 5)
      try upsert.run()
    }
  }

  public func model(named name: String) throws(StoreError) -> ModelRecord? {
    let select = try statement("SELECT format, data, metadata, created_at FROM models WHERE name = ?")
    let row = try storeCall { () throws(DatabaseError) -> (String, [UInt8], String, Int64)? in
      try select.bind(name, at: 1)
      guard try select.step() else { return nil }
      let row = (select.text(at: 0), select.bytes(at: 1), select.text(at: 2), select.int64(at: 3))
      select.reset()
      return row
    }
    guard let row else { return nil }
    guard let format = ModelFormat(rawValue: row.0) else { throw .invalidRecord("unknown model format \(row.0)") }
    return ModelRecord(name: name, format: format, data: row.1, metadata: row.2, createdAt: row.3)
  }

  public func modelNames() throws(StoreError) -> [String] {
    let select = try statement("SELECT name FROM models ORDER BY name")
    return try storeCall { () throws(DatabaseError) in
      var names: [String] = []
      while try select.step() { names.append(select.text(at: 0)) }
      return names
    }
  }
}
