// Node driver of the wasm gemm benchmark: checks every implementation against the scalar
// reference, then times them interleaved (min of N samples; CPU time of this process, so that
// other processes on a shared machine inflate the figures less) and prints GFLOP/s and ratios.
// Usage: node run.mjs gemm.wasm
import { readFileSync } from 'node:fs';

const imports = new Proxy({}, { get: () => new Proxy({}, { get: () => () => 0 }) });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), imports);
const e = instance.exports;
const names = ['Kernels.gemm (default)', 'reference', '4x8 SIMD4', '6x8 SIMD4', '6x16 SIMD8'];
const rows = [];
let failed = false;

for (const n of [128, 256, 512]) {
  const a = e.bench_alloc(n * n), b = e.bench_alloc(n * n);
  const outs = names.map(() => e.bench_alloc(n * n));
  let seed = 12345;
  const random = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296 * 2 - 1; };
  let view = new Float32Array(e.memory.buffer);
  for (let i = 0; i < n * n; i++) { view[a / 4 + i] = random(); view[b / 4 + i] = random(); }
  const run = (which) => { if (e.bench_gemm(which, n, a, b, outs[which]) !== 0) throw new Error('rejected'); };
  names.forEach((_, which) => run(which));
  view = new Float32Array(e.memory.buffer);   // memory may have grown
  // |A||B| <= n per element here (|a|, |b| < 1): bound 2 (n + 2) eps n.
  const bound = 2 * (n + 2) * 2 ** -23 * n;
  for (let which = 0; which < names.length; which++) {
    let worst = 0;
    for (let i = 0; i < n * n; i++) {
      const d = Math.abs(view[outs[which] / 4 + i] - view[outs[1] / 4 + i]);
      worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    }
    if (!(worst <= bound)) { console.log(`ANSWER CHECK FAILED: ${names[which]} at n=${n}: max diff ${worst}`); failed = true; }
  }
  const reps = names.map(() => 1), best = names.map(() => Infinity);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
  names.forEach((_, which) => {
    while (true) {
      const t0 = cpu(); for (let r = 0; r < reps[which]; r++) run(which); const dt = cpu() - t0;
      if (dt >= 50) break;
      reps[which] *= 2;
    }
  });
  for (let sample = 0; sample < 5; sample++) {
    names.forEach((_, which) => {
      const t0 = cpu(); for (let r = 0; r < reps[which]; r++) run(which);
      best[which] = Math.min(best[which], (cpu() - t0) / reps[which]);
    });
  }
  const gflops = best.map((ms) => 2 * n ** 3 / ms / 1e6);
  names.forEach((name, which) => rows.push([`${n}^3`, name, gflops[which], gflops[which] / gflops[1]]));
}

console.log('size     implementation               GFLOP/s  vs reference');
console.log('--------------------------------------------------------------');
for (const [size, name, g, ratio] of rows) {
  console.log(`${size.padEnd(8)} ${name.padEnd(26)} ${g.toFixed(2).padStart(9)}  ${ratio.toFixed(1).padStart(9)}x`);
}
process.exit(failed ? 1 : 0);
