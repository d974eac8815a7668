#!/usr/bin/env bash
# `make bench`, SIMDKit section: builds the SIMDKit benchmark harness (Benchmarks/) in release with the native CPU flags and runs it.
# It checks every answer against the scalar reference before timing, and prints GFLOP/s and ratios
# against single-threaded OpenBLAS and the scalar reference, measured in the same run.
#
# CPU flags: when /proc/cpuinfo shows AVX2 + FMA (+ BMI2, F16C, MOVBE: the x86-64-v3 level), the
# build adds `-target-cpu haswell` (Swift 6.3.1 rejects the name x86-64-v3; haswell is that
# feature level) and the matching `-Xcc -march=haswell`, plus -D SIMDKIT_AVX2 (6x16 SIMD8 gemm
# micro-kernel) and -D SIMDKIT_FMA (fused multiply-add). The same flags apply to our kernels and to
# the scalar reference. Without them (what a package user gets by default) x86-64 builds use SSE.
# BENCH_FMA=0 leaves out SIMDKIT_FMA (separate multiply and add), BENCH_NATIVE=0 all of the flags.
# BENCH_AVX512=1, on a CPU with AVX-512 F/CD/BW/DQ/VL, builds for `skylake-avx512` with
# -D SIMDKIT_AVX512 instead (the 6x32 SIMD16 micro-kernel).
# Arguments select sections (gemm, gemv, level1, wasm); none runs all. `wasm` is the same gemm
# compiled with Embedded Swift for wasm32 simd128 and run in Node (Benchmarks/Wasm/bench-wasm.sh).
# Installs nothing: `make bench` runs scripts/install-deps.sh first (libopenblas-dev).
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
flags=()
if [ "${BENCH_NATIVE:-1}" != 0 ] && [ -r /proc/cpuinfo ] \
  && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo \
  && grep -qw f16c /proc/cpuinfo && grep -qw movbe /proc/cpuinfo; then
  flags=(-Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell -Xswiftc -DSIMDKIT_AVX2)
  if [ "${BENCH_AVX512:-0}" = 1 ]; then
    for feature in avx512f avx512cd avx512bw avx512dq avx512vl; do
      grep -qw $feature /proc/cpuinfo || { echo "bench: BENCH_AVX512=1 but the CPU lacks $feature" >&2; exit 2; }
    done
    flags=(-Xswiftc -target-cpu -Xswiftc skylake-avx512 -Xcc -march=skylake-avx512 -Xswiftc -DSIMDKIT_AVX512)
  fi
  if [ "${BENCH_FMA:-1}" != 0 ]; then flags+=(-Xswiftc -DSIMDKIT_FMA); fi
fi
native=1 wasm=1 sections=()
if [ $# -gt 0 ]; then
  native=0 wasm=0
  for s in "$@"; do
    if [ "$s" = wasm ]; then wasm=1; else native=1; sections+=("$s"); fi
  done
fi
if [ $native = 1 ]; then
  echo "bench: swift build -c release ${flags[*]}"
  swift build -c release --product SIMDKitBench "${flags[@]}"
  "$(swift build -c release --show-bin-path "${flags[@]}")/SIMDKitBench" "${sections[@]}"
fi
if [ $wasm = 1 ]; then
  echo ""
  echo "bench: gemm as wasm32 simd128 in Node"
  if command -v node >/dev/null && [ -f /usr/lib/wasm32-wasi/libc.a ]; then
    Wasm/bench-wasm.sh
  else
    echo "bench: skipped: needs node and wasi-libc (scripts/install-deps.sh wasm)"
  fi
fi
