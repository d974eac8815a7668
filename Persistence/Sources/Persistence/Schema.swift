// Schema: the RuvSwarm database, as a list of migrations.
//
// | table             | key                          | holds                                                |
// |-------------------|------------------------------|------------------------------------------------------|
// | swarms            | id                           | name, topology, opaque config bytes                  |
// | agents            | (swarm_id, id)               | name, kind, status, opaque state bytes               |
// | tasks             | (swarm_id, id)               | description, priority, status, assignee, result/error |
// | task_dependencies | (swarm_id, task_id, depends_on) | ordered dependency list of a task                 |
// | events            | (swarm_id, sequence)         | the append-only log: kind, payload bytes, timestamp  |
// | snapshots         | (swarm_id, sequence)         | state bytes after applying events 1...sequence       |
// | messages          | id (autoincrement)           | sender, recipient (NULL = broadcast), topic, payload  |
// | metrics           | rowid; index (series, timestamp) | a time series of doubles                         |
// | memory            | rowid; unique (namespace, key) | agent memory: key/value bytes, optional expiry     |
// | models            | name                         | format ('fann-net' | 'weights'), data bytes, metadata |
// | swarm_events      | (swarm_id, sequence)         | Core's flat event record, integer columns; 0, 1, 2, ... |
//
// Invariants enforced by SQLite itself, so that no writer (ours, another process, a human with the
// sqlite3 shell) can break them: tables are STRICT (no silent type coercion); events cannot be
// updated or deleted, and each swarm's sequence numbers are 1, 2, 3, ... without gaps (triggers);
// every row that belongs to a swarm references it (foreign keys); task statuses and model formats
// are closed sets (CHECK). Large values (memory, models) live in rowid tables, where SQLite keeps
// overflow pages out of the index b-tree.

/// The RuvSwarm schema: versioned migrations applied by ``SQLiteStore`` at open.
///
/// ```swift
/// Schema.migrations.map(\.version)   // [1, 2, 3, 4]
/// try Schema.migrator.migrate(db, now: 0)
/// ```
public enum Schema {
  /// Every migration, oldest first. Released migrations are never edited (their checksum is
  /// recorded); changes are new migrations.
  public static let migrations: [Migration] = [
    Migration(version: 1, name: "swarms, agents, tasks", sql: """
      CREATE TABLE swarms (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        topology TEXT NOT NULL,
        config BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE agents (
        swarm_id TEXT NOT NULL REFERENCES swarms(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        state BLOB NOT NULL,
        PRIMARY KEY (swarm_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE tasks (
        swarm_id TEXT NOT NULL REFERENCES swarms(id),
        id TEXT NOT NULL,
        description TEXT NOT NULL,
        priority INTEGER NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('pending', 'assigned', 'running', 'completed', 'failed', 'cancelled')),
        assigned_agent TEXT,
        result BLOB,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (swarm_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tasks_by_status ON tasks(swarm_id, status);
      CREATE TABLE task_dependencies (
        swarm_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        depends_on TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (swarm_id, task_id, depends_on),
        FOREIGN KEY (swarm_id, task_id) REFERENCES tasks(swarm_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      """),
    Migration(version: 2, name: "event log, snapshots, messages", sql: """
      CREATE TABLE events (
        swarm_id TEXT NOT NULL REFERENCES swarms(id),
        sequence INTEGER NOT NULL CHECK (sequence > 0),
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        timestamp INTEGER NOT NULL,
        PRIMARY KEY (swarm_id, sequence)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_contiguous BEFORE INSERT ON events
        WHEN NEW.sequence <> 1 + COALESCE((SELECT max(sequence) FROM events WHERE swarm_id = NEW.swarm_id), 0)
        BEGIN SELECT RAISE(ABORT, 'event sequence numbers must be contiguous'); END;
      CREATE TABLE snapshots (
        swarm_id TEXT NOT NULL REFERENCES swarms(id),
        sequence INTEGER NOT NULL CHECK (sequence >= 0),
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (swarm_id, sequence)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        swarm_id TEXT NOT NULL REFERENCES swarms(id),
        sender TEXT NOT NULL,
        recipient TEXT,
        topic TEXT NOT NULL,
        payload BLOB NOT NULL,
        timestamp INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_swarm ON messages(swarm_id, id);
      """),
    Migration(version: 3, name: "metrics, agent memory, models", sql: """
      CREATE TABLE metrics (
        series TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        value REAL NOT NULL
      ) STRICT;
      CREATE INDEX metrics_by_series ON metrics(series, timestamp);
      CREATE TABLE memory (
        namespace TEXT NOT NULL,
        key BLOB NOT NULL,
        value BLOB NOT NULL,
        expires_at INTEGER,
        updated_at INTEGER NOT NULL,
        UNIQUE (namespace, key)
      ) STRICT;
      CREATE INDEX memory_by_expiry ON memory(expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE models (
        name TEXT PRIMARY KEY NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('fann-net', 'weights')),
        data BLOB NOT NULL,
        metadata TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      """),
    coreEvents,
  ]

  /// Core's event record (Core/README.md, "The event record"), one row each: numbered from 0 per
  /// swarm, append-only, contiguous; -1 ids are NULL.
  static let coreEvents = Migration(version: 4, name: "core swarm events", sql: """
    CREATE TABLE swarm_events (
      swarm_id TEXT NOT NULL REFERENCES swarms(id),
      sequence INTEGER NOT NULL CHECK (sequence >= 0),
      time INTEGER NOT NULL,
      kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 255),
      agent INTEGER,
      task INTEGER,
      peer INTEGER,
      value INTEGER NOT NULL,
      PRIMARY KEY (swarm_id, sequence)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER swarm_events_no_update BEFORE UPDATE ON swarm_events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER swarm_events_no_delete BEFORE DELETE ON swarm_events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER swarm_events_contiguous BEFORE INSERT ON swarm_events
      WHEN NEW.sequence <> COALESCE((SELECT max(sequence) FROM swarm_events WHERE swarm_id = NEW.swarm_id) + 1, 0)
      BEGIN SELECT RAISE(ABORT, 'event sequence numbers must be contiguous'); END;
    """)

  /// A migrator over ``migrations``.
  public static let migrator = Migrator(validated: migrations)
}

extension Migrator {
  /// For lists already known to be ordered (``Schema/migrations``, checked by its tests).
  init(validated migrations: [Migration]) { self.migrations = migrations }
}
