#!/usr/bin/env bash
# The Bundler end to end: `bundler build` (all domains plus the test fixtures), then the loader's
# tests in Node (node --test), in headless Chromium and in headless Firefox ESR, and tsc --strict on
# the generated .d.ts with a TypeScript usage example. Exits non-zero on any failure.
# Usage: scripts/checks/bundler-wasm.sh   (BUNDLER_BROWSERS="chromium firefox" to choose browsers)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CI=${CI:-true}

echo "bundler-wasm: building the bundler"
(cd Bundler && swift build --product bundler >/dev/null && swift build --product native-expectations >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)

"$bin/bundler" build --out "$tmp/dist" --work "$tmp/work" \
  --domain Bundler/Tests/Fixtures/Probe --domain Bundler/Tests/Fixtures/ProbeClient --domain Bundler/Tests/Fixtures/CProbe
"$bin/native-expectations" >"$tmp/expected.json"

echo "bundler-wasm: every scalar chunk validates with SIMD disabled (wabt), every simd chunk of a numeric domain needs it"
for chunk in "$tmp"/dist/chunks/*.scalar.*.wasm; do
  wasm-validate --disable-simd "$chunk" || { echo "bundler-wasm: $(basename "$chunk") does not validate without SIMD"; exit 1; }
done
for chunk in "$tmp"/dist/chunks/simdkit.simd.*.wasm; do
  if wasm-validate --disable-simd "$chunk" 2>/dev/null; then echo "bundler-wasm: $(basename "$chunk") has no SIMD"; exit 1; fi
done

echo "bundler-wasm: node --test"
RUVSWARM_DIST="$tmp/dist" RUVSWARM_EXPECTED="$tmp/expected.json" \
  timeout 300 node --test Bundler/JS/tests/loader.test.mjs

echo "bundler-wasm: tsc --strict --noEmit"
cp Bundler/JS/examples/usage.ts "$tmp/dist/usage.ts"
timeout 120 tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution node --lib es2022,dom "$tmp/dist/usage.ts"
echo "bundler-wasm: tsc ok"

for browser in ${BUNDLER_BROWSERS:-chromium firefox}; do
  echo "bundler-wasm: headless $browser"
  timeout 240 node Bundler/JS/tests/run-browser.mjs "$browser" "$tmp/dist" "$tmp/expected.json" 180
done
echo "bundler-wasm: all passed"
