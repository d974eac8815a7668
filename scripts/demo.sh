#!/usr/bin/env bash
# `make demo`: the end-to-end scenario of issue 10. Installs nothing (`make demo` ran install-deps.sh).
#  1. A short native check: Examples/gemm-demo, built in release with the native CPU flags
#     (as in scripts/bench.sh: with AVX2 + FMA (x86-64-v3) in /proc/cpuinfo, `-target-cpu haswell
#     -Xcc -march=haswell -D SIMDKIT_AVX2 -D SIMDKIT_FMA`; otherwise a baseline build).
#  2. `ruvswarm demo` (CLI/, release): a swarm of forecasting agents splits the series of
#     ../shared/datasets/forecast, fits baselines, an MLP and an ensemble, stores events, tasks, models,
#     metrics and agent memory in CLI/demo-output/ruvswarm.db, prints accuracy against seasonal naive
#     on the held-out horizon, writes SVG plots and forecasts into CLI/demo-output/, and builds the
#     wasm bundle with the Bundler (DEMO_BUNDLE=0 skips that step).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/Examples"
flags=()
if [ -r /proc/cpuinfo ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo \
  && grep -qw bmi2 /proc/cpuinfo && grep -qw f16c /proc/cpuinfo && grep -qw movbe /proc/cpuinfo; then
  flags=(-Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell -Xswiftc -DSIMDKIT_AVX2 -Xswiftc -DSIMDKIT_FMA)
fi
swift build -c release --product gemm-demo "${flags[@]}"
"$(swift build -c release --show-bin-path "${flags[@]}")/gemm-demo"

echo
echo "== ruvswarm demo =="
cd "$root/CLI"
swift build -c release --product ruvswarm
bin="$(swift build -c release --show-bin-path)/ruvswarm"
mkdir -p demo-output
cd demo-output
args=(demo --datasets "$root/../shared/datasets/forecast" --output .)
if [ "${DEMO_BUNDLE:-1}" != 0 ]; then args+=(--bundle --bundler-dir "$root/Bundler"); fi
"$bin" "${args[@]}"
if [ "${DEMO_BUNDLE:-1}" != 0 ]; then
  echo
  echo "The browser playground on this bundle: $bin serve   (then open the printed URL)"
fi
