// Headless-browser page (run by run-chunk-browser.mjs, several times with one profile): the Persistence
// chunk through loader.js and persistence.mjs. phase=write stores hostile agent memory (flushed on
// every commit) and a journaled swarm run halfway and checkpointed; phase=read, in a fresh browser
// process, reloads the newest snapshot from durable storage (OPFS by policy, or IndexedDB when
// backend=indexeddb), finds every committed write, restores the swarm and finishes it.
import { RuvSwarm } from '/dist/loader.js';
import { PersistentDatabase } from '/js/persistence.mjs';
import { indexedDBBackend } from '/js/snapshots.mjs';

const enc = (t) => new TextEncoder().encode(t);
const pattern = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 255);
const entries = [
  [new Uint8Array(0), new Uint8Array(0)],
  [enc("'; DROP TABLE memory; --"), Uint8Array.from([0, 1, 2, 255])],
  [Uint8Array.from([0, 0, 0]), enc('nul key')],
  [enc('%_*?[\\'), Uint8Array.from({ length: 256 }, (_, i) => i)],
  [enc('\u00e9\u4e2d\u{1F600}'), enc('\u{1F4A5} "quoted"')],
  [Uint8Array.from([0xff, 0xfe, 0xc3, 0x28]), pattern(200_000, 3)],
];
for (let i = 0; i < 20; i++) entries.push([enc(`agent/${i}/note`), pattern(100 + i, i)]);
const namespace = 'agent "\u{1F41D}"';
const same = (a, b) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

async function report(body) {
  await fetch('/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const params = new URLSearchParams(location.search);
const phase = params.get('phase');
try {
  const ruv = new RuvSwarm({ baseURL: '/dist/' });
  const options = params.get('backend') === 'indexeddb'
    ? { backend: { kind: 'indexeddb', ...(await indexedDBBackend()) } } : {};
  const db = await PersistentDatabase.open(ruv, 'chunk-test', { ...options, now: () => 5_000 });
  const failures = [];
  if (phase === 'write') {
    for (const [key, value] of entries) await db.put(namespace, key, value);   // each flushed on commit
    const swarm = await db.createSwarm('browser-swarm', { seed: 3 });
    swarm.spawn(); swarm.spawn();
    const a = swarm.addTask(1), b = swarm.addTask(2), c = swarm.addTask(3);
    swarm.addDependency(b, a); swarm.addDependency(c, b);
    swarm.submit();
    swarm.run((payload) => payload * 10, 2);
    const events = await swarm.checkpoint();
    await report({ phase, backend: db.backend, generation: String(db.generation), events, failures });
  } else {
    for (const [key, value] of entries) {
      if (!same(db.get(namespace, key), value)) failures.push(`key ${Array.from(key).join(',')}`);
    }
    if (db.keys(namespace).length !== entries.length) failures.push(`keys ${db.keys(namespace).length}`);
    const swarm = await db.restoreSwarm('browser-swarm', { seed: 3 });
    swarm.run((payload) => payload * 100);
    const results = [0, 1, 2].map((i) => swarm.result(i));
    if (results.join() !== '10,200,300') failures.push(`swarm results ${results.join()}`);
    await report({ phase, backend: db.backend, generation: String(db.generation), checked: entries.length + 3, failures });
  }
} catch (error) {
  await report({ phase, failures: [`${error.name}: ${error.code ?? ''} ${error.message}`] });
}
