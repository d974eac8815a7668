#!/usr/bin/env bash
# SIMDKit gemm as wasm32 simd128 in Node: compiles SIMDKit with Embedded Swift (the flags of
# CONTRIBUTING.md, but -O) together with GEMMExports.swift, links it with wasm-ld against
# Debian's wasi-libc (malloc), then node run.mjs checks every implementation against the
# scalar reference and prints GFLOP/s and ratios. Needs: swiftc/wasm-ld (toolchain), wasi-libc,
# libclang-rt-19-dev-wasm32, node. Usage: Benchmarks/Wasm/bench-wasm.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$root/SIMDKit/Sources/SIMDKit" -name '*.swift' | sort)
"$toolchain/swiftc" -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded \
  -enable-experimental-feature Extern -wmo -parse-as-library -O \
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name SIMDKit \
  -c "${sources[@]}" "$here/GEMMExports.swift" -o "$out/gemm.o"
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -n1)
"$toolchain/wasm-ld" "$out/gemm.o" /usr/lib/wasm32-wasi/libc.a ${builtins:+"$builtins"} \
  --no-entry --export=bench_alloc --export=bench_gemm --strip-all -z stack-size=1048576 \
  --initial-memory=16777216 --max-memory=1073741824 -o "$out/gemm.wasm"
echo "wasm gemm: $(stat -c %s "$out/gemm.wasm") bytes, Node $(node --version)"
node "$here/run.mjs" "$out/gemm.wasm"
