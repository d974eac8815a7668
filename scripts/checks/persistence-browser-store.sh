#!/usr/bin/env bash
# Persistence in the browser: Persistence's Swift sources (the same wrapper, schema, migrations and
# stores as natively), compiled with Embedded Swift for wasm32 against the fetched sqlite3.h, linked
# with SQLite built for wasm32 (Persistence/JS/build-sqlite-wasm.sh) and a test harness
# (Persistence/JS/tests/StoreHarness.swift) into one module; then the Node test
# Persistence/JS/tests/store-wasm.test.mjs (hostile memory, TTL, wasm -> native -> wasm), and headless
# Chromium (JS/tests/run-store-browser.mjs): a page writes agent memory and snapshots it after every
# commit (OPFS, or IndexedDB), a fresh browser process on the same profile restores it and finds every
# write. PERSISTENCE_BROWSER=none skips the browser.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/Persistence"
built=$(JS/build-sqlite-wasm.sh)
read -r objects src <<<"$built"
toolchain=$(dirname "$(command -v swiftc)")
wasi=${WASI_SYSROOT:-/usr}
embedded="$toolchain/../lib/swift/embedded/wasm32-unknown-none-wasm"
builtins=${WASM_BUILTINS:-$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | tail -1)}
[ -f "$embedded/libswiftUnicodeDataTables.a" ] || { echo "persistence-browser-store: no Embedded wasm32 stdlib in $embedded" >&2; exit 1; }
[ -f "$builtins" ] || { echo "persistence-browser-store: no libclang_rt.builtins-wasm32.a (libclang-rt-*-dev-wasm32)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library
       -Osize -Xfrontend -disable-stack-protector -I Sources/CSQLite -Xcc -I"$src")
mapfile -t sources < <(find Sources/Persistence -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name Persistence -emit-module -emit-module-path "$tmp/Persistence.swiftmodule" \
  -c "${sources[@]}" -o "$tmp/Persistence.o"
swiftc "${flags[@]}" -I "$tmp" -module-name StoreHarness -c JS/tests/StoreHarness.swift -o "$tmp/StoreHarness.o"
exports=()
for f in harness_set_now harness_open harness_close harness_put harness_get harness_remove harness_count \
  harness_message harness_save_swarm harness_swarm sqlite3_open_v2 sqlite3_close_v2 sqlite3_errmsg sqlite3_extended_errcode sqlite3_serialize \
  sqlite3_deserialize sqlite3_free sqlite3_malloc64 sqlite3_backup_init sqlite3_backup_step \
  sqlite3_backup_finish malloc free; do exports+=(--export="$f"); done
"$toolchain/wasm-ld" --no-entry --strip-all "${exports[@]}" -z stack-size=1048576 \
  "$tmp/StoreHarness.o" "$tmp/Persistence.o" "$objects/sqlite3.o" "$objects/sqlite-os.o" \
  "$embedded/libswiftUnicodeDataTables.a" "$wasi/lib/wasm32-wasi/libc.a" "$builtins" -o "$tmp/store.wasm"
echo "persistence-browser-store: Persistence + SQLite module $(wc -c <"$tmp/store.wasm") B raw, $(brotli -c -q 11 "$tmp/store.wasm" | wc -c) B brotli"
# The chunk-to-be: Persistence + SQLite as a PIC side module (dylink.0) importing libc and the
# Embedded runtime, linked the way the Bundler links domain chunks (not yet built by the Bundler).
"$toolchain/wasm-ld" --experimental-pic -shared --no-entry --unresolved-symbols=import-dynamic --strip-all \
  "$tmp/Persistence.o" "$objects/sqlite3.o" "$objects/sqlite-os.o" -o "$tmp/persistence-side.wasm"
echo "persistence-browser-store: Persistence + SQLite side module (no wasm-opt) $(wc -c <"$tmp/persistence-side.wasm") B raw, $(brotli -c -q 11 "$tmp/persistence-side.wasm" | wc -c) B brotli"
# The native side of the golden files: Persistence's sources + golden-native.swift, Debian's SQLite.
swiftc -parse-as-library -module-name Persistence -I Sources/CSQLite "${sources[@]}" JS/tests/golden-native.swift \
  -lsqlite3 -o "$tmp/golden-native"
STORE_WASM="$tmp/store.wasm" WORK="$tmp" GOLDEN_TOOL="$tmp/golden-native" timeout 300 node --test JS/tests/store-wasm.test.mjs
if [ "${PERSISTENCE_BROWSER:-chromium}" = chromium ]; then
  echo "persistence-browser-store: headless Chromium, write then reload from durable storage"
  timeout 300 node JS/tests/run-store-browser.mjs "$tmp/store.wasm" 120
fi
echo "persistence-browser-store: all passed"
