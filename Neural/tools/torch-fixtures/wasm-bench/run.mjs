// Node driver of the wasm training-step benchmark: runs each model's step, checks that the loss
// falls, and prints the median CPU milliseconds per step (wasm is single-threaded, so CPU time is
// the step's own time, robust to other processes on the machine).
// Usage: node run.mjs neural.wasm [steps] [result-file]
// The result file gets one "<model> <median ms> <first loss> <last loss>" line per model.
import { readFileSync, writeFileSync } from 'node:fs';

const imports = new Proxy({}, { get: () => new Proxy({}, { get: () => () => 0 }) });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), imports);
const e = instance.exports;
const steps = Number(process.argv[3] ?? 20);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
let failed = false;
const results = [];
console.log('model        wasm ms/step   loss first→last');
for (const [name, id] of [['lstm', 0], ['transformer', 1]]) {
  const h = e.bench_create(id);
  if (h < 0) { console.log(`${name}: could not build`); failed = true; continue; }
  const losses = [], times = [];
  for (let s = 0; s < steps + 3; s++) {
    const t0 = cpu();
    losses.push(e.bench_step(h));
    if (s >= 3) times.push(cpu() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const ok = losses.every(Number.isFinite) && losses[losses.length - 1] < losses[0];
  if (!ok) { console.log(`${name}: ANSWER CHECK FAILED (loss ${losses[0]} -> ${losses[losses.length - 1]})`); failed = true; continue; }
  console.log(`${name.padEnd(12)} ${median.toFixed(2).padStart(12)}   ${losses[0]}→${losses[losses.length - 1]}`);
  results.push(`${name} ${median} ${losses[0]} ${losses[losses.length - 1]}\n`);
}
if (process.argv[4]) writeFileSync(process.argv[4], results.join(''));
process.exit(failed ? 1 : 0);
