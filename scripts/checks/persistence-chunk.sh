#!/usr/bin/env bash
# The Persistence chunk as the Bundler builds it (Persistence/JS/Persistence.jsapi: SQLite + the VFS +
# Persistence's Swift store; Journal.jsapi: journaled swarms over Core's chunk), through loader.js:
#   1. `bundler build --only journal` (runtime, core, persistence, journal), sizes from its report;
#   2. Node (Persistence/JS/tests/chunk.test.mjs): hostile memory, file snapshots across fresh loaders,
#      a corrupt newest snapshot skipped, corrupt images refused, TTL, golden files both ways against
#      the native SQLiteStore (tests/golden-native.swift), a journaled swarm checkpointed and restored;
#   3. headless Chromium and Firefox ESR (tests/run-chunk-browser.mjs): a page writes agent memory and a
#      half-run swarm, a fresh browser process on the same profile reloads them from OPFS (by policy),
#      then from IndexedDB (forced), finds every committed write and finishes the swarm;
#   4. tsc --strict on a usage example against the generated domains.d.ts and the shipped
#      modules/persistence/persistence.d.mts (the `jsmodule` lines of Persistence.jsapi).
# PERSISTENCE_BROWSER=none skips 3, =chromium or =firefox runs one browser. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd Bundler && swift build --product bundler >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
"$bin/bundler" build --only journal --out "$tmp/dist" --work "$tmp/work" | grep -E '^(chunk|runtime|core|persistence|journal|total|bundler:)' || true
test -s "$tmp/dist/manifest.json"
for file in persistence.mjs persistence.d.mts snapshots.mjs snapshots.d.mts; do
  cmp "Persistence/JS/$file" "$tmp/dist/modules/persistence/$file"
  grep -qF "\"./modules/persistence/$file\"" "$tmp/dist/package.json"
done
node -e 'const m = require(process.argv[1]); const s = Object.keys(m.chunks.persistence.modules ?? {}).sort().join(" ");
  if (s !== "persistence.d.mts persistence.mjs snapshots.d.mts snapshots.mjs") { console.error("manifest modules: " + s); process.exit(1); }' "$tmp/dist/manifest.json"
src=$(scripts/fetch-sqlite.sh)
swiftc -parse-as-library -module-name Persistence -I Persistence/Sources/CSQLite \
  $(find Persistence/Sources/Persistence -name '*.swift' | sort) Persistence/JS/tests/golden-native.swift \
  -lsqlite3 -o "$tmp/golden-native"
mkdir -p "$tmp/scratch"
DIST="$tmp/dist" WORK="$tmp/scratch" GOLDEN_TOOL="$tmp/golden-native" timeout 300 node --test Persistence/JS/tests/chunk.test.mjs
browsers=${PERSISTENCE_BROWSER:-chromium firefox}
for browser in $browsers; do
  [ "$browser" = none ] && continue
  timeout 400 node Persistence/JS/tests/run-chunk-browser.mjs "$tmp/dist" 150 "$browser"
done
cp Persistence/JS/tests/usage.ts "$tmp/dist/"
timeout 120 tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution node --lib es2022,dom "$tmp/dist/usage.ts"
echo "persistence-chunk: ok (bundler build, Node, headless $browsers, tsc); sqlite source: $src"
