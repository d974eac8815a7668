// Type declarations of snapshots.mjs (written by hand, checked by tsc --strict in
// scripts/checks/persistence-browser-sqlite.sh against examples/snapshots-usage.mts).

/** Where snapshot slots live; `write` must replace a slot atomically. */
export interface SnapshotBackend {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
}

export type SnapshotErrorCode = 'snapshot-corrupt' | 'snapshot-invalid';

/** A snapshot that cannot be saved or loaded. */
export class SnapshotError extends Error {
  readonly code: SnapshotErrorCode;
  readonly details: { skipped?: SkippedSlot[] };
}

export interface SkippedSlot { slot: 0 | 1; reason: string }

export interface LoadedSnapshot {
  /** The database image, for sqlite3_deserialize. */
  bytes: Uint8Array;
  generation: bigint;
  slot: 0 | 1;
  /** Slots that were present but invalid, with the reason. */
  skipped: SkippedSlot[];
}

/** Two checksummed generations of one database; the last good one is never overwritten. */
export class Snapshots {
  constructor(backend: SnapshotBackend, name?: string);
  /** The newest valid snapshot, or null when none was ever saved; throws 'snapshot-corrupt' when none is valid. */
  load(): Promise<LoadedSnapshot | null>;
  /** Saves an exported database image as the next generation; returns that generation. */
  save(bytes: Uint8Array): Promise<bigint>;
}

/** Node: slots are files in `directory`, replaced by temporary file + fsync + rename. */
export function nodeFileBackend(directory: string): Promise<SnapshotBackend>;
/** Browsers: slots in an IndexedDB object store. */
export function indexedDBBackend(database?: string): Promise<SnapshotBackend>;
/** Browsers: slots as files in the origin-private file system. */
export function opfsBackend(directory?: string): Promise<SnapshotBackend>;
/** OPFS where available, IndexedDB otherwise. */
export function browserBackend(): Promise<SnapshotBackend & { kind: 'opfs' | 'indexeddb' }>;
/** A cleanly closed native (WAL-mode) database file as an image the in-memory VFS accepts. */
export function importableImage(bytes: Uint8Array): Uint8Array;
