#!/usr/bin/env bash
# The browser playground (Playground/) behind `ruvswarm serve`: a static CSP check of the page (no inline
# script, style or event handler), one `bundler build`, then Playground/tests/run.mjs drives the page in
# headless Chromium (DevTools protocol) and headless Firefox ESR (WebDriver BiDi) through every panel,
# checks what is on screen and the order chunks were fetched in, and saves screenshots (desktop and
# 390 px phone width) into .build-playground/screenshots/. Exits non-zero on any failure.
# PLAYGROUND_BROWSERS=chromium (or firefox) runs one browser; PLAYGROUND_DIST=DIR tests an existing bundle
# instead of building one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Static: the page must not need 'unsafe-inline' (no inline <script>, style attribute, <style> or on* handler).
if grep -nE '<script(>| [^>]*>[^<])|<style|style="| on[a-z]+="' Playground/*.html; then
  echo "playground-browser: inline script/style/handler in Playground/*.html (the CSP forbids it)" >&2
  exit 1
fi
if grep -nE "setAttribute\('style'|\.innerHTML *=.*<script|eval\(|new Function" Playground/*.js; then
  echo "playground-browser: style attributes, eval or new Function in Playground/*.js" >&2
  exit 1
fi
for f in Playground/*.js Playground/tests/*.mjs; do cp "$f" "$tmp/check.mjs"; node --check "$tmp/check.mjs"; done

# With coverage instrumentation, as `make test` just built the CLI package: no rebuild of its dependencies.
(cd CLI && swift build --product ruvswarm --enable-code-coverage >/dev/null)
ruvswarm="$(cd CLI && swift build --show-bin-path)/ruvswarm"
export LLVM_PROFILE_FILE="$tmp/ruvswarm-%p.profraw"
dist=${PLAYGROUND_DIST:-}
if [ -z "$dist" ]; then
  (cd Bundler && swift build --product bundler >/dev/null)
  "$(cd Bundler && swift build --show-bin-path)/bundler" build --out "$tmp/dist" --work "$tmp/work" >/dev/null
  dist="$tmp/dist"
fi
shots="$root/.build-playground/screenshots"
rm -rf "$shots"
timeout 300 node Playground/tests/run.mjs --ruvswarm "$ruvswarm" --dist "$dist" --repo "$root" --shots "$shots" \
  --browsers "${PLAYGROUND_BROWSERS:-chromium,firefox}"
echo "playground-browser: ok (Chromium and Firefox ESR; screenshots in .build-playground/screenshots/)"
