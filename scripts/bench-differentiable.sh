#!/usr/bin/env bash
# Training-step time of Neural's differentiable layers: a 2-layer LSTM (hidden 64) and a small
# Transformer encoder (2 pre-norm layers, width 64, 4 heads), batch 32 × sequence 24, MSE + Adam.
#   native   differentiable-bench (release; matmuls on OpenBLAS with --threads threads)
#   wasm     the real Neural chunk (`bundler build --only neural --variants simd`) in Node, driven
#            through its JS API (Neural/tools/differentiable-browser/bench-chunk.mjs builds the same
#            models layer by layer); --static-wasm instead links the chunk's compile of Neural statically
#            (Neural/tools/torch-fixtures/wasm-bench/bench-wasm.sh)
#   PyTorch  the same models in PyTorch CPU with the same threads, in the same run, when a venv with
#            torch exists (Neural/.venv-torch, or the fixture generator's Neural/tools/torch-fixtures/.venv);
#            --with-torch creates Neural/.venv-torch from PyPI first if neither exists.
# Every implementation must show a falling loss before its time is printed.
# Usage: scripts/bench-differentiable.sh [--with-torch] [--static-wasm] [--threads N] [--steps N]
# NEURAL_BUILD_PATH / BUNDLER_BUILD_PATH=<dir> build in other scratch directories (default: .build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
neural="$root/Neural"
tools="$neural/tools/torch-fixtures"
with_torch=0 static_wasm=0 threads=1 steps=30
while [ $# -gt 0 ]; do
  case "$1" in
    --with-torch) with_torch=1 ;;
    --static-wasm) static_wasm=1 ;;
    --threads) threads=${2:?}; shift ;;
    --steps) steps=${2:?}; shift ;;
    *) echo "usage: $0 [--with-torch] [--static-wasm] [--threads N] [--steps N]" >&2; exit 2 ;;
  esac
  shift
done

python=""
for venv in "$neural/.venv-torch" "$tools/.venv"; do
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import torch' 2>/dev/null; then
    python="$venv/bin/python"; break
  fi
done
if [ -z "$python" ] && [ "$with_torch" = 1 ]; then
  echo "setting up PyTorch in $neural/.venv-torch (from PyPI: $tools/requirements.txt)"
  python3 -m venv "$neural/.venv-torch"
  "$neural/.venv-torch/bin/python" -m pip install -q -r "$tools/requirements.txt"
  python="$neural/.venv-torch/bin/python"
  "$python" -c 'import torch'
fi
[ -n "$python" ] && echo "PyTorch: $("$python" -c 'import torch; print(torch.__version__)') ($python)"

scratch=()
[ -n "${NEURAL_BUILD_PATH:-}" ] && scratch=(--scratch-path "$NEURAL_BUILD_PATH")
cd "$neural"
swift build -c release --product differentiable-bench "${scratch[@]}" 2>&1 | grep -E 'error|warning: unre|Compiling|Build' | tail -3
bin=$(swift build -c release --show-bin-path "${scratch[@]}")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$static_wasm" = 1 ]; then
  echo "wasm: Neural compiled as the chunk compiles it, linked statically, in Node"
  bash "$tools/wasm-bench/bench-wasm.sh" "$steps" "$tmp/wasm.txt"
else
  echo "wasm: the Neural chunk of a bundler build (simd variant), in Node through its JS API"
  bscratch=()
  [ -n "${BUNDLER_BUILD_PATH:-}" ] && bscratch=(--scratch-path "$BUNDLER_BUILD_PATH")
  (cd "$root/Bundler" && swift build --product bundler "${bscratch[@]}" >/dev/null)
  bundler="$(cd "$root/Bundler" && swift build --show-bin-path "${bscratch[@]}")/bundler"
  (cd "$root" && "$bundler" build --only neural --variants simd --out "$tmp/dist" --work "$tmp/work" | head -n 1)
  node "$neural/tools/differentiable-browser/bench-chunk.mjs" "$tmp/dist" "$steps" "$tmp/wasm.txt"
fi
echo
"$bin/differentiable-bench" --threads "$threads" --steps "$steps" --wasm "$tmp/wasm.txt" ${python:+--python "$python"}
