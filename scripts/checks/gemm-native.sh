#!/usr/bin/env bash
# The gemm fast path as `make demo` and `make bench` build it: release, with the native CPU flags
# (AVX2 6x16 micro-kernel and fused multiply-add when /proc/cpuinfo has them, see scripts/demo.sh).
# The unit tests run a debug build without those flags; this runs gemm-demo, which checks every
# product against ReferenceKernels and exits non-zero on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if scripts/demo.sh >"$log" 2>&1; then
  grep -E "^ +[0-9]+ +[0-9]+ +[0-9]+ |all results" "$log"
else
  cat "$log"
  echo "gemm-native: FAIL" >&2
  exit 1
fi
