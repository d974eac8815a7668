#!/usr/bin/env bash
# Agent-memory inserts through the Persistence chunk (wasm in Node 20, via loader.js) against the same
# Swift store natively (Debian's SQLite, -O), in one run: N memoryPut calls, one transaction each, in
# an in-memory database on both sides; each side checks its row count; best of REPEATS.
# Usage: Persistence/JS/bench/chunk-bench.sh <dist from bundler build> [rows] [repeats]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist=${1:?usage: chunk-bench.sh <dist> [rows] [repeats]}; rows=${2:-20000}; repeats=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
swiftc -O -parse-as-library -module-name Persistence -I "$root/Persistence/Sources/CSQLite" \
  $(find "$root/Persistence/Sources/Persistence" -name '*.swift' | sort) "$here/memory-native.swift" -lsqlite3 -o "$tmp/memory-native"
native=$("$tmp/memory-native" "$rows" "$repeats")
wasm=$(node "$here/chunk-bench.mjs" "$dist" "$rows" "$repeats")
awk -v n="$native" -v w="$wasm" -v r="$rows" 'BEGIN { printf "chunk-bench: %d memoryPut (one commit each): native %d rows/s, chunk (wasm, Node) %d rows/s, ratio wasm/native %.2f\n", r, n, w, w / n }'
