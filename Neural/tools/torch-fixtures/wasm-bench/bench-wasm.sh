#!/usr/bin/env bash
# The training steps of Neural's TrainingBenchmark (2-layer LSTM hidden 64 and the small
# Transformer encoder; batch 32, sequence 24) as wasm32 in Node: compiles Sources/Neural with
# Embedded Swift (-O) together with TrainingExports.swift, links with wasm-ld against wasi-libc,
# then run.mjs checks that the loss falls and prints the median ms per step.
# Usage: Neural/tools/torch-fixtures/wasm-bench/bench-wasm.sh [steps]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
neural=$(cd "$here/../../.." && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$neural/Sources/Neural" -name '*.swift' | sort)
"$toolchain/swiftc" -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded \
  -enable-experimental-feature Extern -wmo -parse-as-library -O \
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name Neural \
  -c "${sources[@]}" "$here/TrainingExports.swift" -o "$out/neural.o"
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -n1)
"$toolchain/wasm-ld" "$out/neural.o" /usr/lib/wasm32-wasi/libc.a ${builtins:+"$builtins"} \
  --no-entry --export=bench_create --export=bench_step --strip-all -z stack-size=1048576 \
  --initial-memory=67108864 --max-memory=1073741824 -o "$out/neural.wasm"
echo "wasm training bench: $(stat -c %s "$out/neural.wasm") bytes, Node $(node --version)"
node "$here/run.mjs" "$out/neural.wasm" "${1:-20}"
