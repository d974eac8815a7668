// SQLiteStore: the Store protocol over one SQLite connection.
//
// Every write goes through a transaction (BEGIN IMMEDIATE, so concurrent writers queue on the busy
// timeout instead of failing mid-way); calls made inside `transaction { }` join it as savepoints.
// Every SQL text is a constant and every value is a bound parameter: no value is ever spliced into
// SQL. Foreign-key failures become `StoreError.unknownSwarm`, event gaps `StoreError.sequenceGap`,
// everything else SQLite reports `StoreError.database` with SQLite's code and message.

/// A ``Store`` in an SQLite file (or `:memory:`).
///
/// Open one writer per file per process; open further connections with ``Database/Options/readOnly``
/// for readers on other threads or processes (WAL mode lets them read while the writer writes).
///
/// ```swift
/// let store = try SQLiteStore(path: "swarm.sqlite", clock: .system)
/// try store.saveSwarm(SwarmRecord(id: "s1", name: "demo", topology: "mesh"))
/// let reader = try SQLiteStore(path: "swarm.sqlite", options: .readOnly, clock: .system)
/// ```
public final class SQLiteStore: Store {
  /// The connection, for direct SQL (reports, maintenance).
  public let database: Database
  /// Memory size limits.
  public let limits: MemoryLimits
  /// Where timestamps and expiries come from.
  public let clock: StoreClock

  /// Opens `path`, creating it owner-only and applying pending migrations (read-only connections
  /// only check that the schema is current).
  ///
  /// - Throws: ``StoreError/database(_:)`` (`cantOpen`, `notADatabase`, `corrupt`, `readOnly`, ...),
  ///   ``StoreError/newerSchema(found:supported:)`` for a file from a newer build.
  public init(path: String, options: Database.Options = Database.Options(), limits: MemoryLimits = MemoryLimits(),
              clock: StoreClock) throws(StoreError) {
    database = try storeCall { () throws(DatabaseError) in try Database(path: path, options: options) }
    self.limits = limits
    self.clock = clock
    if options.readOnly {
      try Schema.migrator.validate(database)
    } else {
      try Schema.migrator.migrate(database, now: clock.now())
    }
  }

  /// A store over an open connection (for instance ``Database/init(image:)``), migrated to this
  /// build's schema like a file opened writable.
  ///
  /// ```swift
  /// let store = try SQLiteStore(database: try Database(image: bytes), clock: StoreClock { 0 })
  /// ```
  /// - Throws: ``StoreError/newerSchema(found:supported:)`` and the other migration errors.
  public init(database: Database, limits: MemoryLimits = MemoryLimits(), clock: StoreClock) throws(StoreError) {
    self.database = database
    self.limits = limits
    self.clock = clock
    try Schema.migrator.migrate(database, now: clock.now())
  }

  /// A private in-memory database.
  ///
  /// ```swift
  /// let store = try SQLiteStore.inMemory(clock: StoreClock { 0 })
  /// ```
  public static func inMemory(limits: MemoryLimits = MemoryLimits(), clock: StoreClock) throws(StoreError) -> SQLiteStore {
    try SQLiteStore(path: ":memory:", options: .inMemory, limits: limits, clock: clock)
  }

  /// Runs `body` in a transaction (a savepoint when nested).
  public func transaction(_ body: () throws(StoreError) -> Void) throws(StoreError) {
    try database.transaction(.immediate, body)
  }

  /// A cached statement, as a store error.
  @inline(__always)
  func statement(_ sql: String) throws(StoreError) -> Statement {
    do { return try database.cachedStatement(sql) } catch { throw .database(error) }
  }

  /// Runs a write, mapping a foreign-key failure to ``StoreError/unknownSwarm(_:)``.
  @inline(__always)
  func write<T>(swarmID: String, _ body: () throws(DatabaseError) -> T) throws(StoreError) -> T {
    do {
      return try body()
    } catch ResultCode.constraintForeignKey {
      throw .unknownSwarm(swarmID)
    } catch {
      throw .database(error)
    }
  }

  // MARK: Swarms

  public func saveSwarm(_ swarm: SwarmRecord) throws(StoreError) {
    let upsert = try statement("""
      INSERT INTO swarms(id, name, topology, config, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, topology = excluded.topology,
        config = excluded.config, created_at = excluded.created_at
      """)
    try storeCall { () throws(DatabaseError) in
      try upsert.bind(swarm.id, at: 1)
      try upsert.bind(swarm.name, at: 2)
      try upsert.bind(swarm.topology, at: 3)
      try upsert.bind(bytes: swarm.config, at: 4)
      try upsert.bind(swarm.createdAt, at: 5)
      try upsert.run()
    }
  }

  public func swarm(id: String) throws(StoreError) -> SwarmRecord? {
    let select = try statement("SELECT id, name, topology, config, created_at FROM swarms WHERE id = ?")
    return try storeCall { () throws(DatabaseError) in
      try select.bind(id, at: 1)
      return try select.step() ? SQLiteStore.swarmRow(select) : nil
    }
  }

  public func swarms() throws(StoreError) -> [SwarmRecord] {
    let select = try statement("SELECT id, name, topology, config, created_at FROM swarms ORDER BY id")
    return try storeCall { () throws(DatabaseError) in
      var result: [SwarmRecord] = []
      while try select.step() { result.append(SQLiteStore.swarmRow(select)) }
      return result
    }
  }

  static func swarmRow(_ row: Statement) -> SwarmRecord {
    SwarmRecord(id: row.text(at: 0), name: row.text(at: 1), topology: row.text(at: 2), config: row.bytes(at: 3),
                createdAt: row.int64(at: 4))
  }

  // MARK: Agents

