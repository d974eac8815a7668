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

# 1. The C wall: CSQLite is imported only under Sources/Persistence/Internals/, Foundation nowhere.
walls=$(grep -rlE '^import (CSQLite|Glibc|Darwin)' Sources/Persistence Sources/PersistenceCore --include='*.swift' \
  | grep -v '^Sources/Persistence/Internals/' || true)
if [ -n "$walls" ]; then echo "persistence-wasm: C import outside Internals/: $walls" >&2; exit 1; fi
if grep -rlE '^import Foundation' Sources/Persistence Sources/PersistenceCore --include='*.swift'; then
  echo "persistence-wasm: Foundation imported in library code" >&2; exit 1
fi

# 2. Embedded Swift for wasm32: Persistence, then PersistenceCore against Core's module.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library
       -Osize -Xfrontend -disable-stack-protector -Xcc -msimd128 -I Sources/CSQLite -Xcc -I"$include")
mapfile -t sources < <(find Sources/Persistence -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name Persistence -emit-module -emit-module-path "$out/Persistence.swiftmodule" \
  -c "${sources[@]}" -o "$out/Persistence.o"
mapfile -t core < <(find ../Core/Sources/Core -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name Core -emit-module -emit-module-path "$out/Core.swiftmodule" -c "${core[@]}" -o "$out/Core.o"
mapfile -t bridge < <(find Sources/PersistenceCore -name '*.swift' | sort)
swiftc "${flags[@]}" -I "$out" -module-name PersistenceCore -c "${bridge[@]}" -o "$out/PersistenceCore.o"
echo "persistence-wasm: ok (wasm32 objects: Persistence $(wc -c <"$out/Persistence.o") B, PersistenceCore $(wc -c <"$out/PersistenceCore.o") B)"
