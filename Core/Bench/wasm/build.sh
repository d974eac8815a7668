#!/usr/bin/env bash
# Builds the Core engine plus CoreWasmBench.swift into one wasm module with Embedded Swift, with no
# imports at all (wasi-libc supplies malloc; shims.c answers the runtime's two other needs).
# Usage: Bench/wasm/build.sh OUT.wasm [extra swiftc flags, default -O]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=$1; shift
flags=("$@"); [ ${#flags[@]} -gt 0 ] || flags=(-O)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library "${flags[@]}" \
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name CoreBench \
  -c "$here"/../../Sources/Core/*.swift "$here/CoreWasmBench.swift" -o "$work/bench.o"
clang --target=wasm32-unknown-unknown -O2 -c "$here/shims.c" -o "$work/shims.o"
builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -n1)
wasm-ld --no-entry --export=core_bench --export=core_log_checksum -z stack-size=1048576 --gc-sections --strip-all \
  "$work/bench.o" "$work/shims.o" /usr/lib/wasm32-wasi/libc.a ${builtins:+"$builtins"} -o "$out"
