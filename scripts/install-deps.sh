#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing.
# Usage: scripts/install-deps.sh [group ...]   groups: core (default), wasm, browsers, fann
set -euo pipefail
groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=(core)
want=()
for g in "${groups[@]}"; do
  case "$g" in
    core)     want+=(libopenblas-dev libsqlite3-dev pkg-config) ;;
    wasm)     want+=(wasi-libc binaryen wabt libclang-rt-19-dev-wasm32 brotli node-typescript) ;;
    browsers) want+=(chromium firefox-esr) ;;
    fann)     want+=(libfann-dev) ;;
    *) echo "install-deps: unknown group $g" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
