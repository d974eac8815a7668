#!/usr/bin/env bash
# Line coverage of one package's own Sources/, from its last `swift test --enable-code-coverage`.
# Usage: scripts/coverage.sh PACKAGE_DIR [MIN_PERCENT]
# Prints "coverage: NAME  LINES%" and exits 1 when MIN_PERCENT is given and not met.
set -euo pipefail
dir=$1; min=${2:-0}
cd "$dir"
name=$(basename "$(pwd)")
bin=$(ls -d .build/debug/*PackageTests.xctest 2>/dev/null | head -n1)
prof=.build/debug/codecov/default.profdata
if [ -z "$bin" ] || [ ! -f "$prof" ]; then echo "coverage: $name: no coverage data (run swift test --enable-code-coverage)" >&2; exit 1; fi
[ -f "$bin" ] || bin="$bin/Contents/MacOS/$(basename "$bin" .xctest)"
# The toolchain's llvm-cov: Debian's older one (earlier on PATH) cannot read Swift 6's profiles.
llvm_cov="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-cov"; [ -x "$llvm_cov" ] || llvm_cov=$(command -v llvm-cov)
mapfile -t sources < <(find Sources -name '*.swift' | sort)
line=$("$llvm_cov" report "$bin" -instr-profile="$prof" "${sources[@]}" | awk '/^TOTAL/ {print $(NF-3)}')
pct=${line%\%}
printf 'coverage: %-12s %s lines (bar %s%%)\n' "$name" "$line" "$min"
awk -v p="$pct" -v m="$min" 'BEGIN { exit (p + 0 >= m + 0) ? 0 : 1 }' || { echo "coverage: $name is below $min%" >&2; exit 1; }
