// The training steps of Neural's TrainingBenchmark, timed on the real Neural chunk of a bundler build in
// Node, through the chunk's own JS API (NeuralDifferentiable.jsapi): the same models built layer by layer
//   lstm:         [24, 1] → LSTM(64) × 2 → Dense(1) on every step, MSE, Adam 3e-3
//   transformer:  [24, 1] → Dense(64) → sinusoidal positions → 2 pre-norm causal encoder layers
//                 (4 heads, feed-forward 128) → Dense(1) on every step, MSE, Adam 1e-3
// on the same batch (32 sine mixtures of length 24, next-value targets). Checks that the loss falls,
// then prints the median CPU milliseconds per step (wasm runs on one thread, so CPU time is the step's
// own time, robust to other load).
// Usage: node bench-chunk.mjs <dist> [steps] [result-file]   (result lines: "<model> <ms> <first> <last>")
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, stepsText, resultFile] = process.argv.slice(2);
const steps = Number(stepsText ?? 30);
const { RuvSwarm } = await import(pathToFileURL(path.join(path.resolve(dist), 'loader.js')).href);
const neural = await new RuvSwarm().load('neural');
const B = 32, T = 24, W = 64;
const x = new Float32Array(B * T), y = new Float32Array(B * T);
for (let i = 0; i < B; i++) {
  const phase = i * 0.37, freq = 0.15 + 0.01 * (i % 7);
  for (let j = 0; j <= T; j++) {
    const v = Math.sin(freq * j + phase) + 0.3 * Math.sin(2.1 * freq * j);
    if (j < T) x[i * T + j] = v;
    if (j > 0) y[i * T + j - 1] = v;
  }
}
const build = {
  lstm() {
    const m = neural.createModel(T, 1, 1);
    neural.addRecurrent(m, 1, W, 2);
    neural.addDense(m, 1, 11);
    neural.setOptimizer(m, 1, 3e-3, 0, 0, 0);
    return m;
  },
  transformer() {
    const m = neural.createModel(T, 1, 1);
    neural.addDense(m, W, 11);
    neural.addPositionalEncoding(m);
    for (let k = 0; k < 2; k++) neural.addTransformerEncoder(m, 4, 2 * W, 0, 1);
    neural.addDense(m, 1, 11);
    neural.setOptimizer(m, 1, 1e-3, 0, 0, 0);
    return m;
  },
};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
let failed = false;
const lines = [];
console.log('model        wasm chunk ms/step   loss first→last');
for (const name of ['lstm', 'transformer']) {
  const m = build[name]();
  const losses = [], times = [];
  for (let s = 0; s < steps + 3; s++) {
    const t0 = cpu();
    losses.push(neural.trainStep(m, x, y));
    if (s >= 3) times.push(cpu() - t0);
  }
  neural.destroyModel(m);
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  if (!losses.every(Number.isFinite) || !(losses.at(-1) < losses[0])) {
    console.log(`${name}: ANSWER CHECK FAILED (loss ${losses[0]} -> ${losses.at(-1)})`);
    failed = true;
    continue;
  }
  console.log(`${name.padEnd(12)} ${median.toFixed(2).padStart(18)}   ${losses[0]}→${losses.at(-1)}`);
  lines.push(`${name} ${median} ${losses[0]} ${losses.at(-1)}\n`);
}
if (resultFile) fs.writeFileSync(resultFile, lines.join(''));
process.exit(failed ? 1 : 0);
