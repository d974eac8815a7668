// Headless-browser test page (run by run-store-browser.mjs, twice with one profile): phase=write
// stores agent memory and swarm records through Persistence's Swift store in wasm and saves a snapshot after every
// commit (backend=indexeddb forces the IndexedDB fallback); phase=read, in a fresh page load, restores the newest snapshot and checks every write.
import { instantiate, SQLite } from './sqlite-c-api.mjs';
import { Harness } from './store-harness.mjs';
import { Snapshots, browserBackend, indexedDBBackend } from '../snapshots.mjs';

const enc = (t) => new TextEncoder().encode(t);
const pattern = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 255);
const entries = [
  [new Uint8Array(0), new Uint8Array(0)],
  [enc("'; DROP TABLE memory; --"), Uint8Array.from([0, 1, 2, 255])],
  [Uint8Array.from([0, 0, 0]), enc('nul key')],
  [enc('%_*?[\\'), Uint8Array.from({ length: 256 }, (_, i) => i)],
  [enc('\u00e9\u4e2d\u{1F600}'), enc('\u{1F4A5} "quoted"')],
  [Uint8Array.from([0xff, 0xfe, 0xc3, 0x28]), pattern(300_000, 3)],
];
for (let i = 0; i < 50; i++) entries.push([enc(`agent/${i}/note`), pattern(100 + i, i)]);

const swarms = [['swarm-1', 'research \u{1F52C}', pattern(4096, 9)], ["'; --", 'quotes "and" \\', new Uint8Array(0)]];

async function report(body) {
  await fetch('/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const params = new URLSearchParams(location.search);
const phase = params.get('phase');
try {
  const wasm = new Uint8Array(await (await fetch('/store.wasm')).arrayBuffer());
  const h = await instantiate(wasm, Harness);
  const backend = params.get('backend') === 'indexeddb'
    ? { kind: 'indexeddb', ...(await indexedDBBackend()) } : await browserBackend();   // by policy, or forced
  const snapshots = new Snapshots(backend, 'agents');
  h.x.harness_set_now(1_000n);
  const failures = [];
  if (phase === 'write') {
    h.open('/agents.db');
    const exporter = SQLite.prototype.open.call(h, '/agents.db');
    let generation = 0n;
    for (const [key, value] of entries) {
      h.put(key, value);                                   // one committed write
      generation = await snapshots.save(h.serialize(exporter)); // flushed on commit
    }
    for (const [id, name, config] of swarms) {
      h.saveSwarm(id, name, config);
      generation = await snapshots.save(h.serialize(exporter));
    }
    h.close(exporter);
    h.x.harness_close();
    await report({ phase, backend: backend.kind, generation: String(generation), failures });
  } else {
    const loaded = await snapshots.load();
    if (loaded === null) throw new Error('no snapshot after reload');
    const scratch = SQLite.prototype.open.call(h, '/scratch.db');
    h.deserialize(scratch, loaded.bytes);
    const target = SQLite.prototype.open.call(h, '/agents.db');
    h.backup(target, scratch);
    h.close(scratch);
    h.open('/agents.db');
    h.close(target);
    for (const [key, value] of entries) {
      const got = h.get(key);
      if (got === null || got.length !== value.length || !got.every((b, i) => b === value[i])) failures.push(`key ${Array.from(key).join(',')}`);
    }
    for (const [id, name, config] of swarms) {
      const got = h.swarm(id);
      if (got === null || got.name !== name || got.config.length !== config.length || !got.config.every((b, i) => b === config[i])) failures.push(`swarm ${id}`);
    }
    if (h.count(new Uint8Array(0)) !== entries.length) failures.push(`count ${h.count(new Uint8Array(0))}`);
    h.x.harness_close();
    await report({ phase, backend: backend.kind, generation: String(loaded.generation), checked: entries.length + swarms.length, failures });
  }
} catch (error) {
  await report({ phase, failures: [`${error.name}: ${error.message}`] });
}
