// Wasm side of chunk-bench.sh: the same N agent-memory inserts as memory-native.swift, through the
// Persistence chunk (loader.js, persistence.memoryPut: one transaction each). Prints the best of
// `repeats` runs as rows per second, after checking the row count.
// Usage: node chunk-bench.mjs <dist> <rows> <repeats>
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, rowsText, repeatsText] = process.argv.slice(2);
const rows = Number(rowsText ?? 20000), repeats = Number(repeatsText ?? 3);
const { RuvSwarm } = await import(pathToFileURL(path.join(path.resolve(dist), 'loader.js')).href);
const persistence = await new RuvSwarm().load('persistence');
const value = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) & 255);
let best = 0;
for (let r = 0; r < repeats; r++) {
  const db = persistence.open();
  const key = new Uint8Array([0, 0, 0, 1, 2, 3, 4, 5]);
  const start = performance.now();
  for (let i = 0; i < rows; i++) {
    key[0] = i & 255; key[1] = (i >> 8) & 255; key[2] = (i >> 16) & 255;
    persistence.memoryPut(db, 'agent-1', key, value, 0, 1000);
  }
  const elapsed = (performance.now() - start) / 1000;
  const count = persistence.memoryKeys(db, 'agent-1', new Uint8Array(0), 0, 1000).length / 12;
  if (count !== rows) { console.error(`chunk-bench: ${count} rows, expected ${rows}`); process.exit(1); }
  persistence.close(db);
  best = Math.max(best, rows / elapsed);
}
console.log(Math.round(best));
