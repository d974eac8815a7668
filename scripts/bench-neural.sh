#!/usr/bin/env bash
# `make bench`'s neural section (scripts/bench.sh neural), in one run:
#   1. neural-bench: our native fast paths against libfann in the same process (training throughput on
#      six FANN problems, the 784-128-10 forward pass); it also writes the initial nets and libfann's
#      answers and figures to a temporary folder;
#   2. the Neural wasm chunk (one `bundler build --only neural`) in Node on the same nets and data,
#      against those libfann figures (Neural/Benchmarks/wasm-bench.mjs);
#   3. neural-bench quality: the 16 FANN problems' test MSE against libfann float and double.
# Single-threaded OpenBLAS throughout (OPENBLAS_NUM_THREADS=1). Exits non-zero if any step fails or a
# wasm answer is wrong.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OPENBLAS_NUM_THREADS=1
cd "$root/Neural"
swift build -c release --product neural-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
mkdir -p "$tmp/nets"
"$bin/neural-bench" speed "$tmp/nets"
echo
(cd "$root/Bundler" && swift build --product bundler >/dev/null)
"$(cd "$root/Bundler" && swift build --show-bin-path)/bundler" build --only neural --out "$tmp/dist" --work "$tmp/work" >/dev/null
node "$root/Neural/Benchmarks/wasm-bench.mjs" "$tmp/dist" "$root/../shared/datasets/fann" "$tmp/nets"
echo
"$bin/neural-bench" quality
