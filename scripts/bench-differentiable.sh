#!/usr/bin/env bash
# Training-step time of Neural's differentiable layers: a 2-layer LSTM (hidden 64) and a small
# Transformer encoder (2 pre-norm layers, width 64, 4 heads), batch 32 × sequence 24, MSE + Adam.
#   native   differentiable-bench (release; matmuls on OpenBLAS with --threads threads)
#   wasm     the same steps compiled as the Neural chunk compiles them (Bundler's flags, SIMDKit's
#            simd128 gemm), run in Node (Neural/tools/torch-fixtures/wasm-bench/bench-wasm.sh)
#   PyTorch  the same models in PyTorch CPU with the same threads, in the same run, when a venv with
#            torch exists (Neural/.venv-torch, or the fixture generator's Neural/tools/torch-fixtures/.venv);
#            --with-torch creates Neural/.venv-torch from PyPI first if neither exists.
# Every implementation must show a falling loss before its time is printed.
# Usage: scripts/bench-differentiable.sh [--with-torch] [--threads N] [--steps N]
# NEURAL_BUILD_PATH=<dir> builds in another scratch directory (default: Neural/.build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
neural="$root/Neural"
tools="$neural/tools/torch-fixtures"
with_torch=0 threads=1 steps=30
while [ $# -gt 0 ]; do
  case "$1" in
    --with-torch) with_torch=1 ;;
    --threads) threads=${2:?}; shift ;;
    --steps) steps=${2:?}; shift ;;
    *) echo "usage: $0 [--with-torch] [--threads N] [--steps N]" >&2; exit 2 ;;
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
bash "$tools/wasm-bench/bench-wasm.sh" "$steps" "$tmp/wasm.txt"
echo
"$bin/differentiable-bench" --threads "$threads" --steps "$steps" --wasm "$tmp/wasm.txt" ${python:+--python "$python"}
