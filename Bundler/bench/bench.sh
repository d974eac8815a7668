#!/usr/bin/env bash
# The Bundler's targets, measured in one run (wired into `make bench` by the coordinator):
#   clean wasm build of all chunks < 30 s; all chunks < 2 MB compressed; runtime < 10 KB brotli;
#   cold load of runtime + one domain chunk < 100 ms in headless Chromium;
#   wasm SIMD gemm 256³ >= 4x the scalar wasm variant and >= 60 % of native SIMDKit gemm.
# Prints the figures and one verdict line per target; exits 1 if any target is missed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd Bundler && swift build --product bundler >/dev/null && swift build -c release --product native-expectations >/dev/null)
bin=$(cd Bundler && swift build --show-bin-path)
release=$(cd Bundler && swift build -c release --show-bin-path)

echo "== clean build (bundler build, all domains, both variants)"
/usr/bin/time -f "bundler build: %e s wall, %U s user + %S s sys CPU (load average before: $(cut -d' ' -f1 /proc/loadavg))" \
  "$bin/bundler" build --out "$tmp/dist" --work "$tmp/work" 2>&1 | tee "$tmp/build.txt"
seconds=$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$tmp/build.txt" | head -n1)
read -r total_gzip total_brotli < <(awk '$1=="total" {print $3, $4}' "$tmp/build.txt")
runtime_brotli=$(awk '$1=="runtime" && $2=="simd" {print $5}' "$tmp/build.txt")

echo "== cold load in headless Chromium (runtime + simdkit, fresh profile each run)"
cold=$(node Bundler/bench/coldload.mjs "$tmp/dist" 7)
echo "$cold"
cold_ms=$(node -e "console.log(JSON.parse(process.argv[1]).medianMs.toFixed(1))" "$cold")

echo "== gemm 256^3: wasm simd128 and scalar (Node), native SIMDKit (release build)"
# Alternated three times, best of each: the machine is shared, so take each side's quietest moment.
wasm_runs=(); native_runs=()
for round in 1 2 3; do
  wasm_runs+=("$(node Bundler/bench/gemm.mjs "$tmp/dist" 256)")
  native_runs+=("$("$release/native-expectations" gemm-bench 256)")
  echo "round $round wasm:   ${wasm_runs[-1]}"
  echo "round $round native: ${native_runs[-1]}"
done
read -r simd_gflops scalar_gflops ratio native_gflops share < <(node -e '
  const runs = process.argv.slice(1).map((t) => JSON.parse(t));
  const w = runs.filter((r) => r.simd), n = runs.filter((r) => !r.simd);
  const simd = Math.max(...w.map((r) => r.simd.gflops)), scalar = Math.max(...w.map((r) => r.scalar.gflops));
  const native = Math.max(...n.map((r) => r.gflops));
  console.log(simd.toFixed(2), scalar.toFixed(2), (simd / scalar).toFixed(1), native.toFixed(2), (100 * simd / native).toFixed(0));
' "${wasm_runs[@]}" "${native_runs[@]}")

missed=0
verdict() { # name ok text
  if [ "$2" = 1 ]; then echo "target ok     $1: $3"; else echo "target MISSED $1: $3"; missed=1; fi
}
verdict "clean build < 30 s" "$(awk -v s="$seconds" 'BEGIN{print (s < 30)}')" "$seconds s"
verdict "all chunks < 2 MB compressed" "$(awk -v b="$total_brotli" -v g="$total_gzip" 'BEGIN{print (b < 2000000 && g < 2000000)}')" "$total_brotli B brotli, $total_gzip B gzip"
verdict "runtime < 10 KB brotli" "$(awk -v b="$runtime_brotli" 'BEGIN{print (b < 10000)}')" "$runtime_brotli B"
verdict "cold load < 100 ms (Chromium)" "$(awk -v m="$cold_ms" 'BEGIN{print (m < 100)}')" "$cold_ms ms median"
verdict "wasm SIMD gemm >= 4x scalar" "$(awk -v r="$ratio" 'BEGIN{print (r >= 4)}')" "$simd_gflops vs $scalar_gflops GFLOP/s = ${ratio}x"
verdict "wasm SIMD gemm >= 60 % native" "$(awk -v p="$share" 'BEGIN{print (p >= 60)}')" "$simd_gflops vs native $native_gflops GFLOP/s = $share %"
exit $missed
