#!/usr/bin/env bash
# Core: the orchestration engine (Core/Sources/Core) compiles with Embedded Swift for wasm32 (the flags
# of CONTRIBUTING.md), links into a module with no imports, and in Node produces the same event log as
# the native engine (checksum also asserted by CoreTests/CrossPlatformTests). The native-only parallel
# executor (Core/Sources/CoreParallel) is a separate target and is not compiled here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$root/Core/Bench/wasm/build.sh" "$out/core.wasm" -Osize
expected=$(grep -o 'wasmChecksum: UInt64 = 0x[0-9A-F_]*' "$root/Core/Tests/CoreTests/SwarmRunTests.swift" | sed 's/.*0x//; s/_//g' | tr 'A-F' 'a-f')
got=$(node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  const { instance } = await WebAssembly.instantiate(readFileSync('$out/core.wasm'), {});
  console.log(BigInt.asUintN(64, instance.exports.core_log_checksum()).toString(16).padStart(16, '0'));")
if [ "$got" != "$expected" ]; then
  echo "core-wasm: event-log checksum in wasm is $got, native is $expected" >&2
  exit 1
fi
echo "core-wasm: Core compiles for wasm32 (Embedded Swift), $(wc -c < "$out/core.wasm") bytes with no imports; wasm event log = native ($got)"
