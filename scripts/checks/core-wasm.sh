#!/usr/bin/env bash
# Core: the orchestration engine (Core/Sources/Core) compiles with Embedded Swift for wasm32.
# The native-only parallel executor (Core/Sources/CoreParallel) is a separate target and is not compiled.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library \
  -Osize -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name Core \
  -c "$root"/Core/Sources/Core/*.swift -o "$out/Core.o"
echo "core-wasm: Core compiles for wasm32 with Embedded Swift ($(wc -c < "$out/Core.o") bytes of object code)"
