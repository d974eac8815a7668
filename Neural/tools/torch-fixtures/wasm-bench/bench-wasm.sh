#!/usr/bin/env bash
# The training steps of Neural's TrainingBenchmark (2-layer LSTM hidden 64 and the small
# Transformer encoder; batch 32, sequence 24) as wasm32 in Node.
#
# The compile is the Neural chunk's own (Bundler/Sources/BundlerKit/Planner.swift, simd variant):
# SIMDKit first as a module, then every Sources/Neural file with the same flags (Embedded, Extern,
# -wmo, -parse-as-library, -O, -disable-stack-protector, -msimd128), so the matmuls go through
# SIMDKit's simd128 gemm exactly as in the chunk. The only differences from the chunk: the object
# also holds TrainingExports.swift (two exported entry points) instead of the .jsapi glue, and it is
# linked statically with wasi-libc into one module instead of as a PIC side module beside the
# runtime chunk. run.mjs checks that the loss falls and prints the median ms per step.
#
# Usage: bench-wasm.sh [steps] [result-file]   (result-file gets "<model> <ms> <first> <last>" lines)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
neural=$(cd "$here/../../.." && pwd)
simdkit=$(cd "$neural/../SIMDKit" && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded
  -enable-experimental-feature Extern -wmo -parse-as-library
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -O)
mapfile -t simd_sources < <(find "$simdkit/Sources/SIMDKit" -name '*.swift' | sort)
mapfile -t sources < <(find "$neural/Sources/Neural" -name '*.swift' | sort)
"$toolchain/swiftc" "${flags[@]}" -module-name SIMDKit -emit-module \
  -emit-module-path "$out/SIMDKit.swiftmodule" -c "${simd_sources[@]}" -o "$out/simdkit.o"
"$toolchain/swiftc" "${flags[@]}" -I "$out" -module-name Neural \
  -c "${sources[@]}" "$here/TrainingExports.swift" -o "$out/neural.o"
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -n1)
"$toolchain/wasm-ld" "$out/neural.o" "$out/simdkit.o" /usr/lib/wasm32-wasi/libc.a ${builtins:+"$builtins"} \
  --no-entry --export=bench_create --export=bench_step --strip-all -z stack-size=1048576 \
  --initial-memory=67108864 --max-memory=1073741824 -o "$out/neural.wasm"
f32x4=$("$toolchain/llvm-objdump" -d "$out/neural.wasm" | grep -c 'f32x4' || true)
echo "wasm training bench: $(stat -c %s "$out/neural.wasm") bytes, $f32x4 f32x4 instructions, Node $(node --version)"
[ "$f32x4" -gt 0 ] || { echo "bench-wasm: no simd128 in the module" >&2; exit 1; }
node "$here/run.mjs" "$out/neural.wasm" "${1:-20}" "${2:-}"
