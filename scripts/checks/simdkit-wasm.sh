#!/usr/bin/env bash
# SIMDKit compiles with Embedded Swift for wasm32-unknown-none-wasm, and runs correctly there, in both
# variants:
#   simd   -Xcc -msimd128                 must contain f32x4 instructions, in every kernel family
#                                          (a silent scalar fallback fails the check)
#   scalar -D SIMDKIT_SCALAR, no simd128  must contain no simd128 instruction at all
# Each variant is compiled together with SIMDKit/WasmCheck/Harness.swift, linked with wasm-ld against
# wasi-libc, and run in Node, where the harness compares every fast path with its reference (sizes
# 0...33, 1000, 4099, edge values). Prints instruction counts and results.
# Usage: scripts/checks/simdkit-wasm.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
swiftc="$toolchain/swiftc"
objdump="$toolchain/llvm-objdump"
wasm_ld="$toolchain/wasm-ld"
libc=/usr/lib/wasm32-wasi/libc.a
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$root/SIMDKit/Sources/SIMDKit" -name '*.swift' | sort)
harness="$root/SIMDKit/WasmCheck/Harness.swift"
common=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library
        -Osize -Xfrontend -disable-stack-protector -module-name SIMDKit)

"$swiftc" "${common[@]}" -Xcc -msimd128 -c "${sources[@]}" "$harness" -o "$out/simd.o"
"$swiftc" "${common[@]}" -D SIMDKIT_SCALAR -c "${sources[@]}" "$harness" -o "$out/scalar.o"

simd128='\b(v128|f32x4|f64x2|i32x4|i64x2|i16x8|i8x16)\.'
count() { "$objdump" -d "$1" | grep -cE "$2" || true; }
simd_f32x4=$(count "$out/simd.o" '\bf32x4\.')
simd_all=$(count "$out/simd.o" "$simd128")
scalar_all=$(count "$out/scalar.o" "$simd128")
printf 'simdkit-wasm: simd variant   %6d f32x4 instructions (%d simd128 in all)\n' "$simd_f32x4" "$simd_all"
printf 'simdkit-wasm: scalar variant %6d simd128 instructions\n' "$scalar_all"
status=0
if [ "$simd_f32x4" -eq 0 ]; then echo "simdkit-wasm: FAIL: the simd variant has no f32x4 instructions" >&2; status=1; fi
if [ "$scalar_all" -ne 0 ]; then echo "simdkit-wasm: FAIL: the scalar variant contains simd128 instructions" >&2; status=1; fi
# Every kernel family must really be vectorised: count f32x4 inside SIMDKernels' own functions.
for symbol in dot sum max softmax activate derivative; do
  n=$("$objdump" -d "$out/simd.o" | awk -v s="$symbol" '
    /^[0-9a-f]+ <.*>:$/ { inside = ($0 ~ ("11SIMDKernelsO[0-9]*" s)) }
    inside && /f32x4\./ { c++ } END { print c + 0 }')
  printf 'simdkit-wasm: SIMDKernels.%-10s %5d f32x4 instructions\n' "$symbol" "$n"
  if [ "$n" -eq 0 ]; then echo "simdkit-wasm: FAIL: SIMDKernels.$symbol has no f32x4 instructions" >&2; status=1; fi
done
# Run both variants in Node.
for variant in simd scalar; do
  "$wasm_ld" --no-entry --export=simdkit_check --export=simdkit_path --strip-all \
    -o "$out/$variant.wasm" "$out/$variant.o" "$libc"
  expected=simd; [ "$variant" = scalar ] && expected=reference
  node "$root/SIMDKit/WasmCheck/run.mjs" "$out/$variant.wasm" "$expected" || status=1
done
exit $status
