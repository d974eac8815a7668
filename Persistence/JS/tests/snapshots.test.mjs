// Snapshots (../snapshots.mjs) on the Node file backend: generations alternate between two slots,
// a corrupt newest snapshot falls back to the last good one (which the next save does not touch),
// all-corrupt gives a clear 'snapshot-corrupt' error, and bad input is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Snapshots, SnapshotError, nodeFileBackend, importableImage } from '../snapshots.mjs';

const image = (tag) => {
  const bytes = new Uint8Array(4096);
  bytes.set(new TextEncoder().encode('SQLite format 3\0'));
  bytes.set(new TextEncoder().encode(tag), 100);
  return bytes;
};

async function withDirectory(body) {
  const directory = await mkdtemp(join(tmpdir(), 'snapshots-'));
  try { await body(directory); } finally { await rm(directory, { recursive: true, force: true }); }
}

test('generations alternate between the two slots and the newest loads', () => withDirectory(async (directory) => {
  const snapshots = new Snapshots(await nodeFileBackend(directory), 'db');
  assert.equal(await snapshots.load(), null);
  assert.equal(await snapshots.save(image('one')), 1n);
  assert.equal(await snapshots.save(image('two')), 2n);
  assert.equal(await snapshots.save(image('three')), 3n);
  const loaded = await snapshots.load();
  assert.equal(loaded.generation, 3n);
  assert.deepEqual(loaded.bytes, image('three'));
  assert.deepEqual(loaded.skipped, []);
  assert.equal(loaded.slot, 0);
}));

test('a corrupt newest snapshot falls back to the last good one, and the next save keeps it', () => withDirectory(async (directory) => {
  const snapshots = new Snapshots(await nodeFileBackend(directory), 'db');
  await snapshots.save(image('good'));                   // generation 1, slot 0
  await snapshots.save(image('newer'));                  // generation 2, slot 1
  const file = join(directory, 'db.1');
  const bytes = await readFile(file);
  bytes[bytes.length - 1] ^= 0xff;
  await writeFile(file, bytes);
  const loaded = await snapshots.load();
  assert.equal(loaded.generation, 1n);
  assert.deepEqual(loaded.bytes, image('good'));
  assert.deepEqual(loaded.skipped, [{ slot: 1, reason: 'checksum mismatch' }]);
  assert.equal(await snapshots.save(image('after')), 2n);  // into the corrupt slot, not over the good one
  assert.deepEqual((await readFile(join(directory, 'db.0'))).subarray(56), Buffer.from(image('good')));
  assert.deepEqual((await snapshots.load()).bytes, image('after'));
}));

test('when every slot is corrupt, load throws a clear error naming each reason', () => withDirectory(async (directory) => {
  const snapshots = new Snapshots(await nodeFileBackend(directory), 'db');
  await writeFile(join(directory, 'db.0'), Buffer.from('garbage'));
  const payload = Buffer.from('not sqlite'), slot = Buffer.alloc(56);
  slot.write('RUVSNAP1');
  slot.writeBigUInt64LE(BigInt(payload.length), 16);
  createHash('sha256').update(payload).digest().copy(slot, 24);
  await writeFile(join(directory, 'db.1'), Buffer.concat([slot, payload]));
  await assert.rejects(snapshots.load(), (error) => error instanceof SnapshotError && error.code === 'snapshot-corrupt'
    && /slot 0: truncated header \(7 bytes\)/.test(error.message) && /slot 1: payload is not an SQLite database/.test(error.message));
  const header = Buffer.alloc(56);
  header.write('RUVSNAP1');
  header.writeBigUInt64LE(5n, 16);
  await writeFile(join(directory, 'db.1'), header);
  await assert.rejects(snapshots.load(), /slot 1: length 0, header says 5/);
  await writeFile(join(directory, 'db.1'), Buffer.alloc(60));
  await assert.rejects(snapshots.load(), /slot 1: not a snapshot \(bad magic\)/);
  await writeFile(join(directory, 'db.1'), Buffer.concat([slot, Buffer.from('not sqlitf')]));
  await assert.rejects(snapshots.load(), /slot 1: checksum mismatch/);
  assert.equal(await snapshots.save(image('fresh')), 1n);  // a save still works and becomes loadable
  assert.deepEqual((await snapshots.load()).bytes, image('fresh'));
}));

test('saving something that is not an SQLite image is refused', () => withDirectory(async (directory) => {
  const snapshots = new Snapshots(await nodeFileBackend(directory), 'db');
  await assert.rejects(snapshots.save(new Uint8Array(10)), (error) => error.code === 'snapshot-invalid');
  await assert.rejects(snapshots.save('SQLite format 3'), (error) => error.code === 'snapshot-invalid');
  assert.equal(await snapshots.load(), null);
}));

test('importableImage turns a checkpointed WAL file into a rollback-journal image and refuses the rest', () => {
  const wal = image('wal');
  wal[18] = 2; wal[19] = 2;
  const converted = importableImage(wal);
  assert.equal(converted[18], 1);
  assert.equal(converted[19], 1);
  assert.equal(wal[18], 2, 'the input is not modified');
  assert.deepEqual(converted.subarray(20), wal.subarray(20));
  const legacy = image('legacy');
  legacy[18] = 1; legacy[19] = 1;
  assert.equal(importableImage(legacy), legacy);
  const odd = image('odd');
  odd[18] = 3; odd[19] = 1;
  assert.throws(() => importableImage(odd), /unsupported file format version 3\/1/);
  assert.throws(() => importableImage(new Uint8Array(100)), (error) => error.code === 'snapshot-invalid');
  assert.throws(() => importableImage(image('short').subarray(0, 50)), /not an SQLite database image/);
});
