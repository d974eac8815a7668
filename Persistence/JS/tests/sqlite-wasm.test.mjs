// SQLite compiled for wasm32 (scripts/checks/persistence-browser-sqlite.sh builds it), driven through
// its C API from Node: hostile keys and values round-trip exactly, a database written by the native
// SQLite opens in wasm, the bytes wasm exports open natively (checked by the script), and a corrupt
// snapshot is rejected with a clear error while the good one stays readable.
// Environment: SQLITE_WASM (the module), GOLDEN_NATIVE (a database file written natively),
// GOLDEN_WASM_OUT (where to write the database exported from wasm), HOSTILE (JSON of the rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { instantiate as load } from './sqlite-c-api.mjs';

const instantiate = () => load(process.env.SQLITE_WASM);

const hostile = JSON.parse(readFileSync(process.env.HOSTILE, 'utf8'))
  .map(([key, hex, text]) => [key, Uint8Array.from(Buffer.from(hex, 'hex')), text]);

test('hostile keys and values round-trip exactly through wasm SQLite, and its export opens natively', async () => {
  const sqlite = await instantiate();
  const db = sqlite.open('/roundtrip.db');
  sqlite.exec(db, 'CREATE TABLE memory(key TEXT PRIMARY KEY, value BLOB NOT NULL, text TEXT NOT NULL) WITHOUT ROWID');
  sqlite.exec(db, 'BEGIN');
  for (const row of hostile) sqlite.query(db, 'INSERT INTO memory VALUES (?1, ?2, ?3)', row);
  sqlite.exec(db, 'COMMIT');
  for (const [key, value, text] of hostile) {
    const rows = sqlite.query(db, 'SELECT key, value, text FROM memory WHERE key = ?1', [key]);
    assert.equal(rows.length, 1, `key ${JSON.stringify(key)}`);
    assert.equal(rows[0][0], key);
    assert.deepEqual(rows[0][1], value);
    assert.equal(rows[0][2], text);
  }
  assert.deepEqual(sqlite.query(db, 'PRAGMA integrity_check'), [['ok']]);
  writeFileSync(process.env.GOLDEN_WASM_OUT, sqlite.serialize(db));
  sqlite.close(db);
});

test('a database written by native SQLite opens in wasm with every row intact', async () => {
  const sqlite = await instantiate();
  const db = sqlite.open('/golden.db');
  sqlite.deserialize(db, readFileSync(process.env.GOLDEN_NATIVE));
  const rows = sqlite.query(db, 'SELECT key, value, text FROM memory ORDER BY key');
  const expected = [...hostile].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  assert.equal(rows.length, expected.length);
  rows.forEach((row, i) => assert.deepEqual(row, expected[i]));
  sqlite.close(db);
});

test('a corrupt snapshot is rejected with a clear error; the last good one still opens', async () => {
  const sqlite = await instantiate();
  const good = readFileSync(process.env.GOLDEN_NATIVE);
  const corrupt = Uint8Array.from(good);
  corrupt.fill(0x5a, 0, 16);                        // the header string "SQLite format 3\0"
  const db = sqlite.open('/corrupt.db');
  sqlite.deserialize(db, corrupt);
  assert.throws(() => sqlite.query(db, 'SELECT count(*) FROM memory'), (e) => /not a database/.test(e.message) && e.code === 26);
  sqlite.close(db);
  const again = sqlite.open('/good.db');
  sqlite.deserialize(again, good);
  assert.equal(sqlite.query(again, 'SELECT count(*) FROM memory')[0][0], hostile.length);
  sqlite.close(again);
});

test('named in-memory databases are shared by the connections of the chunk', async () => {
  const sqlite = await instantiate();
  const a = sqlite.open('/shared.db'), b = sqlite.open('/shared.db');
  sqlite.exec(a, 'CREATE TABLE t(x)');
  sqlite.query(a, 'INSERT INTO t VALUES (?1)', [42]);
  assert.deepEqual(sqlite.query(b, 'SELECT x FROM t'), [[42]]);
  sqlite.close(a); sqlite.close(b);
});

test('Node durability: a committed database saved as a snapshot file reloads in a fresh instance', async () => {
  const { Snapshots, nodeFileBackend } = await import('../snapshots.mjs');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const directory = await mkdtemp(join(tmpdir(), 'sqlite-wasm-'));
  try {
    const snapshots = new Snapshots(await nodeFileBackend(directory), 'memory');
    const first = await instantiate();
    const db = first.open('/durable.db');
    first.exec(db, 'CREATE TABLE memory(key TEXT PRIMARY KEY, value BLOB NOT NULL, text TEXT NOT NULL) WITHOUT ROWID');
    for (const row of hostile) first.query(db, 'INSERT INTO memory VALUES (?1, ?2, ?3)', row);
    assert.equal(await snapshots.save(first.serialize(db)), 1n);   // flushed on commit
    first.close(db);

    const second = await instantiate();                             // a restart: nothing in memory
    const loaded = await snapshots.load();
    const again = second.open('/durable.db');
    second.deserialize(again, loaded.bytes);
    assert.equal(second.query(again, 'SELECT count(*) FROM memory')[0][0], hostile.length);
    for (const [key, value, text] of hostile) {
      assert.deepEqual(second.query(again, 'SELECT value, text FROM memory WHERE key = ?1', [key]), [[value, text]]);
    }
    second.close(again);
  } finally { await rm(directory, { recursive: true, force: true }); }
});
