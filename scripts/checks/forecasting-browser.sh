#!/usr/bin/env bash
# Forecasting in the browser: the native reference (ForecastingJSTests writes its AirPassengers forecasts
# to $FORECASTING_JS_REFERENCE), one `bundler build` (which picks up Forecasting/JS/Forecasting.jsapi),
# then the same scenario on the wasm chunk, loaded lazily after Neural, in Node and headless Chromium
# (Forecasting/JS/tests), every forecast within 1e-4 relative of the native one. Exits non-zero on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd Forecasting && swift build --build-tests >/dev/null &&
  FORECASTING_JS_REFERENCE="$tmp/reference.json" swift test --skip-build --filter ForecastingJSTests >/dev/null)
test -s "$tmp/reference.json"
(cd Bundler && swift build --product bundler >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
"$bin/bundler" build --only forecasting --out "$tmp/dist" --work "$tmp/work" >/dev/null
timeout 300 node Forecasting/JS/tests/node-test.mjs "$tmp/dist" "$tmp/reference.json"
timeout 400 node Forecasting/JS/tests/run-chromium.mjs "$tmp/dist" "$tmp/reference.json" 360
echo "forecasting-browser: ok (native reference, Node, headless Chromium)"
