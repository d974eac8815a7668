#!/usr/bin/env bash
# Times SIMDKit's kernels, SIMD path against the reference path measured in the same run, natively
# (swiftc -O, this machine's baseline x86-64 target) and as wasm32 simd128 in Node. Prints ns per call on
# n = 4096 floats and the speed-up ratio. Not a test: numbers depend on the machine and its load.
# With simd128 enabled LLVM auto-vectorises simple reference loops (axpy, element-wise), so the last
# column also times the scalar wasm variant the Bundler ships (no -msimd128, -D SIMDKIT_SCALAR), whose
# code has no vector instructions at all: "simd vs scalar variant" is what a browser without SIMD gets.
# Usage: SIMDKit/WasmCheck/bench-kernels.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# gemm and gemv are timed by Benchmarks/; leaving them out keeps this build small.
mapfile -t sources < <(find "$root/SIMDKit/Sources/SIMDKit" -name '*.swift' ! -name 'GEMM*' ! -name 'GEMV*' | sort)
mkdir -p "$out/native"
cp "$here/bench-native.swift" "$out/native/main.swift"
"$toolchain/swiftc" -O -wmo -module-name SIMDKit "${sources[@]}" "$here/Bench.swift" "$out/native/main.swift" -lm -o "$out/bench"
"$toolchain/swiftc" -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library \
  -O -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name SIMDKit -c \
  "${sources[@]}" "$here/Bench.swift" "$here/BenchWasm.swift" -o "$out/bench.o"
"$toolchain/wasm-ld" --no-entry --export=simdkit_bench --strip-all -o "$out/bench.wasm" "$out/bench.o" /usr/lib/wasm32-wasi/libc.a
"$toolchain/swiftc" -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library \
  -O -Xfrontend -disable-stack-protector -D SIMDKIT_SCALAR -module-name SIMDKit -c \
  "${sources[@]}" "$here/Bench.swift" "$here/BenchWasm.swift" -o "$out/bench-scalar.o"
"$toolchain/wasm-ld" --no-entry --export=simdkit_bench --strip-all -o "$out/bench-scalar.wasm" "$out/bench-scalar.o" /usr/lib/wasm32-wasi/libc.a
"$out/bench" > "$out/native.txt"
node "$here/bench.mjs" "$out/bench.wasm" > "$out/wasm.txt"
node "$here/bench.mjs" "$out/bench-scalar.wasm" > "$out/wasm-scalar.txt"
printf '%-9s %12s %12s %8s   %12s %12s %8s   %14s %8s\n' kernel native-simd native-ref ratio wasm-simd wasm-ref ratio scalar-variant ratio
paste -d' ' "$out/native.txt" "$out/wasm.txt" "$out/wasm-scalar.txt" | awk '{
  printf "%-9s %10d ns %10d ns %7.1fx   %10d ns %10d ns %7.1fx   %11d ns %7.1fx\n", $1, $2, $3, $3 / $2, $5, $6, $6 / $5, $9, $9 / $5 }'
