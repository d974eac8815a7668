#!/usr/bin/env bash
# Insert throughput of SQLite in wasm (Node 20) against native, in one run: the same C benchmark
# (insert-bench.c) and the same SQLite version and options (build-sqlite-wasm.sh), compiled by the
# same clang, -Os for wasm (what ships) and -O2 natively. Each side checks its row count before
# its time counts; the best of REPEATS runs is kept.
# Usage: Persistence/JS/bench/bench.sh [rows] [batch] [repeats]   (defaults 100000 1000 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
rows=${1:-100000}; batch=${2:-1000}; repeats=${3:-5}
toolchain=$(dirname "$(command -v swiftc)")
wasi=${WASI_SYSROOT:-/usr}
built=$("$root/Persistence/JS/build-sqlite-wasm.sh"); read -r wasmobjects src <<<"$built"
built=$("$root/Persistence/JS/build-sqlite-wasm.sh" native); read -r nativeobjects _ <<<"$built"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$toolchain/clang" -O2 -I "$src" -DBENCH_NATIVE_MAIN "$here/insert-bench.c" "$nativeobjects/sqlite3.o" -lm -o "$tmp/insert-bench"
"$toolchain/clang" --target=wasm32-unknown-wasi -fPIC -Os -isystem "$wasi/include/wasm32-wasi" -I "$src" \
  -c "$here/insert-bench.c" -o "$tmp/insert-bench.o"
"$toolchain/wasm-ld" --no-entry --strip-all --export=bench_insert -z stack-size=1048576 \
  "$tmp/insert-bench.o" "$wasmobjects/sqlite3.o" "$wasmobjects/sqlite-os.o" "$wasi/lib/wasm32-wasi/libc.a" -o "$tmp/insert-bench.wasm"

native=$("$tmp/insert-bench" "$rows" "$batch" "$repeats")
wasm=$(node --input-type=module - "$tmp/insert-bench.wasm" "$rows" "$batch" "$repeats" <<'JS'
import { readFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
const [file, rows, batch, repeats] = process.argv.slice(2);
let memory;
const wasi = { random_get: (p, n) => { randomFillSync(new Uint8Array(memory.buffer, p, n)); return 0; },
               fd_write: () => 8, fd_seek: () => 8, fd_close: () => 8 };
const { instance } = await WebAssembly.instantiate(readFileSync(file), { wasi_snapshot_preview1: wasi });
memory = instance.exports.memory;
let best = Infinity;
for (let r = 0; r < Number(repeats); r++) {
  const start = performance.now();
  const n = instance.exports.bench_insert(Number(rows), Number(batch));
  const ms = performance.now() - start;
  if (n !== Number(rows)) { console.error(`insert-bench (wasm): read back ${n} rows, expected ${rows}`); process.exit(1); }
  best = Math.min(best, ms);
}
console.log(best.toFixed(3));
JS
)
python3 - "$rows" "$batch" "$native" "$wasm" <<'PY'
import sys
rows, batch, native, wasm = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"SQLite upserts, {rows} rows, commit every {batch}: native {rows / native * 1e3:,.0f}/s, "
      f"wasm (Node) {rows / wasm * 1e3:,.0f}/s, wasm/native throughput ratio {native / wasm:.2f}")
PY
