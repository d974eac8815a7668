// Durable snapshots of a wasm SQLite database: two generations, checksummed, written atomically.
//
// The database lives in memory (the memdb VFS of sqlite-os.c); after a commit the caller exports it
// (sqlite3_serialize) and saves the bytes here; on start it loads the newest good snapshot and
// imports it (sqlite3_deserialize). Policy: flush on commit, by the caller, one snapshot per save.
//
// Invariants:
//   - Two slots, `<name>.0` and `<name>.1`; a save writes generation g+1 into the slot that does NOT
//     hold the newest valid generation g, so the last good snapshot is never overwritten.
//   - A slot is `RUVSNAP1` (8 bytes) | generation (u64 LE) | payload length (u64 LE) | SHA-256 of
//     the payload (32 bytes) | payload; the payload must start with SQLite's header string.
//   - load() returns the newest valid slot and lists every slot it skipped with the reason; when
//     slots exist but none is valid it throws a SnapshotError with code 'snapshot-corrupt' naming
//     each slot's reason. It never deletes or rewrites anything.
// Backends implement read(name) -> Uint8Array|null and write(name, bytes) (atomic): Node, a file
// (temporary file, fsync, rename); browsers, OPFS where available, IndexedDB otherwise.

const MAGIC = new TextEncoder().encode('RUVSNAP1');
const SQLITE_HEADER = new TextEncoder().encode('SQLite format 3\0');
const HEADER_BYTES = 8 + 8 + 8 + 32;

/** A snapshot that cannot be saved or loaded; `code` is 'snapshot-corrupt' or 'snapshot-invalid'. */
export class SnapshotError extends Error {
  constructor(code, message, details = {}) { super(message); this.name = 'SnapshotError'; this.code = code; this.details = details; }
}

