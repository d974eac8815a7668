#!/usr/bin/env bash
# Persistence in the browser, first slice: SQLite's amalgamation (scripts/fetch-sqlite.sh: pinned
# sqlean-py sdist, sha256-checked, never committed) compiled for wasm32 with the Swift toolchain's
# clang and Debian's wasi-libc headers, on the in-memory VFS of Persistence/JS/sqlite-os.c; then
#   - its size, raw and brotli (the official sqlite-wasm build is ~400 KB brotli),
#   - Node tests of the module (Persistence/JS/tests/sqlite-wasm.test.mjs): hostile keys and values
#     round-trip exactly, a golden database written by the native SQLite (Debian's, through
#     Python's sqlite3 module) opens in wasm, a corrupt snapshot is rejected and the good one still
#     opens,
#   - the database exported from wasm (sqlite3_serialize) opens natively with every row intact.
# The object is cached in <repo>/.build-sqlite keyed by the hash of its flags and sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
src=$(scripts/fetch-sqlite.sh)
toolchain=$(dirname "$(command -v swiftc)")
clang="$toolchain/clang"; wasmld="$toolchain/wasm-ld"
[ -x "$clang" ] && [ -x "$wasmld" ] || { echo "persistence-browser-sqlite: no clang/wasm-ld next to swiftc" >&2; exit 1; }
wasi=${WASI_SYSROOT:-/usr}
[ -f "$wasi/lib/wasm32-wasi/libc.a" ] || { echo "persistence-browser-sqlite: no wasi-libc in $wasi/lib/wasm32-wasi" >&2; exit 1; }

# What Persistence does not use is compiled out. Only options that do not change SQLite's grammar
# (the amalgamation's parser is pre-generated, see https://sqlite.org/compile.html#omitfeatures).
defines=(-DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3 -DSQLITE_DEFAULT_MEMSTATUS=0
  -DSQLITE_DQS=0 -DSQLITE_MAX_EXPR_DEPTH=0 -DSQLITE_UNTESTABLE -DSQLITE_OMIT_SEH -DSQLITE_OMIT_WAL
  -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_DEPRECATED -DSQLITE_OMIT_SHARED_CACHE
  -DSQLITE_OMIT_PROGRESS_CALLBACK -DSQLITE_OMIT_AUTHORIZATION -DSQLITE_OMIT_UTF16
  -DSQLITE_OMIT_COMPLETE -DSQLITE_OMIT_GET_TABLE -DSQLITE_OMIT_TRACE -DSQLITE_OMIT_TCL_VARIABLE
  -DSQLITE_OMIT_INTROSPECTION_PRAGMAS -DSQLITE_OMIT_COMPILEOPTION_DIAGS -DSQLITE_OMIT_DECLTYPE
  -DSQLITE_OMIT_JSON -DSQLITE_OMIT_LOCALTIME)
cflags=(--target=wasm32-unknown-wasi -fPIC -Os -isystem "$wasi/include/wasm32-wasi" -I "$src" "${defines[@]}")
key=$( { echo "${cflags[@]}"; "$clang" --version | head -1; cat "$src/sqlite3.c" Persistence/JS/sqlite-os.c; } | sha256sum | cut -c1-16)
objects="$root/.build-sqlite/objects/$key"
if [ ! -s "$objects/sqlite3.o" ]; then
  echo "persistence-browser-sqlite: compiling sqlite3.c for wasm32 (once per flags/source hash)"
  mkdir -p "$objects"
  "$clang" "${cflags[@]}" -c "$src/sqlite3.c" -o "$objects/sqlite3.o.partial"
  "$clang" "${cflags[@]}" -c Persistence/JS/sqlite-os.c -o "$objects/sqlite-os.o"
  mv "$objects/sqlite3.o.partial" "$objects/sqlite3.o"
fi

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
  HOSTILE="$tmp/hostile.json" timeout 300 node --test Persistence/JS/tests/sqlite-wasm.test.mjs

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
echo "persistence-browser-sqlite: all passed"
