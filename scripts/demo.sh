#!/usr/bin/env bash
# `make demo`: builds Examples/ (gemm-demo) in release with the native CPU flags and runs it.
# Native flags as in scripts/bench.sh: with AVX2 + FMA (x86-64-v3 level) in /proc/cpuinfo,
# `-target-cpu haswell -Xcc -march=haswell -D SIMDKIT_AVX2 -D SIMDKIT_FMA`; otherwise none
# (a baseline build, SSE on x86-64). Installs nothing: `make demo` runs scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/../Examples"
flags=()
if [ -r /proc/cpuinfo ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo \
  && grep -qw bmi2 /proc/cpuinfo && grep -qw f16c /proc/cpuinfo && grep -qw movbe /proc/cpuinfo; then
  flags=(-Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell -Xswiftc -DSIMDKIT_AVX2 -Xswiftc -DSIMDKIT_FMA)
fi
swift build -c release --product gemm-demo "${flags[@]}"
"$(swift build -c release --show-bin-path "${flags[@]}")/gemm-demo"
