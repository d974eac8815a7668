#!/usr/bin/env bash
# Neural's differentiable layers in the browser: the native reference (NeuralJSDifferentiableTests writes
# its scenario's losses, predictions and data to $NEURAL_DIFFERENTIABLE_REFERENCE), one `bundler build
# --only neural` (which merges Neural/JS/NeuralDifferentiable.jsapi into the neural chunk), then the same
# scenario (an LSTM and a small causal Transformer encoder trained with Adam/AdamW, save/load as bytes,
# typed errors for bad handles, shapes and files) on the wasm chunk in Node and headless Chromium,
# compared with native within the tolerances stated in Neural/tools/differentiable-browser/check.mjs,
# and tsc --strict on a usage example. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tool=Neural/tools/differentiable-browser
(cd Neural && swift build --build-tests >/dev/null &&
  NEURAL_DIFFERENTIABLE_REFERENCE="$tmp/reference.json" swift test --skip-build --filter NeuralJSDifferentiableTests >/dev/null)
test -s "$tmp/reference.json"
(cd Bundler && swift build --product bundler >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
"$bin/bundler" build --only neural --variants simd --out "$tmp/dist" --work "$tmp/work" >/dev/null
timeout 120 node "$tool/node.mjs" "$tmp/dist" "$tmp/reference.json"
timeout 200 node "$tool/chromium.mjs" "$tmp/dist" "$tmp/reference.json" 180
cp "$tool/usage.ts" "$tmp/dist/"
timeout 120 tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution node --lib es2022,dom "$tmp/dist/usage.ts"
echo "neural-differentiable-browser: ok (native reference, Node, headless Chromium, tsc)"
