// The SQLite C API of a wasm module, from JS: strings and bytes copied through the module's malloc,
// statements prepared, bound, stepped and finalized, databases serialized and deserialized. Used by
// the Node and browser tests of the SQLite wasm build; the module exports the sqlite3_* functions it
// uses. `source` is the module's bytes (or, under Node, a file path).

export const SQLITE_OK = 0, SQLITE_ROW = 100, SQLITE_DONE = 101;
const TRANSIENT = -1, OPEN_RW_CREATE = 0x2 | 0x4;
const DESERIALIZE_FREEONCLOSE = 1, DESERIALIZE_RESIZEABLE = 2;

export async function instantiate(source, Wrapper = SQLite) {
  let memory;
  const wasi = {
    random_get: (pointer, count) => { globalThis.crypto.getRandomValues(new Uint8Array(memory.buffer, pointer, count)); return 0; },
    fd_write: () => 8, fd_seek: () => 8, fd_close: () => 8,
  };
  const bytes = typeof source === 'string' ? (await import('node:fs')).readFileSync(source) : source;
  const { instance } = await WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi });
  memory = instance.exports.memory;
  return new Wrapper(instance.exports, memory);
}

export class SQLite {
  constructor(x, memory) { this.x = x; this.memory = memory; }
  bytes() { return new Uint8Array(this.memory.buffer); }
  i32(pointer) { return new DataView(this.memory.buffer).getInt32(pointer, true); }
  i64(pointer) { return new DataView(this.memory.buffer).getBigInt64(pointer, true); }
  alloc(bytes) { const p = this.x.malloc(Math.max(bytes.length, 1)); this.bytes().set(bytes, p); return p; }
  cstring(text) { const b = new TextEncoder().encode(text); const p = this.x.malloc(b.length + 1); this.bytes().set(b, p); this.bytes()[p + b.length] = 0; return p; }
  readCString(p) { const m = this.bytes(); let e = p; while (m[e]) e++; return new TextDecoder().decode(m.subarray(p, e)); }
  check(db, rc, what) {
    if (rc !== SQLITE_OK && rc !== SQLITE_ROW && rc !== SQLITE_DONE) {
      const error = new Error(`${what}: ${this.readCString(this.x.sqlite3_errmsg(db))} (code ${this.x.sqlite3_extended_errcode(db)})`);
      error.code = rc;
      throw error;
    }
    return rc;
  }
  open(name) {
    const out = this.x.malloc(4), path = this.cstring(name);
    const rc = this.x.sqlite3_open_v2(path, out, OPEN_RW_CREATE, 0);
    const db = this.i32(out);
    this.x.free(out); this.x.free(path);
    this.check(db, rc, 'open');
    return db;
  }
  close(db) { const rc = this.x.sqlite3_close_v2(db); if (rc !== SQLITE_OK) throw new Error(`close: code ${rc}`); }
  exec(db, sql) { const p = this.cstring(sql); const rc = this.x.sqlite3_exec(db, p, 0, 0, 0); this.x.free(p); this.check(db, rc, sql); }
  // Runs `sql` with text/blob/number bindings; returns the rows as arrays of JS values.
  query(db, sql, bindings = []) {
    const p = this.cstring(sql), out = this.x.malloc(4);
    this.check(db, this.x.sqlite3_prepare_v2(db, p, -1, out, 0), sql);
    const stmt = this.i32(out);
    this.x.free(p); this.x.free(out);
    try {
      bindings.forEach((value, i) => {
        let rc;
        if (value instanceof Uint8Array) { const b = this.alloc(value); rc = this.x.sqlite3_bind_blob64(stmt, i + 1, b, BigInt(value.length), TRANSIENT); this.x.free(b); }
        else if (typeof value === 'string') { const b = this.alloc(new TextEncoder().encode(value)); rc = this.x.sqlite3_bind_text64(stmt, i + 1, b, BigInt(new TextEncoder().encode(value).length), TRANSIENT, 1); this.x.free(b); }
        else rc = this.x.sqlite3_bind_int64(stmt, i + 1, BigInt(value));
        this.check(db, rc, 'bind');
      });
      const rows = [];
      for (;;) {
        const rc = this.check(db, this.x.sqlite3_step(stmt), sql);
        if (rc === SQLITE_DONE) return rows;
        const row = [];
        for (let c = 0; c < this.x.sqlite3_column_count(stmt); c++) {
          const type = this.x.sqlite3_column_type(stmt, c);
          if (type === 1) row.push(Number(this.x.sqlite3_column_int64(stmt, c)));
          else if (type === 3) { const t = this.x.sqlite3_column_text(stmt, c), n = this.x.sqlite3_column_bytes(stmt, c); row.push(new TextDecoder('utf-8', { fatal: true }).decode(this.bytes().slice(t, t + n))); }
          else if (type === 4) { const b = this.x.sqlite3_column_blob(stmt, c), n = this.x.sqlite3_column_bytes(stmt, c); row.push(this.bytes().slice(b, b + n)); }
          else row.push(null);
        }
        rows.push(row);
      }
    } finally { this.x.sqlite3_finalize(stmt); }
  }
  serialize(db) {
    const name = this.cstring('main'), size = this.x.malloc(8);
    const p = this.x.sqlite3_serialize(db, name, size, 0);
    const n = Number(this.i64(size));
    this.x.free(name); this.x.free(size);
    if (p === 0) throw new Error('sqlite3_serialize failed');
    const bytes = this.bytes().slice(p, p + n);
    this.x.sqlite3_free(p);
    return bytes;
  }
  // Copies database `from` into `to` (sqlite3_backup): how bytes reach a named, shared memdb store.
  backup(to, from) {
    const main = this.cstring('main');
    const b = this.x.sqlite3_backup_init(to, main, from, main);
    this.x.free(main);
    if (b === 0) this.check(to, 1, 'backup');
    const rc = this.x.sqlite3_backup_step(b, -1);
    this.x.sqlite3_backup_finish(b);
    if (rc !== SQLITE_DONE) this.check(to, rc, 'backup');
  }
  deserialize(db, bytes) {
    const p = this.x.sqlite3_malloc64(BigInt(Math.max(bytes.length, 1)));
    this.bytes().set(bytes, p);
    const name = this.cstring('main');
    const rc = this.x.sqlite3_deserialize(db, name, p, BigInt(bytes.length), BigInt(bytes.length), DESERIALIZE_FREEONCLOSE | DESERIALIZE_RESIZEABLE);
    this.x.free(name);
    this.check(db, rc, 'deserialize');
  }
}

