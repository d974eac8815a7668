// Persistence's own SQLiteStore in wasm (StoreHarness.swift + Persistence compiled with Embedded
// Swift, linked with SQLite for wasm32 by scripts/checks/persistence-browser-store.sh): migrations
// run, agent memory put/get/remove/prefix-count with TTL keeps hostile keys and values exact; the
// database it wrote, exported through the C API, opens in native SQLite (Python's sqlite3 module,
// Debian's library), and a row written there natively reads back through the wasm store.
// Golden files: a database written natively by SQLiteStore (golden-native.swift) reads in wasm, and
// one written in wasm reads natively through SQLiteStore.
// Environment: STORE_WASM (the module), WORK (a scratch directory), GOLDEN_TOOL (golden-native).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { instantiate, SQLite } from './sqlite-c-api.mjs';
import { Harness } from './store-harness.mjs';
import { importableImage } from '../snapshots.mjs';

const enc = (t) => new TextEncoder().encode(t);
const hostile = [
  [new Uint8Array(0), new Uint8Array(0)],
  [enc("'; DROP TABLE memory; --"), Uint8Array.from([0, 1, 2, 255])],
  [Uint8Array.from([0, 0, 0]), enc('nul key')],
  [enc('%_*?[\\'), Uint8Array.from({ length: 256 }, (_, i) => i)],
  [enc('\u00e9\u4e2d\u{1F600}'), enc('\u{1F4A5} "quoted"')],
  [Uint8Array.from([0xff, 0xfe, 0xc3, 0x28]), randomBytes(1 << 20)],
];
const hex = (b) => Buffer.from(b).toString('hex');

test('the Swift store migrates and keeps hostile memory exact in wasm; its bytes open natively, and native writes read back', async () => {
  const h = await instantiate(process.env.STORE_WASM, Harness);
  h.x.harness_set_now(1_000n);
  h.open('/agents.db');
  for (const [key, value] of hostile) assert.equal(h.put(key, value), 0);
  for (const [key, value] of hostile) assert.deepEqual(h.get(key), Uint8Array.from(value), `key ${hex(key)}`);
  assert.equal(h.count(new Uint8Array(0)), hostile.length);
  assert.equal(h.count(Uint8Array.from([0])), 1);

  // TTL: visible until its expiry, gone after it.
  assert.equal(h.put(enc('ttl:a'), enc('short-lived'), 500n), 0);
  h.x.harness_set_now(1_499n);
  assert.deepEqual(h.get(enc('ttl:a')), enc('short-lived'));
  h.x.harness_set_now(1_500n);
  assert.equal(h.get(enc('ttl:a')), null);

  assert.equal(h.put(enc('gone'), enc('x')), 0);
  assert.equal(h.remove(enc('gone')), 0);
  assert.equal(h.remove(enc('gone')), -1);
  assert.equal(h.saveSwarm('s\u0000"1', 'Swarm \u{1F41D}', Uint8Array.from([0, 255, 0])), 0);
  assert.deepEqual(h.swarm('s\u0000"1'), { name: 'Swarm \u{1F41D}', config: Uint8Array.from([0, 255, 0]) });
  assert.equal(h.swarm('absent'), null);
  assert.throws(() => h.put(enc('zero'), enc('x'), 0n), /TTL must be positive, got 0/);

  // A second connection of the same chunk sees the committed rows and exports them as bytes.
  const db = SQLite.prototype.open.call(h, '/agents.db');
  const file = `${process.env.WORK}/from-wasm.db`;
  writeFileSync(file, h.serialize(db));
  const native = execFileSync('python3', ['-c', `
import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
rows = db.execute("SELECT hex(key), hex(value) FROM memory WHERE namespace = 'agents' ORDER BY key").fetchall()
db.execute("UPDATE memory SET value = X'6E6174697665' WHERE namespace = 'agents' AND key = X'000000'")
db.commit()
print(json.dumps([[k.lower(), v.lower()] for k, v in rows]))
`, file], { maxBuffer: 64 << 20 }).toString();
  const expected = hostile.map(([k, v]) => [hex(k), hex(v)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  assert.deepEqual(JSON.parse(native), expected);
  h.close(db);
  h.x.harness_close();

  // The natively modified file, deserialized and copied into a named store, opens in the Swift store.
  const scratch = SQLite.prototype.open.call(h, '/scratch.db');
  h.deserialize(scratch, readFileSync(file));
  const target = SQLite.prototype.open.call(h, '/restored.db');
  h.backup(target, scratch);
  h.close(scratch);
  h.open('/restored.db');
  h.close(target);
  assert.deepEqual(h.get(Uint8Array.from([0, 0, 0])), enc('native'));
  assert.deepEqual(h.get(hostile[5][0]), Uint8Array.from(hostile[5][1]));
  h.x.harness_close();
});

const unhex = (h) => (h === '-' ? new Uint8Array(0) : Uint8Array.from(Buffer.from(h, 'hex')));
const dump = (file) => execFileSync(process.env.GOLDEN_TOOL, ['dump', file], { maxBuffer: 64 << 20 }).toString().trim().split('\n').map((l) => l.split(' '));

test('golden: a database written natively by SQLiteStore (WAL file) reads through the wasm store', async () => {
  const file = `${process.env.WORK}/golden-native.db`;
  execFileSync(process.env.GOLDEN_TOOL, ['write', file]);
  const expected = dump(file);
  assert.ok(expected.filter((l) => l[0] === 'm').length >= 25);
  const h = await instantiate(process.env.STORE_WASM, Harness);
  h.x.harness_set_now(1_000n);
  const scratch = SQLite.prototype.open.call(h, '/scratch.db');
  h.deserialize(scratch, importableImage(new Uint8Array(readFileSync(file))));
  const target = SQLite.prototype.open.call(h, '/golden.db');
  h.backup(target, scratch);
  h.close(scratch);
  h.open('/golden.db');
  h.close(target);
  for (const [kind, a, b, c] of expected) {
    if (kind === 'm') assert.deepEqual(h.get(unhex(a)), unhex(b), `key ${a}`);
    else assert.deepEqual(h.swarm(Buffer.from(unhex(a)).toString()), { name: Buffer.from(unhex(b)).toString(), config: unhex(c) });
  }
  assert.equal(h.count(new Uint8Array(0)), expected.filter((l) => l[0] === 'm').length);
  h.x.harness_close();
});

test('golden: a database written by the wasm store reads natively through SQLiteStore', async () => {
  const h = await instantiate(process.env.STORE_WASM, Harness);
  h.x.harness_set_now(1_000n);
  h.open('/written.db');
  for (const [key, value] of hostile) h.put(key, value);
  h.saveSwarm('wasm-swarm', 'Wasm \u{1F41D}', Uint8Array.from([1, 0, 1]));
  const db = SQLite.prototype.open.call(h, '/written.db');
  const file = `${process.env.WORK}/golden-wasm.db`;
  writeFileSync(file, h.serialize(db));
  h.close(db);
  h.x.harness_close();
  const lines = dump(file);
  const memory = lines.filter((l) => l[0] === 'm').map(([, k, v]) => [k === '-' ? '' : k, v === '-' ? '' : v]);
  const expected = hostile.map(([k, v]) => [hex(k), hex(v)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  assert.deepEqual(memory, expected);
  assert.deepEqual(lines.filter((l) => l[0] === 's'), [['s', hex(Buffer.from('wasm-swarm')), hex(Buffer.from('Wasm \u{1F41D}')), '010001']]);
});
