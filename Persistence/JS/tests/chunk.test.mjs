// The Persistence chunk (bundler-built: Persistence.jsapi, Journal.jsapi) in Node, through loader.js:
// hostile agent memory round trips, durability through file snapshots across fresh loader instances,
// a corrupt newest snapshot skipped (the last good one loads, with the reason), corrupt images refused
// with a typed error and a message, golden databases both ways (native SQLiteStore -> chunk, chunk ->
// native), TTL on the caller's clock, and a journaled swarm checkpointed, reloaded and continued.
// Environment: DIST (the bundler's output folder), WORK (scratch), GOLDEN_TOOL (golden-native).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PersistentDatabase, decodeKeys } from '../persistence.mjs';
import { nodeFileBackend } from '../snapshots.mjs';

const { RuvSwarm } = await import(pathToFileURL(path.join(path.resolve(process.env.DIST), 'loader.js')).href);
const work = process.env.WORK;
const enc = (t) => new TextEncoder().encode(t);
const hex = (bytes) => (bytes.length === 0 ? '-' : Buffer.from(bytes).toString('hex'));
const pattern = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 255);

const hostile = [
  [new Uint8Array(0), new Uint8Array(0)],
  [enc("'; DROP TABLE memory; --"), Uint8Array.from([0, 1, 2, 255])],
  [Uint8Array.from([0, 0, 0]), enc('nul key')],
  [enc('%_*?[\\'), Uint8Array.from({ length: 256 }, (_, i) => i)],
  [enc('\u00e9\u4e2d\u{1F600}'), enc('\u{1F4A5} "quoted"')],
  [Uint8Array.from([0xff, 0xfe, 0xc3, 0x28]), pattern(300_000, 3)],
];
for (let i = 0; i < 30; i++) hostile.push([enc(`agent/${i}/note`), pattern(100 + i, i)]);
const namespace = 'agent "\u{1F41D}" \'1\'';

test('hostile keys and values survive a flush and a fresh loader (file snapshots)', async () => {
  const directory = path.join(work, 'hostile');
  const first = await PersistentDatabase.open(new RuvSwarm(), 'agents', { directory });
  assert.equal(first.backend, 'file');
  for (const [key, value] of hostile) await first.put(namespace, key, value);
  assert.equal(first.generation, BigInt(hostile.length));
  const reopened = await PersistentDatabase.open(new RuvSwarm(), 'agents', { directory });
  assert.equal(reopened.generation, BigInt(hostile.length));
  for (const [key, value] of hostile) assert.deepEqual(reopened.get(namespace, key), value, `key ${hex(key)}`);
  assert.equal(reopened.keys(namespace).length, hostile.length);
  assert.deepEqual(reopened.keys(namespace, Uint8Array.from([0])).map(hex), ['000000']);
  assert.equal(reopened.get('another agent', hostile[1][0]), undefined);
  assert.equal(await reopened.delete(namespace, hostile[2][0]), true);
  assert.equal(reopened.get(namespace, hostile[2][0]), undefined);
});

test('a corrupt newest snapshot is skipped with its reason; the last good one loads', async () => {
  const directory = path.join(work, 'corrupt');
  const db = await PersistentDatabase.open(new RuvSwarm(), 'agents', { directory });
  await db.put('a', 'k', 'first');              // generation 1, slot 0
  await db.put('a', 'k', 'second');             // generation 2, slot 1
  const slot = path.join(directory, 'agents.1');
  const bytes = fs.readFileSync(slot);
  bytes[bytes.length - 10] ^= 0xff;             // a flipped bit in the newest snapshot
  fs.writeFileSync(slot, bytes);
  const reopened = await PersistentDatabase.open(new RuvSwarm(), 'agents', { directory });
  assert.equal(reopened.generation, 1n);
  assert.deepEqual(reopened.skipped, [{ slot: 1, reason: 'checksum mismatch' }]);
  assert.deepEqual(reopened.get('a', 'k'), enc('first'));
  await reopened.put('a', 'k', 'third');        // goes into the bad slot, never over the good one
  assert.equal(reopened.generation, 2n);
  const again = await PersistentDatabase.open(new RuvSwarm(), 'agents', { directory });
  assert.deepEqual(again.get('a', 'k'), enc('third'));
});

