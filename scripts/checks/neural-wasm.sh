#!/usr/bin/env bash
# Neural's domain module must compile with Embedded Swift for wasm32 (CONTRIBUTING.md).
# `Extern` is enabled for the libm declarations in Internals/Math.swift (wasi-libc provides them).
set -euo pipefail
cd "$(dirname "$0")/../../Neural"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded \
  -enable-experimental-feature Extern -wmo -parse-as-library -Osize \
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name Neural \
  -c $(find Sources/Neural -name '*.swift' | sort) -o "$out/Neural.o"
echo "neural-wasm: Sources/Neural compiles for wasm32-unknown-none-wasm (Embedded): $(wc -c <"$out/Neural.o") bytes"
