#!/usr/bin/env bash
# Neural's domain module must compile with Embedded Swift for wasm32 (CONTRIBUTING.md).
# `Extern` is enabled for the libm declarations in Internals/Math.swift (wasi-libc provides them).
set -euo pipefail
cd "$(dirname "$0")/../../Neural"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library
  -Osize -Xfrontend -disable-stack-protector -Xcc -msimd128)
# SIMDKit (the wasm32 gemm of Neural's fast paths) first, as a module Neural imports.
swiftc "${flags[@]}" -module-name SIMDKit -emit-module -emit-module-path "$out/SIMDKit.swiftmodule" \
  -c $(find ../SIMDKit/Sources/SIMDKit -name '*.swift' | sort) -o "$out/SIMDKit.o"
swiftc "${flags[@]}" -enable-experimental-feature Extern -I "$out" -module-name Neural \
  -c $(find Sources/Neural -name '*.swift' | sort) -o "$out/Neural.o"
echo "neural-wasm: Sources/Neural (+ SIMDKit) compiles for wasm32-unknown-none-wasm (Embedded): $(wc -c <"$out/Neural.o") bytes"
