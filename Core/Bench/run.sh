#!/usr/bin/env bash
# Core's benchmarks: the native harness (memory, scheduling throughput, parallel speed-up) and the
# same scheduling workload compiled to wasm and timed in Node.
# Usage: Core/Bench/run.sh [quick] [memory] [throughput] [parallel]   (no section: all of them)
set -euo pipefail
core="$(cd "$(dirname "$0")/.." && pwd)"
cd "$core"
swift build -c release --product core-bench
.build/release/core-bench "$@"
sections=" $* "
if [[ "$sections" =~ " memory " || "$sections" =~ " parallel " ]] && [[ ! "$sections" =~ " throughput " ]]; then exit 0; fi
mode=""; [[ "$sections" =~ " quick " ]] && mode=quick
echo
echo "== scheduling throughput in wasm (Embedded Swift, -O), same workload"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
Bench/wasm/build.sh "$out/core-bench.wasm" -O
node Bench/wasm/run.mjs "$out/core-bench.wasm" $mode
