#!/usr/bin/env bash
# Compiles SQLite's amalgamation (scripts/fetch-sqlite.sh) and the in-memory VFS (sqlite-os.c) for
# wasm32 with the Swift toolchain's clang and Debian's wasi-libc headers, PIC (the objects link into
# a dylink side module as well as into a standalone module). Cached in <repo>/.build-sqlite/objects/<key>,
# key = hash of flags, compiler and sources. Prints: <objects dir> <sqlite source dir>.
# With `native` as first argument, compiles the amalgamation for the host instead (same options
# except the OS layer: the unix VFS), for benchmarks against the same SQLite version.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target=${1:-wasm32}
src=$("$root/scripts/fetch-sqlite.sh")
toolchain=$(dirname "$(command -v swiftc)")
clang="$toolchain/clang"
[ -x "$clang" ] || { echo "build-sqlite-wasm: no clang next to swiftc" >&2; exit 1; }
wasi=${WASI_SYSROOT:-/usr}

# What Persistence does not use is compiled out. Only options that do not change SQLite's grammar
# (the amalgamation's parser is pre-generated: https://sqlite.org/compile.html#omitfeatures).
defines=(-DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3 -DSQLITE_DEFAULT_MEMSTATUS=0
  -DSQLITE_DQS=0 -DSQLITE_MAX_EXPR_DEPTH=0 -DSQLITE_UNTESTABLE -DSQLITE_OMIT_SEH -DSQLITE_OMIT_WAL
  -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_DEPRECATED -DSQLITE_OMIT_SHARED_CACHE
  -DSQLITE_OMIT_PROGRESS_CALLBACK -DSQLITE_OMIT_AUTHORIZATION -DSQLITE_OMIT_UTF16
  -DSQLITE_OMIT_COMPLETE -DSQLITE_OMIT_GET_TABLE -DSQLITE_OMIT_TRACE -DSQLITE_OMIT_TCL_VARIABLE
  -DSQLITE_OMIT_INTROSPECTION_PRAGMAS -DSQLITE_OMIT_COMPILEOPTION_DIAGS -DSQLITE_OMIT_DECLTYPE
  -DSQLITE_OMIT_JSON -DSQLITE_OMIT_LOCALTIME)
if [ "$target" = native ]; then
  cflags=(-O2 -I "$src" "${defines[@]}")
else
  [ -f "$wasi/lib/wasm32-wasi/libc.a" ] || { echo "build-sqlite-wasm: no wasi-libc in $wasi/lib/wasm32-wasi" >&2; exit 1; }
  cflags=(--target=wasm32-unknown-wasi -fPIC -Os -isystem "$wasi/include/wasm32-wasi" -I "$src" -DSQLITE_OS_OTHER=1 "${defines[@]}")
fi
key=$( { echo "$target ${cflags[@]}"; "$clang" --version | head -1; cat "$src/sqlite3.c" Persistence/JS/sqlite-os.c; } | sha256sum | cut -c1-16)
objects="$root/.build-sqlite/objects/$target-$key"
if [ ! -s "$objects/sqlite3.o" ]; then
  echo "build-sqlite-wasm: compiling sqlite3.c for $target (once per flags/source hash)" >&2
  mkdir -p "$objects"
  [ "$target" = native ] || "$clang" "${cflags[@]}" -c Persistence/JS/sqlite-os.c -o "$objects/sqlite-os.o"
  "$clang" "${cflags[@]}" -c "$src/sqlite3.c" -o "$objects/sqlite3.o.partial"
  mv "$objects/sqlite3.o.partial" "$objects/sqlite3.o"
fi
echo "$objects $src"
