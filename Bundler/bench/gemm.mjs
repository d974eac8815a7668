// wasm SIMDKit gemm at n³ through the loader, simd128 and scalar variants, best of 5 batches.
// Usage: node gemm.mjs <dist> [n]   -> one JSON line. The time includes the loader's copies of A, B
// and C in and out of wasm memory (what a JS caller pays).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? 'dist');
const n = Number(process.argv[3] ?? 256);
const { RuvSwarm } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
const a = Float32Array.from({ length: n * n }, random);
const b = Float32Array.from({ length: n * n }, random);
const result = { n };
for (const variant of ['simd', 'scalar']) {
  const simdkit = await new RuvSwarm({ baseURL: pathToFileURL(dist + '/').href, variant }).load('simdkit');
  let c = simdkit.gemm(n, n, n, a, b);
  let best = Infinity;
  let repetitions = 1;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let r = 0; r < repetitions; r++) c = simdkit.gemm(n, n, n, a, b);
    const seconds = (performance.now() - start) / 1000;
    best = Math.min(best, seconds / repetitions);
    if (seconds < 0.2) repetitions *= 2;
  }
  result[variant] = { seconds: best, gflops: (2 * n ** 3) / best / 1e9, checksum: c[0] + c[n * n - 1] };
}
result.simdOverScalar = result.simd.gflops / result.scalar.gflops;
console.log(JSON.stringify(result));
