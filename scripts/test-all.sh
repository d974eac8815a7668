#!/usr/bin/env bash
# Runs every test of every package (notebooks included), the wasm checks, and prints line coverage.
# Usage: scripts/test-all.sh   (PACKAGES, DOMAINS and COVERAGE_BAR come from the Makefile;
#        CHECKS, a list of scripts, defaults to every scripts/checks/*.sh; CHECKS=none runs none)
set -uo pipefail
cd "$(dirname "$0")/.."
PACKAGES=${PACKAGES:-"Notebook SIMDKit ."}
DOMAINS=${DOMAINS:-"SIMDKit"}
COVERAGE_BAR=${COVERAGE_BAR:-95}
failed=()
coverage=$(mktemp)
trap 'rm -f "$coverage"' EXIT
for pkg in $PACKAGES; do
  echo "==> swift test ($pkg)"
  start=$(date +%s)
  log=$(mktemp)
  (cd "$pkg" && swift test --enable-code-coverage) >"$log" 2>&1
  rc=$?
  # Build progress and per-test start lines are noise; failures and summaries are kept.
  grep -vE '^(\[[0-9]+/[0-9]+\]|◇ |Building for|Compiling|Write |Planning build)' "$log"
  [ $rc -eq 0 ] || failed+=("swift test $pkg")
  rm -f "$log"
  # Coverage is read now, before a check can rebuild this package's test binary without instrumentation;
  # the table is printed at the end.
  if [ "$pkg" != "." ]; then
    bar=0
    for d in $DOMAINS; do [ "$d" = "$pkg" ] && bar=$COVERAGE_BAR; done
    scripts/coverage.sh "$pkg" "$bar" >>"$coverage" 2>&1 || failed+=("coverage $pkg")
  fi
  echo "<== $pkg: $(( $(date +%s) - start )) s"
done
CHECKS=${CHECKS:-$(echo scripts/checks/*.sh)}
[ "$CHECKS" = none ] && CHECKS=""
for check in $CHECKS; do
  [ -e "$check" ] || continue
  echo "==> $check"
  bash "$check" || failed+=("$check")
done
echo "==> line coverage per package"
cat "$coverage"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all packages passed"
