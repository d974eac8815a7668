// A durable database over the Persistence chunk, in browsers and Node.
//
// The chunk keeps databases in memory (SQLite on an in-memory VFS). This module makes one durable with
// snapshots.mjs: on open it loads the newest valid snapshot (a corrupt newest one is skipped, with its
// reason in `skipped`, and the previous good one loads); every committed write is flushed at once
// (policy: flush on commit, so a reload finds every write that returned); checkpoints of journaled
// swarms flush too. Storage by policy: OPFS in browsers where available, IndexedDB otherwise; files
// under Node (`directory` option). Keys and values are strings (UTF-8) or Uint8Arrays, compared byte
// for byte.
//
//   const db = await PersistentDatabase.open(ruv, 'agents');            // ruv: a RuvSwarm (loader.js)
//   await db.put('agent-1', 'plan', 'draft 2', { ttl: 60_000 });
//   await db.get('agent-1', 'plan');                                    // Uint8Array, or undefined
//   const swarm = await db.createSwarm('s1', { seed: 1 });
//   swarm.spawn(); swarm.addTask(1); swarm.submit(); swarm.run((payload) => payload * 2, 3);
//   await swarm.checkpoint();                                            // after a reload: db.restoreSwarm('s1', { seed: 1 })
import { Snapshots, browserBackend, nodeFileBackend } from './snapshots.mjs';

const encoder = new TextEncoder();
const asBytes = (value) => (value instanceof Uint8Array ? value : encoder.encode(String(value)));

/** Decodes memoryKeys' encoding: for each key, a 4-byte little-endian length, then the key. */
export function decodeKeys(encoded) {
  const keys = [];
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  for (let offset = 0; offset + 4 <= encoded.length;) {
    const length = view.getUint32(offset, true);
    keys.push(encoded.slice(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return keys;
}

export class PersistentDatabase {
  /**
   * Opens database `name`: the newest valid snapshot, or a new empty database.
   * options: backend (a snapshots.mjs backend; default by policy), directory (Node, default
   * '.ruvswarm'), now (a clock in ms, default Date.now).
   */
  static async open(ruv, name, options = {}) {
    const persistence = await ruv.load('persistence');
    let backend = options.backend;
    if (!backend) {
      backend = globalThis.process?.versions?.node && !globalThis.window
        ? { kind: 'file', ...(await nodeFileBackend(options.directory ?? '.ruvswarm')) }
        : await browserBackend();
    }
    const snapshots = new Snapshots(backend, name);
    const loaded = await snapshots.load();
    const handle = loaded ? persistence.load(loaded.bytes) : persistence.open();
    return new PersistentDatabase(ruv, persistence, snapshots, handle, loaded, backend.kind ?? 'custom', options.now ?? Date.now);
  }

  constructor(ruv, persistence, snapshots, handle, loaded, backendKind, now) {
    this.ruv = ruv;
    this.persistence = persistence;
    this.snapshots = snapshots;
    this.handle = handle;
    this.generation = loaded ? loaded.generation : 0n;
    this.skipped = loaded ? loaded.skipped : [];
    this.backend = backendKind;
    this.now = now;
  }

  /** Saves the database as the next snapshot generation (done after every write). */
  async flush() {
    this.generation = await this.snapshots.save(this.persistence.exportImage(this.handle));
    return this.generation;
  }

  async put(namespace, key, value, { ttl = 0 } = {}) {
    this.persistence.memoryPut(this.handle, namespace, asBytes(key), asBytes(value), ttl, this.now());
    await this.flush();
  }

  /** The value, or undefined when absent or expired. */
  get(namespace, key) {
    try {
      return this.persistence.memoryGet(this.handle, namespace, asBytes(key), this.now());
    } catch (error) {
      if (error.code === 'persistence.notFound') return undefined;
      throw error;
    }
  }

  async delete(namespace, key) {
    const removed = this.persistence.memoryDelete(this.handle, namespace, asBytes(key), this.now()) === 1;
    if (removed) await this.flush();
    return removed;
  }

  /** Live keys of `namespace` starting with `prefix` (Uint8Arrays, in byte order). */
  keys(namespace, prefix = new Uint8Array(0), limit = 0) {
    return decodeKeys(this.persistence.memoryKeys(this.handle, namespace, asBytes(prefix), limit, this.now()));
  }

  /** The English description of the latest failure. */
  lastError() { return this.persistence.lastError(); }

  /** A new journaled swarm (loads the journal chunk, and Core's, on first use). */
  async createSwarm(id, config = {}) {
    const journal = await this.ruv.load('journal');
    const { seed = 1, distribution = 0, topology = 0 } = config;
    return new JournaledSwarm(this, journal, journal.swarmCreate(this.handle, id, seed, distribution, topology));
  }

  /** The journaled swarm rebuilt from its newest checkpoint (same config as at creation). */
  async restoreSwarm(id, config = {}) {
    const journal = await this.ruv.load('journal');
    const { seed = 1, distribution = 0, topology = 0 } = config;
    return new JournaledSwarm(this, journal, journal.swarmRestore(this.handle, id, seed, distribution, topology));
  }

  close() { this.persistence.close(this.handle); }
}

export class JournaledSwarm {
  constructor(database, journal, handle) { this.database = database; this.journal = journal; this.handle = handle; }
  spawn({ type = 1, capabilities = 0, pattern = 0, concurrency = 1 } = {}) {
    return this.journal.swarmSpawn(this.handle, type, capabilities, pattern, concurrency);
  }
  addTask(payload, { priority = 1, requires = 0, duration = 1, retries = 0 } = {}) {
    return this.journal.swarmAddTask(this.handle, payload, priority, requires, duration, retries);
  }
  addDependency(dependent, prerequisite) { this.journal.swarmAddDependency(this.handle, dependent, prerequisite); }
  submit() { return this.journal.swarmSubmit(this.handle); }
  /** Drives up to `batches` batches: work(payload, task) returns each job's numeric result (a throw fails it). */
  run(work, batches = Infinity) {
    let done = 0;
    for (; done < batches; done++) {
      const jobs = this.journal.swarmNextBatch(this.handle);
      if (jobs === 0) break;
      for (let job = 0; job < jobs; job++) {
        const payload = this.journal.swarmJobPayload(this.handle, job), task = this.journal.swarmJobTask(this.handle, job);
        try { this.journal.swarmSetOutcome(this.handle, job, work(payload, task), 0); } catch { this.journal.swarmSetOutcome(this.handle, job, 0, 1); }
      }
      this.journal.swarmCompleteBatch(this.handle);
    }
    return done;
  }
  /** Saves events, agents, tasks and a snapshot in one commit, then flushes the database. */
  async checkpoint() {
    const events = this.journal.swarmCheckpoint(this.handle);
    await this.database.flush();
    return events;
  }
  status(task) { return this.journal.swarmTaskStatus(this.handle, task); }
  result(task) { return this.journal.swarmTaskResult(this.handle, task); }
  get taskCount() { return this.journal.swarmTaskCount(this.handle); }
  close() { this.journal.swarmClose(this.handle); }
}
