#!/usr/bin/env bash
# Forecasting's domain module must compile with Embedded Swift for wasm32 (CONTRIBUTING.md).
# `Extern` is enabled for the libm declarations in Internals/Math.swift (wasi-libc provides them).
# Forecasting depends on Neural (the differentiable layers under its neural models), so SIMDKit's and
# Neural's modules are compiled first, the way scripts/checks/neural-wasm.sh compiles them, and imported.
# ForecastingIO (Foundation, CSV files) is native-only and not compiled here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded
  -enable-experimental-feature Extern -wmo -parse-as-library -Osize
  -Xfrontend -disable-stack-protector -Xcc -msimd128)
# SIMDKit (Neural's wasm32 gemm and the portable math both use) first, then Neural, as modules.
cd "$root/SIMDKit"
swiftc "${flags[@]}" -module-name SIMDKit -emit-module -emit-module-path "$out/SIMDKit.swiftmodule" \
  -c $(find Sources/SIMDKit -name '*.swift' | sort) -o "$out/SIMDKit.o"
cd "$root/Neural"
swiftc "${flags[@]}" -I "$out" -module-name Neural -emit-module -emit-module-path "$out/Neural.swiftmodule" \
  -c $(find Sources/Neural -name '*.swift' | sort) -o "$out/Neural.o"
cd "$root/Forecasting"
swiftc "${flags[@]}" -module-name Forecasting -I "$out" \
  -c $(find Sources/Forecasting -name '*.swift' | sort) -o "$out/Forecasting.o"
echo "forecasting-wasm: Sources/Forecasting compiles for wasm32-unknown-none-wasm (Embedded) against Neural: $(wc -c <"$out/Forecasting.o") bytes"