test('corrupt and foreign images are refused with a typed error and the database is unchanged', async () => {
  const persistence = await new RuvSwarm().load('persistence');
  const db = persistence.open();
  persistence.memoryPut(db, 'a', enc('k'), enc('v'), 0, 0);
  const image = persistence.exportImage(db);
  const damaged = image.slice();
  for (let i = 100; i < 700; i++) damaged[i] ^= 0x5a;
  for (const bad of [damaged, image.slice(0, image.length - 100), enc('not a database'), new Uint8Array(0)]) {
    assert.throws(() => persistence.importImage(db, bad), (error) => error.code === 'persistence.corruptImage');
    assert.match(persistence.lastError(), /check|header|pages|malformed/);
    assert.throws(() => persistence.load(bad), (error) => error.code === 'persistence.corruptImage');
  }
  assert.deepEqual(persistence.exportImage(db), image);
  assert.throws(() => persistence.memoryGet(db, 'a', enc('missing'), 0), (error) => error.code === 'persistence.notFound');
  assert.throws(() => persistence.memoryPut(db, 'a', enc('k'), enc('v'), -1, 0),
    (error) => error.code === 'persistence.invalidArgument' && error.fields.name === 'ttl');
  assert.throws(() => persistence.close(12345), (error) => error.code === 'persistence.unknownDatabase' && error.fields.handle === 12345);
  persistence.close(db);
});

test('TTLs follow the caller\'s clock', async () => {
  let now = 1_000;
  const db = await PersistentDatabase.open(new RuvSwarm(), 'ttl', { directory: path.join(work, 'ttl'), now: () => now });
  await db.put('a', 'short', 'x', { ttl: 100 });
  await db.put('a', 'forever', 'y');
  now = 1_099;
  assert.deepEqual(db.get('a', 'short'), enc('x'));
  now = 1_100;
  assert.equal(db.get('a', 'short'), undefined);
  assert.deepEqual(db.keys('a').map((k) => new TextDecoder().decode(k)), ['forever']);
});

const dump = (file) => execFileSync(process.env.GOLDEN_TOOL, ['dump', file], { maxBuffer: 64 << 20 }).toString().trim().split('\n');

test('golden: a database written natively by SQLiteStore (a WAL file) opens in the chunk', async () => {
  const file = path.join(work, 'golden-native.db');
  execFileSync(process.env.GOLDEN_TOOL, ['write', file]);
  const persistence = await new RuvSwarm().load('persistence');
  const db = persistence.load(new Uint8Array(fs.readFileSync(file)));
  const expected = dump(file).filter((line) => line.startsWith('m '));
  const keys = decodeKeys(persistence.memoryKeys(db, 'agents', new Uint8Array(0), 0, 1_000));
  const got = keys.map((key) => `m ${hex(key)} ${hex(persistence.memoryGet(db, 'agents', key, 1_000))}`);
  assert.equal(got.length, expected.length);
  assert.deepEqual(got, expected);
  persistence.close(db);
});

test('golden: a database written by the chunk opens natively through SQLiteStore', async () => {
  const persistence = await new RuvSwarm().load('persistence');
  const db = persistence.open();
  for (const [key, value] of hostile) persistence.memoryPut(db, 'agents', key, value, 0, 1_000);
  const file = path.join(work, 'golden-chunk.db');
  fs.writeFileSync(file, persistence.exportImage(db));
  const lines = dump(file);
  const expected = hostile.map(([key, value]) => `m ${hex(key)} ${hex(value)}`).sort();
  assert.deepEqual(lines.filter((line) => line.startsWith('m ')).sort(), expected);
  persistence.close(db);
});

test('a journaled swarm: checkpoint, reload in a fresh loader, restore, continue', async () => {
  const directory = path.join(work, 'swarm');
  const db = await PersistentDatabase.open(new RuvSwarm(), 'swarm', { directory });
  const swarm = await db.createSwarm('s1', { seed: 7, distribution: 1 });
  swarm.spawn(); swarm.spawn();
  const a = swarm.addTask(1), b = swarm.addTask(2), c = swarm.addTask(3, { priority: 3 });
  swarm.addDependency(b, a); swarm.addDependency(c, b);
  const first = swarm.submit();
  assert.equal(swarm.run((payload) => payload * 10, 2), 2);
  assert.equal(swarm.status(first), 3);
  const events = await swarm.checkpoint();
  assert.ok(events > 0);

  const reloaded = await PersistentDatabase.open(new RuvSwarm(), 'swarm', { directory });
  const restored = await reloaded.restoreSwarm('s1', { seed: 7, distribution: 1 });
  assert.equal(restored.taskCount, 3);
  restored.run((payload) => payload * 100);
  assert.deepEqual([0, 1, 2].map((i) => restored.result(first + i)), [10, 200, 300]);
  assert.ok(await restored.checkpoint() > events);
  await assert.rejects(reloaded.restoreSwarm('never-saved'), (error) => error.code === 'journal.noSnapshot');
  assert.throws(() => restored.journal.swarmCompleteBatch(restored.handle), (error) => error.code === 'journal.noBatch');
});

test('the file backend writes owner-only snapshots', async () => {
  const directory = path.join(work, 'hostile');
  const backend = await nodeFileBackend(directory);
  assert.ok(await backend.read('agents.0'));
  assert.equal(fs.statSync(path.join(directory, 'agents.0')).mode & 0o777, 0o600);
});
