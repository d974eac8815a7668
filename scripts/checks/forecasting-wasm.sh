#!/usr/bin/env bash
# Forecasting's domain module must compile with Embedded Swift for wasm32 (CONTRIBUTING.md).
# `Extern` is enabled for the libm declarations in Internals/Math.swift (wasi-libc provides them).
# Forecasting does not depend on Neural (its MLP carries its own Adam; see MLP.swift), so it compiles
# alone. ForecastingIO (Foundation, CSV files) is native-only and not compiled here.
set -euo pipefail
cd "$(dirname "$0")/../../Forecasting"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded \
  -enable-experimental-feature Extern -wmo -parse-as-library -Osize \
  -Xfrontend -disable-stack-protector -Xcc -msimd128 -module-name Forecasting \
  -c $(find Sources/Forecasting -name '*.swift' | sort) -o "$out/Forecasting.o"
echo "forecasting-wasm: Sources/Forecasting compiles for wasm32-unknown-none-wasm (Embedded): $(wc -c <"$out/Forecasting.o") bytes"
