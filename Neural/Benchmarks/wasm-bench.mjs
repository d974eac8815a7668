// The Neural wasm chunk's speed in Node, against native libfann measured in the same run.
//
// Usage: node Neural/Benchmarks/wasm-bench.mjs <dist> <fann-datasets-dir> <nets-dir>
// <nets-dir> is what `neural-bench speed <nets-dir>` wrote moments before (scripts/bench-neural.sh):
// the benchmark's initial nets (<problem>.net, mnist.net, mnist.input) and libfann.tsv with libfann's
// answers and figures. For every problem and algorithm the chunk loads the same .net text, reads the
// same .data text, checks its first epoch's MSE against libfann's (1e-4 relative for the batch
// algorithms, 5 % for incremental, as the native bench does), then times epochs: rounds of about
// 4·10⁷ connection-updates, best round (performance.now; Node is single-threaded). The forward pass
// checks the outputs of mnist.net (784-128-10) against libfann's, then times `run` (one sample, gemv)
// and `runBatch` (1,000 samples, gemm). Exits non-zero when an answer is wrong; prints whether each
// target holds (wasm ≥ 1× native libfann for batch/RPROP/quickprop on nets with ≥ 1,000 connections;
// forward pass ≤ 10 µs).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, data, nets] = process.argv.slice(2).map((p) => path.resolve(p));
const { RuvSwarm } = await import(pathToFileURL(path.join(dist, 'loader.js')).href);
const neural = await new RuvSwarm().load('neural');
const names = ['incremental', 'batch', 'rprop', 'quickprop', 'sarprop'];
const rows = fs.readFileSync(path.join(nets, 'libfann.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
let wrong = 0;
let missed = 0;

function best(rounds, body) {
  let t = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    body();
    t = Math.min(t, performance.now() - t0);
  }
  return t / 1e3;  // seconds
}

console.log('Neural wasm chunk (Node, simd variant) against native libfann of the same run');
console.log('Training throughput, million connection-updates/s (best of 5 rounds)');
console.log('problem      conns  algorithm    libfann   native ours   wasm    wasm/libfann');
const datasets = new Map();
for (const [problem, algorithm, conns, samples, answer, peer, native] of rows) {
  if (algorithm === '-1') continue;
  if (!datasets.has(problem)) datasets.set(problem, neural.readData(fs.readFileSync(path.join(data, `${problem}.train`), 'utf8')));
  const d = datasets.get(problem);
  const h = neural.loadNet(fs.readFileSync(path.join(nets, `${problem}.net`), 'utf8'));
  neural.setTraining(h, Number(algorithm), 0.7);
  const mse = neural.trainOnData(h, d, 1);
  const expected = Number(answer);
  const tolerance = algorithm === '0' ? 5e-2 : 1e-4;
  if (!(Math.abs(mse - expected) <= tolerance * Math.max(Math.abs(mse), Math.abs(expected)))) {
    console.log(`${problem} ${names[algorithm]}: first-epoch MSE ${mse}, libfann ${expected}`);
    wrong++;
    neural.destroy(h);
    continue;
  }
  const work = Number(conns) * Number(samples);
  let epochs = Math.max(1, Math.floor(4e7 / work));
  if (algorithm === '0') epochs = Math.max(1, Math.floor(epochs / 2));
  const seconds = best(5, () => neural.trainOnData(h, d, epochs));
  neural.destroy(h);
  const wasm = work * epochs / seconds / 1e6;
  const ratio = wasm / Number(peer);
  const target = algorithm !== '0' && Number(conns) >= 1000;
  if (target && ratio < 1) missed++;
  console.log(pad(problem, 12) + pad(conns, 7) + pad(names[algorithm], 12) + lpad(Number(peer).toFixed(0), 8)
    + lpad(Number(native).toFixed(0), 13) + lpad(wasm.toFixed(0), 8) + lpad(ratio.toFixed(2) + 'x', 15)
    + (target ? (ratio >= 1 ? '' : '  (target 1x missed)') : ''));
}
for (const d of datasets.values()) neural.destroyData(d);

const forward = rows.find((r) => r[0] === 'mnist');
if (forward) {
  const [, , , , answer, peer, native] = forward;
  const h = neural.loadNet(fs.readFileSync(path.join(nets, 'mnist.net'), 'utf8'));
  const x = new Float32Array(fs.readFileSync(path.join(nets, 'mnist.input'), 'utf8').trim().split('\n').map(Number));
  const expected = answer.split(',').map(Number);
  const y = neural.run(h, 10, x);
  for (let j = 0; j < 10; j++) {
    if (!(Math.abs(y[j] - expected[j]) <= 1e-5)) { console.log(`forward output ${j}: ${y[j]}, libfann ${expected[j]}`); wrong++; }
  }
  const runs = 1000;
  const one = best(21, () => { for (let i = 0; i < runs; i++) neural.run(h, 10, x); }) / runs * 1e6;
  const batch = new Float32Array(784 * 1000);
  for (let i = 0; i < batch.length; i++) batch[i] = x[i % 784] * ((i % 7) + 1) / 7;
  const outs = neural.runBatch(h, batch);
  const first = neural.run(h, 10, batch.subarray(0, 784));
  for (let j = 0; j < 10; j++) {
    if (!(Math.abs(outs[j] - first[j]) <= 1e-5)) { console.log(`runBatch output ${j}: ${outs[j]}, run ${first[j]}`); wrong++; }
  }
  const many = best(11, () => neural.runBatch(h, batch)) / 1000 * 1e6;
  neural.destroy(h);
  if (one > 10) missed++;
  console.log('');
  console.log('Forward pass 784-128-10, µs per sample (best round)');
  console.log(`  native libfann fann_run   ${lpad(Number(peer).toFixed(2), 8)}`);
  console.log(`  native ours runFast       ${lpad(Number(native).toFixed(2), 8)}`);
  console.log(`  wasm run (gemv)           ${lpad(one.toFixed(2), 8)}   (${(Number(peer) / one).toFixed(2)}x libfann; target <= 10 µs ${one <= 10 ? 'met' : 'missed'})`);
  console.log(`  wasm runBatch (gemm)      ${lpad(many.toFixed(2), 8)}   (${(Number(peer) / many).toFixed(2)}x libfann; 1000 samples per call)`);
}
console.log(`wasm bench: ${wrong} wrong answers, ${missed} missed targets`);
process.exit(wrong > 0 ? 1 : 0);