async function sha256(bytes) {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

const startsWith = (bytes, prefix) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Checks one slot; returns { generation, bytes } or { reason }. */
async function decode(slot) {
  if (slot.length < HEADER_BYTES) return { reason: `truncated header (${slot.length} bytes)` };
  if (!startsWith(slot, MAGIC)) return { reason: 'not a snapshot (bad magic)' };
  const view = new DataView(slot.buffer, slot.byteOffset, slot.byteLength);
  const generation = view.getBigUint64(8, true), length = view.getBigUint64(16, true);
  const payload = slot.subarray(HEADER_BYTES);
  if (BigInt(payload.length) !== length) return { reason: `length ${payload.length}, header says ${length}` };
  const digest = await sha256(payload);
  if (!digest.every((b, i) => b === slot[24 + i])) return { reason: 'checksum mismatch' };
  if (!startsWith(payload, SQLITE_HEADER)) return { reason: 'payload is not an SQLite database' };
  return { generation, bytes: payload };
}

export class Snapshots {
  /** @param backend { read(name): Promise<Uint8Array|null>, write(name, bytes): Promise<void> } */
  constructor(backend, name = 'ruvswarm') { this.backend = backend; this.name = name; }

  /** The newest valid snapshot: { bytes, generation, skipped: [{ slot, reason }] }, or null when none was ever saved. */
  async load() {
    const skipped = [];
    let best = null;
    let present = 0;
    for (const index of [0, 1]) {
      const slot = await this.backend.read(`${this.name}.${index}`);
      if (slot === null) continue;
      present++;
      const decoded = await decode(slot);
      if (decoded.reason) { skipped.push({ slot: index, reason: decoded.reason }); continue; }
      if (best === null || decoded.generation > best.generation) best = { ...decoded, slot: index };
    }
    if (best === null && present > 0) {
      throw new SnapshotError('snapshot-corrupt',
        `no valid snapshot of '${this.name}': ${skipped.map((s) => `slot ${s.slot}: ${s.reason}`).join('; ')}`, { skipped });
    }
    return best && { bytes: best.bytes, generation: best.generation, slot: best.slot, skipped };
  }

  /** Saves `bytes` (an exported SQLite database) as the next generation; returns that generation. */
  async save(bytes) {
    if (!(bytes instanceof Uint8Array) || !startsWith(bytes, SQLITE_HEADER)) {
      throw new SnapshotError('snapshot-invalid', 'refusing to save: not an SQLite database image');
    }
    let current = null;
    try { current = await this.load(); } catch (error) { if (error.code !== 'snapshot-corrupt') throw error; }
    const generation = current ? current.generation + 1n : 1n;
    const slot = current ? 1 - current.slot : 0;
    const out = new Uint8Array(HEADER_BYTES + bytes.length);
    out.set(MAGIC, 0);
    const view = new DataView(out.buffer);
    view.setBigUint64(8, generation, true);
    view.setBigUint64(16, BigInt(bytes.length), true);
    out.set(await sha256(bytes), 24);
    out.set(bytes, HEADER_BYTES);
    await this.backend.write(`${this.name}.${slot}`, out);
    return generation;
  }
}

/** Node: slots are files in `directory`, replaced atomically (write a temporary file, fsync, rename). */
export async function nodeFileBackend(directory) {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(directory, { recursive: true });
  return {
    async read(name) {
      try { return new Uint8Array(await fs.readFile(path.join(directory, name))); } catch (error) {
        if (error.code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, bytes) {
      const target = path.join(directory, name), temporary = `${target}.tmp`;
      const handle = await fs.open(temporary, 'w', 0o600);
      try { await handle.writeFile(bytes); await handle.sync(); } finally { await handle.close(); }
      await fs.rename(temporary, target);
      const dir = await fs.open(directory, 'r');
      try { await dir.sync(); } finally { await dir.close(); }
    },
  };
}

/** Browsers without OPFS: slots are values in an IndexedDB object store (one transaction per write). */
export async function indexedDBBackend(database = 'ruvswarm-snapshots') {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('slots');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const run = (mode, body) => new Promise((resolve, reject) => {
    const transaction = db.transaction('slots', mode);
    const request = body(transaction.objectStore('slots'));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
  return {
    async read(name) { const value = await run('readonly', (store) => store.get(name)); return value === undefined ? null : new Uint8Array(value); },
    async write(name, bytes) { await run('readwrite', (store) => store.put(bytes.slice().buffer, name)); },
  };
}

/** Browsers with OPFS: slots are files in the origin-private file system; a writable stream's
 *  close() replaces the file's contents atomically. */
export async function opfsBackend(directory = 'ruvswarm-snapshots') {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle(directory, { create: true });
  return {
    async read(name) {
      try { return new Uint8Array(await (await (await folder.getFileHandle(name)).getFile()).arrayBuffer()); } catch (error) {
        if (error.name === 'NotFoundError') return null;
        throw error;
      }
    },
    async write(name, bytes) {
      const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
      await writable.write(bytes);
      await writable.close();
    },
  };
}

/** The browser backend by policy: OPFS where available, IndexedDB otherwise. */
export async function browserBackend() {
  if (globalThis.navigator?.storage?.getDirectory) {
    try { const backend = await opfsBackend(); return { kind: 'opfs', ...backend }; } catch { /* e.g. private mode: fall back */ }
  }
  return { kind: 'indexeddb', ...(await indexedDBBackend()) };
}

/**
 * A database file written natively (Persistence opens files in WAL mode) as an image the in-memory
 * VFS accepts: header bytes 18-19 (read/write format version) 2 = WAL become 1 = rollback journal.
 * Only valid for a cleanly closed file, whose WAL was checkpointed into it (no `-wal` file left);
 * everything else is unchanged. Images already at 1 are returned as they are.
 */
export function importableImage(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length < 100 || !startsWith(bytes, SQLITE_HEADER)) {
    throw new SnapshotError('snapshot-invalid', 'not an SQLite database image');
  }
  if (bytes[18] === 1 && bytes[19] === 1) return bytes;
  if (bytes[18] !== 2 || bytes[19] !== 2) {
    throw new SnapshotError('snapshot-invalid', `unsupported file format version ${bytes[18]}/${bytes[19]}`);
  }
  const copy = Uint8Array.from(bytes);
  copy[18] = 1; copy[19] = 1;
  return copy;
}
