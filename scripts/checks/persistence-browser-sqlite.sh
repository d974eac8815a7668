#!/usr/bin/env bash
# Persistence in the browser, first slice: SQLite's amalgamation (scripts/fetch-sqlite.sh: pinned
# sqlean-py sdist, sha256-checked, never committed) compiled for wasm32 with the Swift toolchain's
# clang and Debian's wasi-libc headers, on the in-memory VFS of Persistence/JS/sqlite-os.c; then
#   - its size, raw and brotli (the official sqlite-wasm build is ~400 KB brotli),
#   - Node tests of the module (Persistence/JS/tests/sqlite-wasm.test.mjs): hostile keys and values
#     round-trip exactly, a golden database written by the native SQLite (Debian's, through
#     Python's sqlite3 module) opens in wasm, a corrupt snapshot is rejected and the good one still
#     opens,
#   - snapshots (Persistence/JS/snapshots.mjs): two checksummed generations in files under Node,
#     a corrupt newest one falls back to the last good one,
#   - the database exported from wasm (sqlite3_serialize) opens natively with every row intact.
# The objects are built (and cached) by Persistence/JS/build-sqlite-wasm.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
built=$(Persistence/JS/build-sqlite-wasm.sh)
read -r objects src <<<"$built"
wasmld="$(dirname "$(command -v swiftc)")/wasm-ld"
wasi=${WASI_SYSROOT:-/usr}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exports=()
for f in sqlite3_open_v2 sqlite3_close_v2 sqlite3_exec sqlite3_prepare_v2 sqlite3_step sqlite3_finalize \
  sqlite3_bind_blob64 sqlite3_bind_text64 sqlite3_bind_int64 sqlite3_column_blob sqlite3_column_bytes \
  sqlite3_column_text sqlite3_column_int64 sqlite3_column_type sqlite3_column_count sqlite3_errmsg sqlite3_extended_errcode \
  sqlite3_serialize sqlite3_deserialize sqlite3_free sqlite3_malloc64 malloc free; do exports+=(--export="$f"); done
"$wasmld" --no-entry --strip-all "${exports[@]}" -z stack-size=1048576 \
  "$objects/sqlite3.o" "$objects/sqlite-os.o" "$wasi/lib/wasm32-wasi/libc.a" -o "$tmp/sqlite.wasm"
raw=$(wc -c <"$tmp/sqlite.wasm"); br=$(brotli -c -q 11 "$tmp/sqlite.wasm" | wc -c)
echo "persistence-browser-sqlite: SQLite + VFS + libc module: $raw B raw, $br B brotli (official sqlite-wasm: ~400 KB brotli)"

# Hostile rows: empty, quotes, NUL bytes, SQL, emoji, lone high bytes in blobs, a 1 MiB value.
python3 - "$tmp" <<'PY'
import json, sqlite3, sys, os
tmp = sys.argv[1]
rows = [("", b"", ""), ("'; DROP TABLE memory; --", b"\x00\x01\x02\xff", "a\x00b"),
        ("\u00e9\u4e2d\U0001F600", bytes(range(256)), "\U0001F4A5 \"quoted\" 'single'"),
        ("key\nwith\nnewlines\r\t", b"\x00" * 7, "\\x00 %s %n {}"), ("NULL", b"NULL", "null"),
        ("big", os.urandom(1 << 20), "x" * 100000), ("\u202e\ufeffbidi", b"\xc3\x28", "\u0000\u0001")]
json.dump([[k, v.hex(), t] for k, v, t in rows], open(f"{tmp}/hostile.json", "w"))
db = sqlite3.connect(f"{tmp}/golden-native.db")
db.execute("CREATE TABLE memory(key TEXT PRIMARY KEY, value BLOB NOT NULL, text TEXT NOT NULL) WITHOUT ROWID")
db.executemany("INSERT INTO memory VALUES (?, ?, ?)", rows)
db.commit(); db.close()
PY

SQLITE_WASM="$tmp/sqlite.wasm" GOLDEN_NATIVE="$tmp/golden-native.db" GOLDEN_WASM_OUT="$tmp/golden-wasm.db" \
  HOSTILE="$tmp/hostile.json" timeout 300 node --test Persistence/JS/tests/sqlite-wasm.test.mjs \
  Persistence/JS/tests/snapshots.test.mjs

python3 - "$tmp" <<'PY'
import json, sqlite3, sys
tmp = sys.argv[1]
expected = sorted((k, bytes.fromhex(v), t) for k, v, t in json.load(open(f"{tmp}/hostile.json")))
db = sqlite3.connect(f"file:{tmp}/golden-wasm.db?mode=ro", uri=True)
assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
rows = sorted(db.execute("SELECT key, value, text FROM memory").fetchall())
assert rows == expected, "rows written in wasm differ natively"
print(f"persistence-browser-sqlite: the database written in wasm opens natively (SQLite {sqlite3.sqlite_version}), {len(rows)} rows exact")
PY
echo "persistence-browser-sqlite: tsc --strict on snapshots.d.mts"
timeout 120 tsc --strict --noEmit --target es2022 --module nodenext --moduleResolution nodenext --lib es2022,dom \
  Persistence/JS/examples/snapshots-usage.mts
echo "persistence-browser-sqlite: all passed"
