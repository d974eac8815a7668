// The Node driver of the bench (see Bench.swift): same output format as bench-native.swift.
import { readFileSync } from 'node:fs';
const names = ['dot', 'sum', 'max', 'argmax', 'axpy', 'multiply', 'sigmoid', 'tanh', 'sin', "sigmoid'", 'softmax'];
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  imports[imp.module][imp.name] = () => { throw new Error(`unexpected call to ${imp.module}.${imp.name}`); };
}
const { simdkit_bench: run } = (await WebAssembly.instantiate(module, imports)).exports;
for (let k = 0; k < names.length; k++) {
  const best = [Infinity, Infinity];
  for (const reference of [0, 1]) {
    const reps = k >= 6 ? 200 : 2000;
    run(k, reference, reps / 10);
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      run(k, reference, reps);
      best[reference] = Math.min(best[reference], (performance.now() - t) * 1e6 / reps);
    }
  }
  console.log(names[k], Math.round(best[0]), Math.round(best[1]));
}