  public func saveAgent(_ agent: AgentRecord) throws(StoreError) {
    let upsert = try statement("""
      INSERT INTO agents(swarm_id, id, name, kind, status, state) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(swarm_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
        status = excluded.status, state = excluded.state
      """)
    try write(swarmID: agent.swarmID) { () throws(DatabaseError) in
      try upsert.bind(agent.swarmID, at: 1)
      try upsert.bind(agent.id, at: 2)
      try upsert.bind(agent.name, at: 3)
      try upsert.bind(agent.kind, at: 4)
      try upsert.bind(agent.status, at: 5)
      try upsert.bind(bytes: agent.state, at: 6)
      try upsert.run()
    }
  }

  public func agents(swarmID: String) throws(StoreError) -> [AgentRecord] {
    let select = try statement("SELECT id, name, kind, status, state FROM agents WHERE swarm_id = ? ORDER BY id")
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      var result: [AgentRecord] = []
      while try select.step() {
        result.append(AgentRecord(swarmID: swarmID, id: select.text(at: 0), name: select.text(at: 1),
                                  kind: select.text(at: 2), status: select.text(at: 3), state: select.bytes(at: 4)))
      }
      return result
    }
  }

  // MARK: Tasks

  public func saveTask(_ task: TaskRecord) throws(StoreError) {
    try task.validate()
    try transaction { () throws(StoreError) in
      let upsert = try statement("""
        INSERT INTO tasks(swarm_id, id, description, priority, status, assigned_agent, result, error,
                          created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(swarm_id, id) DO UPDATE SET description = excluded.description,
          priority = excluded.priority, status = excluded.status, assigned_agent = excluded.assigned_agent,
          result = excluded.result, error = excluded.error, created_at = excluded.created_at,
          updated_at = excluded.updated_at
        """)
      try write(swarmID: task.swarmID) { () throws(DatabaseError) in
        try upsert.bind(task.swarmID, at: 1)
        try upsert.bind(task.id, at: 2)
        try upsert.bind(task.description, at: 3)
        try upsert.bind(task.priority, at: 4)
        try upsert.bind(task.status.rawValue, at: 5)
        try upsert.bind(task.assignedAgent, at: 6)
        try upsert.bind(bytes: task.result, at: 7)
        try upsert.bind(task.error, at: 8)
        try upsert.bind(task.createdAt, at: 9)
        try upsert.bind(task.updatedAt, at: 10)
        try upsert.run()
      }
      let clear = try statement("DELETE FROM task_dependencies WHERE swarm_id = ? AND task_id = ?")
      let insert = try statement(
        "INSERT INTO task_dependencies(swarm_id, task_id, depends_on, position) VALUES (?, ?, ?, ?)")
      try storeCall { () throws(DatabaseError) in
        try clear.bind(task.swarmID, at: 1)
        try clear.bind(task.id, at: 2)
        try clear.run()
        for (position, dependency) in task.dependencies.enumerated() {
          try insert.bind(task.swarmID, at: 1)
          try insert.bind(task.id, at: 2)
          try insert.bind(dependency, at: 3)
          try insert.bind(position, at: 4)
          try insert.run()
        }
      }
    }
  }

  public func task(swarmID: String, id: String) throws(StoreError) -> TaskRecord? {
    let select = try statement("""
      SELECT id, description, priority, status, assigned_agent, result, error, created_at, updated_at
      FROM tasks WHERE swarm_id = ? AND id = ?
      """)
    let found = try storeCall { () throws(DatabaseError) -> Bool in
      try select.bind(swarmID, at: 1)
      try select.bind(id, at: 2)
      return try select.step()
    }
    guard found else { return nil }
    var task = try taskRow(select, swarmID: swarmID)
    select.reset()
    task.dependencies = try dependencies(swarmID: swarmID, taskID: id)
    return task
  }

  public func tasks(swarmID: String, status: TaskStatus?) throws(StoreError) -> [TaskRecord] {
    let select = try statement("""
      SELECT id, description, priority, status, assigned_agent, result, error, created_at, updated_at
      FROM tasks WHERE swarm_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY created_at, id
      """)
    var result: [TaskRecord] = []
    try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      try select.bind(status?.rawValue, at: 2)
    }
    while try storeCall({ () throws(DatabaseError) in try select.step() }) {
      result.append(try taskRow(select, swarmID: swarmID))
    }
    for index in result.indices {
      result[index].dependencies = try dependencies(swarmID: swarmID, taskID: result[index].id)
    }
    return result
  }

  func taskRow(_ row: Statement, swarmID: String) throws(StoreError) -> TaskRecord {
    let statusText = row.text(at: 3)
    guard let status = TaskStatus(rawValue: statusText) else {
      throw .invalidRecord("unknown task status \(statusText)")
    }
    return TaskRecord(swarmID: swarmID, id: row.text(at: 0), description: row.text(at: 1),
                      priority: Int(truncatingIfNeeded: row.int64(at: 2)), status: status,
                      assignedAgent: row.isNull(at: 4) ? nil : row.text(at: 4),
                      result: row.isNull(at: 5) ? nil : row.bytes(at: 5),
                      error: row.isNull(at: 6) ? nil : row.text(at: 6),
                      createdAt: row.int64(at: 7), updatedAt: row.int64(at: 8))
  }

  func dependencies(swarmID: String, taskID: String) throws(StoreError) -> [String] {
    let select = try statement(
      "SELECT depends_on FROM task_dependencies WHERE swarm_id = ? AND task_id = ? ORDER BY position")
    return try storeCall { () throws(DatabaseError) in
      try select.bind(swarmID, at: 1)
      try select.bind(taskID, at: 2)
      var result: [String] = []
      while try select.step() { result.append(select.text(at: 0)) }
      return result
    }
  }
}
