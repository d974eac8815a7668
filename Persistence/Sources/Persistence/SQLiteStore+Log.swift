// SQLiteStore: the event log, snapshots, messages and metrics: the append-heavy tables.
//
// `appendEvents` is the hot path measured by persistence-bench against raw C inserts: one
// transaction per call, one `max(sequence)` lookup per swarm per call, then per event only binds,
// a step and a reset on a statement fetched once.

extension SQLiteStore {
  public func appendEvents(_ events: [EventRecord]) throws(StoreError) {
    guard !events.isEmpty else { return }
    try transaction { () throws(StoreError) in
      let insert = try statement(
        "INSERT INTO events(swarm_id, sequence, kind, payload, timestamp) VALUES (?, ?, ?, ?, ?)")
      var swarmID = events[0].swarmID
      var next = try lastEventSequence(swarmID: swarmID) + 1
      for event in events {
        if !event.swarmID.utf8.elementsEqual(swarmID.utf8) {
          swarmID = event.swarmID
          next = try lastEventSequence(swarmID: swarmID) + 1
        }
        guard event.sequence == next else {
          throw .sequenceGap(swarm: event.swarmID, expected: next, found: event.sequence)
        }
        try write(swarmID: event.swarmID) { () throws(DatabaseError) in
          try insert.bind(event.swarmID, at: 1)
          try insert.bind(event.sequence, at: 2)
          try insert.bind(event.kind, at: 3)
          try insert.bind(bytes: event.payload, at: 4)
          try insert.bind(event.timestamp, at: 5)
          try insert.run()
        }
        next += 1
      }
    }
  }

  public func events(swarmID: String, after: Int64, limit: Int?) throws(StoreError) -> [EventRecord] {
    try StoreRules.checkLimit(limit)
    let select = try statement("""
      SELECT sequence, kind, payload, timestamp FROM events
      WHERE swarm_id = ? AND sequence > ? ORDER BY sequence LIMIT ?
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      try select.bind(after, at: 2)
      try select.bind(limit ?? -1, at: 3)
      var result: [EventRecord] = []
      while try select.step() {
        result.append(EventRecord(swarmID: swarmID, sequence: select.int64(at: 0), kind: select.text(at: 1),
                                  payload: select.bytes(at: 2), timestamp: select.int64(at: 3)))
      }
      return result
    }
  }

  public func lastEventSequence(swarmID: String) throws(StoreError) -> Int64 {
    let select = try statement("SELECT max(sequence) FROM events WHERE swarm_id = ?")
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      let last = try select.step() ? select.int64(at: 0) : 0
      select.reset()
      return last
    }
  }

  public func appendSwarmEvents(_ rows: [SwarmEventRow]) throws(StoreError) {
    guard !rows.isEmpty else { return }
    try transaction { () throws(StoreError) in
      let insert = try statement(
        "INSERT INTO swarm_events(swarm_id, sequence, time, kind, agent, task, peer, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      var swarmID = rows[0].swarmID
      var next = try nextSwarmEventSequence(swarmID: swarmID)
      for row in rows {
        if !row.swarmID.utf8.elementsEqual(swarmID.utf8) {
          swarmID = row.swarmID
          next = try nextSwarmEventSequence(swarmID: swarmID)
        }
        guard row.sequence == next else { throw .sequenceGap(swarm: row.swarmID, expected: next, found: row.sequence) }
        try write(swarmID: row.swarmID) { () throws(DatabaseError) in
          try insert.bind(row.swarmID, at: 1)
          try insert.bind(row.sequence, at: 2)
          try insert.bind(row.time, at: 3)
          try insert.bind(Int64(row.kind), at: 4)
          try insert.bind(row.agent < 0 ? nil : Int64(row.agent), at: 5)
          try insert.bind(row.task < 0 ? nil : Int64(row.task), at: 6)
          try insert.bind(row.peer < 0 ? nil : Int64(row.peer), at: 7)
          try insert.bind(row.value, at: 8)
          try insert.run()
        }
        next += 1
      }
    }
  }

  public func swarmEvents(swarmID: String, from: Int64, limit: Int?) throws(StoreError) -> [SwarmEventRow] {
    try StoreRules.checkLimit(limit)
    let select = try statement("""
      SELECT sequence, time, kind, coalesce(agent, -1), coalesce(task, -1), coalesce(peer, -1), value
      FROM swarm_events WHERE swarm_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      try select.bind(from, at: 2)
      try select.bind(limit ?? -1, at: 3)
      var result: [SwarmEventRow] = []
      while try select.step() {
        result.append(SwarmEventRow(swarmID: swarmID, sequence: select.int64(at: 0), time: select.int64(at: 1),
                                    kind: UInt8(truncatingIfNeeded: select.int64(at: 2)),
                                    agent: Int32(truncatingIfNeeded: select.int64(at: 3)),
                                    task: Int32(truncatingIfNeeded: select.int64(at: 4)),
                                    peer: Int32(truncatingIfNeeded: select.int64(at: 5)), value: select.int64(at: 6)))
      }
      return result
    }
  }

