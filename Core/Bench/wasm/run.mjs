// Times the Core engine compiled to wasm (Embedded Swift) on the no-op scheduling workload of
// core-bench, in Node. Usage: node run.mjs core-bench.wasm [quick]
import { readFileSync } from 'node:fs';

const [file, mode] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const { core_bench, core_log_checksum } = instance.exports;
const quick = mode === 'quick';
const names = ['roundRobin', 'leastLoaded', 'random', 'priority', 'capabilityMatch', 'cognitiveDiversity'];

console.log(`event-log checksum of the cross-platform workload: ${BigInt.asUintN(64, core_log_checksum()).toString(16)}`);
console.log('agents | strategy | assignments/s (wasm, Node ' + process.version + ')');
for (const agents of [100, 10000]) {
  const tasks = agents >= 10000 ? (quick ? 100000 : 100000) : (quick ? 100000 : 1000000);
  for (let s = 0; s < names.length; s++) {
    const t0 = performance.now();
    const done = core_bench(agents, tasks, s);
    const seconds = (performance.now() - t0) / 1000;
    if (done !== tasks) { console.log(`CHECK FAILED: ${names[s]} returned ${done}`); process.exit(1); }
    console.log(`${agents} | ${names[s]} | ${Math.round(done / seconds)}`);
  }
}
