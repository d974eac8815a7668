// node --test: the loader's conformance tests in Node, against a built dist served from 127.0.0.1,
// plus loading straight from disk (file: URLs). Environment: RUVSWARM_DIST (the dist folder built
// with the fixture domains) and RUVSWARM_EXPECTED (native-expectations' JSON).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { tests, checkAgainstNative } from './conformance.js';

const dist = path.resolve(process.env.RUVSWARM_DIST ?? 'dist');
const expected = JSON.parse(await fs.readFile(process.env.RUVSWARM_EXPECTED ?? 'expected.json', 'utf8'));
const { RuvSwarm, RuvSwarmError, detectFeatures } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
const { server, port } = await startServer({ mounts: { '/dist/': dist } });
const context = { RuvSwarm, baseURL: `http://127.0.0.1:${port}/dist/`, realFetch: (url) => fetch(url), expected };

test.after(() => server.close());

for (const [name, body] of tests) {
  test(name, () => body(context));
}

test('loads from disk through file: URLs (Node), the default base being the loader folder', async () => {
  const ruv = new RuvSwarm();
  checkAgainstNative(await ruv.load('simdkit'), expected);
  const viaStatic = await RuvSwarm.load('simdkit');
  assert.equal(viaStatic.dot(new Float32Array([2]), new Float32Array([3])), 6);
});

test('a missing manifest rejects with code manifest and a later call retries', async () => {
  let fail = true;
  const ruv = new RuvSwarm({ baseURL: context.baseURL, fetch: (url) => (fail ? Promise.resolve(new Response('', { status: 404 })) : fetch(url)) });
  await assert.rejects(ruv.load('simdkit'), (e) => e instanceof RuvSwarmError && e.code === 'manifest');
  fail = false;
  assert.equal((await ruv.load('simdkit')).sum(new Float32Array([1, 1])), 2);
});

test('loader.js contains no eval, no Function constructor and no inline workers', async () => {
  const text = await fs.readFile(path.join(dist, 'loader.js'), 'utf8');
  const source = text.split('\n').filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*')).join('\n');
  assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(|data:text\/javascript|blob:/);
});

test('an unknown variant is refused', () => {
  assert.throws(() => new RuvSwarm({ variant: 'avx' }), (e) => e.code === 'invalid-argument');
  assert.equal(typeof detectFeatures().simd, 'boolean');
});

test('the manifest describes every chunk and variant with sizes and integrity', async () => {
  const manifest = JSON.parse(await fs.readFile(path.join(dist, 'manifest.json'), 'utf8'));
  for (const [name, chunk] of Object.entries(manifest.chunks)) {
    for (const variant of ['simd', 'scalar']) {
      const file = chunk.variants[variant];
      assert.ok(file, `${name} ${variant}`);
      const bytes = await fs.readFile(path.join(dist, file.file));
      assert.equal(bytes.length, file.size);
      assert.ok(file.gzip > 0 && file.brotli > 0 && file.brotli < file.size);
      assert.match(file.integrity, /^sha256-[A-Za-z0-9+/]+=*$/);
    }
  }
  assert.deepEqual(manifest.chunks.probeclient.dependencies, ['runtime', 'probe', 'simdkit']);
});