  public func nextSwarmEventSequence(swarmID: String) throws(StoreError) -> Int64 {
    let select = try statement("SELECT coalesce(max(sequence) + 1, 0) FROM swarm_events WHERE swarm_id = ?")
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      let next = try select.step() ? select.int64(at: 0) : 0
      select.reset()
      return next
    }
  }

  public func saveSnapshot(_ snapshot: SnapshotRecord) throws(StoreError) {
    try StoreRules.checkSnapshot(snapshot)
    let upsert = try statement("""
      INSERT INTO snapshots(swarm_id, sequence, state, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(swarm_id, sequence) DO UPDATE SET state = excluded.state, created_at = excluded.created_at
      """)
    try write(swarmID: snapshot.swarmID) { () throws(DatabaseError) in
      try upsert.bind(snapshot.swarmID, at: 1)
      try upsert.bind(snapshot.sequence, at: 2)
      try upsert.bind(bytes: snapshot.state, at: 3)
      try upsert.bind(snapshot.createdAt, at: 4)
      try upsert.run()
    }
  }

  public func latestSnapshot(swarmID: String) throws(StoreError) -> SnapshotRecord? {
    let select = try statement("""
      SELECT sequence, state, created_at FROM snapshots WHERE swarm_id = ? ORDER BY sequence DESC LIMIT 1
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      guard try select.step() else { return nil }
      let snapshot = SnapshotRecord(swarmID: swarmID, sequence: select.int64(at: 0), state: select.bytes(at: 1),
                                    createdAt: select.int64(at: 2))
      select.reset()
      return snapshot
    }
  }

  public func appendMessage(_ message: MessageRecord) throws(StoreError) -> Int64 {
    let insert = try statement("""
      INSERT INTO messages(swarm_id, sender, recipient, topic, payload, timestamp) VALUES (?, ?, ?, ?, ?, ?)
      """)
    return try write(swarmID: message.swarmID) { () throws(DatabaseError) in
      try insert.bind(message.swarmID, at: 1)
      try insert.bind(message.sender, at: 2)
      try insert.bind(message.recipient, at: 3)
      try insert.bind(message.topic, at: 4)
      try insert.bind(bytes: message.payload, at: 5)
      try insert.bind(message.timestamp, at: 6)
      try insert.run()
      return database.lastInsertedRowID
    }
  }

  public func messages(swarmID: String, recipient: String?, after: Int64) throws(StoreError) -> [MessageRecord] {
    let select = try statement("""
      SELECT id, sender, recipient, topic, payload, timestamp FROM messages
      WHERE swarm_id = ?1 AND id > ?2 AND (?3 IS NULL OR recipient IS NULL OR recipient = ?3) ORDER BY id
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      try select.bind(after, at: 2)
      try select.bind(recipient, at: 3)
      var result: [MessageRecord] = []
      while try select.step() {
        result.append(MessageRecord(id: select.int64(at: 0), swarmID: swarmID, sender: select.text(at: 1),
                                    recipient: select.isNull(at: 2) ? nil : select.text(at: 2),
                                    topic: select.text(at: 3), payload: select.bytes(at: 4),
                                    timestamp: select.int64(at: 5)))
      }
      return result
    }
  }

  public func recordMetrics(_ points: [MetricPoint]) throws(StoreError) {
    try StoreRules.checkMetrics(points)
    guard !points.isEmpty else { return }
    try transaction { () throws(StoreError) in
      let insert = try statement("INSERT INTO metrics(series, timestamp, value) VALUES (?, ?, ?)")
      try storeCall { () throws(DatabaseError) in
        for point in points {
          try insert.bind(point.series, at: 1)
          try insert.bind(point.timestamp, at: 2)
          try insert.bind(point.value, at: 3)
          try insert.run()
        }
      }
    }
  }

  public func metrics(series: String, from: Int64, through: Int64) throws(StoreError) -> [MetricPoint] {
    let select = try statement("""
      SELECT timestamp, value FROM metrics WHERE series = ? AND timestamp BETWEEN ? AND ?
      ORDER BY timestamp, rowid
      """)
    return try storeCall { () throws(DatabaseError) in
      try select.bind(series, at: 1)
      try select.bind(from, at: 2)
      try select.bind(through, at: 3)
      var result: [MetricPoint] = []
      while try select.step() {
        result.append(MetricPoint(series: series, timestamp: select.int64(at: 0), value: select.double(at: 1)))
      }
      return result
    }
  }
}
