#!/usr/bin/env bash
# Core in the browser: `bundler build` (which picks up Core/JS/Core.jsapi), then a 100-agent swarm
# whose behaviours are JS callbacks, in Node and in headless Chromium (Core/JS/tests), and tsc --strict
# on swarm.d.mts with a usage example. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd Bundler && swift build --product bundler >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
"$bin/bundler" build --out "$tmp/dist" --work "$tmp/work" >/dev/null
timeout 120 node Core/JS/tests/node-test.mjs "$tmp/dist"
timeout 200 node Core/JS/tests/run-chromium.mjs "$tmp/dist" 180
cp Core/JS/swarm.mjs Core/JS/swarm.d.mts Core/JS/tests/usage.ts "$tmp/dist/"
timeout 120 tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution node --lib es2022,dom "$tmp/dist/usage.ts"
echo "core-browser: ok (Node, headless Chromium, tsc)"
