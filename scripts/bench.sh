#!/usr/bin/env bash
# `make bench`: every domain's benchmark, each checking its answers before it times and printing
# ratios against a peer measured in the same run.
#   simdkit      gemm/gemv/dot/axpy vs single-thread OpenBLAS and the scalar reference (+ wasm in Node)
#   neural       FANN networks vs libfann, natively and as the wasm chunk in Node, plus quality
#   differentiable  LSTM / Transformer training step, native and wasm, vs PyTorch CPU when its venv
#                exists (BENCH_TORCH=1 creates it from PyPI first)
#   core         swarm memory, scheduling throughput (native and wasm), parallel speed-up
#   persistence  event-log appends vs the raw SQLite C API, memory latency, restore cost
#   bundler      chunk sizes, build time, cold load in Chromium, wasm gemm vs scalar and native
# Usage: scripts/bench.sh [section ...]   (none: all). Exits non-zero if any section failed.
# Installs nothing: `make bench` runs scripts/install-deps.sh first.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sections=("$@"); [ ${#sections[@]} -gt 0 ] || sections=(simdkit neural differentiable core persistence bundler)
failed=()
run() { # name, command...
  local name=$1; shift
  echo; echo "================ bench: $name ================"
  "$@" || failed+=("$name")
}
for s in "${sections[@]}"; do
  case "$s" in
    simdkit)     run simdkit "$root/scripts/bench-simdkit.sh" ;;
    neural)      run neural "$root/scripts/bench-neural.sh" ;;
    differentiable) run differentiable "$root/scripts/bench-differentiable.sh" ${BENCH_TORCH:+--with-torch} ;;
    core)        run core "$root/Core/Bench/run.sh" ;;
    persistence) run persistence bash -c "cd '$root/Persistence' && swift build -c release --product persistence-bench && \"\$(swift build -c release --show-bin-path)/persistence-bench\" --check" ;;
    bundler)     run bundler "$root/Bundler/bench/bench.sh" ;;
    *) echo "bench: unknown section $s (simdkit neural differentiable core persistence bundler)" >&2; exit 2 ;;
  esac
done
echo
if [ ${#failed[@]} -gt 0 ]; then echo "bench: sections with a failure or a missed target: ${failed[*]}"; exit 1; fi
echo "bench: every section ran and met its checks"
