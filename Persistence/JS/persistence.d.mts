// Type declarations of persistence.mjs (written by hand). The bundler copies both files, with
// snapshots.mjs / snapshots.d.mts, into dist/modules/persistence/ (`jsmodule` lines of
// Persistence.jsapi), so `../../loader.js` is the build's loader; scripts/checks/persistence-chunk.sh
// type-checks them with tsc --strict against tests/usage.ts.
import type { RuvSwarm, PersistenceDomain, JournalDomain } from '../../loader.js';
import type { Snapshots, SnapshotBackend, SkippedSlot } from './snapshots.mjs';

/** A key or value: a string (stored as UTF-8) or raw bytes, compared byte for byte. */
export type Bytes = string | Uint8Array;

/** Where a database's snapshots live: chosen by policy, or `custom` for a backend passed in. */
export type BackendKind = 'file' | 'opfs' | 'indexeddb' | 'custom' | (string & {});

export interface OpenOptions {
  /** A snapshots.mjs backend; default: files under Node, OPFS or IndexedDB in browsers. */
  backend?: SnapshotBackend & { kind?: string };
  /** Node: the folder of the snapshot files (default '.ruvswarm'). */
  directory?: string;
  /** The clock in milliseconds used for TTLs (default Date.now). */
  now?: () => number;
}

/** A journaled swarm's configuration: the same at creation and at restore. */
export interface SwarmConfig {
  seed?: number;
  distribution?: number;
  topology?: number;
}

export interface SpawnOptions {
  type?: number;
  capabilities?: number;
  pattern?: number;
  concurrency?: number;
}

export interface TaskOptions {
  priority?: number;
  requires?: number;
  duration?: number;
  retries?: number;
}

/** Decodes memoryKeys' encoding: for each key, a 4-byte little-endian length, then the key. */
export function decodeKeys(encoded: Uint8Array): Uint8Array[];

/** A database of the Persistence chunk made durable: every committed write is flushed as a snapshot. */
export class PersistentDatabase {
  /** Opens database `name`: the newest valid snapshot, or a new empty database. */
  static open(ruv: RuvSwarm, name: string, options?: OpenOptions): Promise<PersistentDatabase>;
  constructor(ruv: RuvSwarm, persistence: PersistenceDomain, snapshots: Snapshots, handle: number,
    loaded: { generation: bigint; skipped: SkippedSlot[] } | null, backendKind: BackendKind, now: () => number);
  readonly ruv: RuvSwarm;
  readonly persistence: PersistenceDomain;
  readonly snapshots: Snapshots;
  /** The chunk's database handle. */
  readonly handle: number;
  /** The snapshot generation last loaded or saved (0n for a new database). */
  generation: bigint;
  /** Snapshot slots found invalid at open, with the reason. */
  readonly skipped: SkippedSlot[];
  /** Where the snapshots live. */
  readonly backend: BackendKind;
  readonly now: () => number;
  /** Saves the database as the next snapshot generation (done after every write); returns it. */
  flush(): Promise<bigint>;
  /** Stores `value` under `key` in `namespace`, expiring after `ttl` ms (0: never), then flushes. */
  put(namespace: string, key: Bytes, value: Bytes, options?: { ttl?: number }): Promise<void>;
  /** The value, or undefined when absent or expired. */
  get(namespace: string, key: Bytes): Uint8Array | undefined;
  /** Removes `key`; true (and flushed) when it was live. */
  delete(namespace: string, key: Bytes): Promise<boolean>;
  /** Live keys of `namespace` starting with `prefix`, in byte order (at most `limit`, 0: all). */
  keys(namespace: string, prefix?: Bytes, limit?: number): Uint8Array[];
  /** The English description of the latest failure. */
  lastError(): string;
  /** A new journaled swarm (loads the journal chunk, and Core's, on first use). */
  createSwarm(id: string, config?: SwarmConfig): Promise<JournaledSwarm>;
  /** The journaled swarm rebuilt from its newest checkpoint (same config as at creation). */
  restoreSwarm(id: string, config?: SwarmConfig): Promise<JournaledSwarm>;
  close(): void;
}

/** A swarm whose events, agents and tasks are journaled in a PersistentDatabase. */
export class JournaledSwarm {
  constructor(database: PersistentDatabase, journal: JournalDomain, handle: number);
  readonly database: PersistentDatabase;
  readonly journal: JournalDomain;
  /** The journal chunk's swarm handle. */
  readonly handle: number;
  /** Adds an agent; returns its id. */
  spawn(options?: SpawnOptions): number;
  /** Adds a task carrying `payload`; returns its id. */
  addTask(payload: number, options?: TaskOptions): number;
  addDependency(dependent: number, prerequisite: number): void;
  submit(): number;
  /** Drives up to `batches` batches: work(payload, task) returns each job's numeric result (a throw fails it); returns the batches run. */
  run(work: (payload: number, task: number) => number, batches?: number): number;
  /** Saves events, agents, tasks and a snapshot in one commit, then flushes the database; returns the events saved. */
  checkpoint(): Promise<number>;
  status(task: number): number;
  result(task: number): number;
  readonly taskCount: number;
  close(): void;
}
