#!/usr/bin/env bash
# Persistence: the SQLite wrapper and the stores compile with Embedded Swift for wasm32, and the
# C import stays behind its wall.
#
# sqlite3.h comes from the system (Debian libsqlite3-dev); only its directory is added to the
# include path (override with SQLITE_INCLUDE_DIR). The object is compiled, not linked: linking
# needs SQLite built for wasm, which the browser issue brings.
set -euo pipefail
cd "$(dirname "$0")/../../Persistence"
include=${SQLITE_INCLUDE_DIR:-/usr/include}
[ -f "$include/sqlite3.h" ] || { echo "persistence-wasm: no sqlite3.h in $include (install libsqlite3-dev)" >&2; exit 1; }

# 1. The C wall: CSQLite is imported only under Internals/, Foundation nowhere in the library.
walls=$(grep -rlE '^import (CSQLite|Foundation)' Sources/Persistence --include='*.swift' | grep -v '/Internals/' || true)
if [ -n "$walls" ]; then echo "persistence-wasm: C or Foundation import outside Internals/: $walls" >&2; exit 1; fi
if grep -rlE '^import Foundation' Sources/Persistence --include='*.swift' >/dev/null; then
  echo "persistence-wasm: Foundation imported in the library" >&2; exit 1
fi

# 2. Embedded Swift for wasm32.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find Sources/Persistence -name '*.swift' | sort)
swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library \
  -Osize -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name Persistence \
  -I Sources/CSQLite -Xcc -I"$include" -c "${sources[@]}" -o "$out/Persistence.o"
echo "persistence-wasm: ok ($(wc -c <"$out/Persistence.o") bytes of wasm32 object, ${#sources[@]} files)"
