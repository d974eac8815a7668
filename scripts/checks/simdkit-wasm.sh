#!/usr/bin/env bash
# SIMDKit compiles with Embedded Swift for wasm32-unknown-none-wasm, in both variants:
#   simd   -Xcc -msimd128            must contain f32x4 instructions (a silent scalar fallback fails)
#   scalar -D SIMDKIT_SCALAR, no simd128   must contain no f32x4 / v128 instructions at all
# Prints the instruction counts. Usage: scripts/checks/simdkit-wasm.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")
swiftc="$toolchain/swiftc"
objdump="$toolchain/llvm-objdump"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$root/SIMDKit/Sources/SIMDKit" -name '*.swift' | sort)
common=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library
        -Osize -Xfrontend -disable-stack-protector -module-name SIMDKit)

"$swiftc" "${common[@]}" -Xcc -msimd128 -c "${sources[@]}" -o "$out/simd.o"
"$swiftc" "${common[@]}" -D SIMDKIT_SCALAR -c "${sources[@]}" -o "$out/scalar.o"

count() { "$objdump" -d "$1" | grep -cE "$2" || true; }
simd_f32x4=$(count "$out/simd.o" '\bf32x4\.')
simd_v128=$(count "$out/simd.o" '\b(v128|f32x4|f64x2|i32x4|i64x2|i16x8|i8x16)\.')
scalar_v128=$(count "$out/scalar.o" '\b(v128|f32x4|f64x2|i32x4|i64x2|i16x8|i8x16)\.')
printf 'simdkit-wasm: simd variant   %6d f32x4 instructions (%d simd128 in all), %d bytes\n' \
  "$simd_f32x4" "$simd_v128" "$(stat -c %s "$out/simd.o")"
printf 'simdkit-wasm: scalar variant %6d simd128 instructions, %d bytes\n' "$scalar_v128" "$(stat -c %s "$out/scalar.o")"
status=0
if [ "$simd_f32x4" -eq 0 ]; then echo "simdkit-wasm: FAIL: the simd variant has no f32x4 instructions" >&2; status=1; fi
if [ "$scalar_v128" -ne 0 ]; then echo "simdkit-wasm: FAIL: the scalar variant contains simd128 instructions" >&2; status=1; fi
# Every kernel family must really be vectorised, not only gemm: check a few of our symbols by name.
for symbol in dot sum softmax activate; do
  n=$("$objdump" -d "$out/simd.o" | awk -v s="$symbol" '
    /^[0-9a-f]+ <.*>:$/ { inside = ($0 ~ ("SIMDKernels.*" s) || $0 ~ ("11SIMDKernelsO.*" s)) }
    inside && /f32x4\./ { c++ } END { print c + 0 }')
  printf 'simdkit-wasm: SIMDKernels.%-9s %5d f32x4 instructions\n' "$symbol" "$n"
  if [ "$n" -eq 0 ]; then echo "simdkit-wasm: FAIL: SIMDKernels.$symbol has no f32x4 instructions" >&2; status=1; fi
done
exit $status
