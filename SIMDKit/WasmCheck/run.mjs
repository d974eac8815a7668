// Instantiates a SIMDKit check module (see Harness.swift) in Node and runs it.
// Usage: node run.mjs simdkit-check.wasm [simd|reference]   exits 0 when every comparison passed.
// Any import the module has is a stub that throws: the kernels must not call out of the module.
import { readFileSync } from 'node:fs';

const [file, expectedPath] = process.argv.slice(2);
const module = await WebAssembly.compile(readFileSync(file));
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  imports[imp.module][imp.name] = () => { throw new Error(`unexpected call to ${imp.module}.${imp.name}`); };
}
const instance = await WebAssembly.instantiate(module, imports);
const path = instance.exports.simdkit_path() ? 'simd' : 'reference';
const failures = instance.exports.simdkit_check();
console.log(`simdkit-wasm: node run (${path} path): ${failures} failed comparisons`);
process.exit(failures === 0 && (!expectedPath || expectedPath === path) ? 0 : 1);
