#!/usr/bin/env bash
# Neural in the browser: the native reference (NeuralJSTests writes its scenario's MSEs and outputs to
# $NEURAL_JS_REFERENCE), one `bundler build` (which picks up Neural/JS/Neural.jsapi), then the same
# scenario on the wasm chunk in Node and headless Chromium (Neural/JS/tests) compared with the native
# figures, and tsc --strict on a usage example. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$root/../shared/datasets/fann"
(cd Neural && swift build --build-tests >/dev/null &&
  NEURAL_JS_REFERENCE="$tmp/reference.json" swift test --skip-build --filter NeuralJSTests >/dev/null)
test -s "$tmp/reference.json"
(cd Bundler && swift build --product bundler >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
"$bin/bundler" build --out "$tmp/dist" --work "$tmp/work" >/dev/null
timeout 120 node Neural/JS/tests/node-test.mjs "$tmp/dist" "$data" "$tmp/reference.json"
timeout 200 node Neural/JS/tests/run-chromium.mjs "$tmp/dist" "$data" "$tmp/reference.json" 180
cp Neural/JS/tests/usage.ts "$tmp/dist/"
timeout 120 tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution node --lib es2022,dom "$tmp/dist/usage.ts"
echo "neural-browser: ok (native reference, Node, headless Chromium, tsc)"
