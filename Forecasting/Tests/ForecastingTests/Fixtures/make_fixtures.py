"""Generates the reference values the Swift tests compare with (run once; outputs are committed).

    ../../../../.venv-forecast/bin/python make_fixtures.py    # needs statsforecast, scipy, pandas

Each output is a CSV with a header; values are printed with repr() (17 significant digits).
"""
import csv, os, numpy as np, pandas as pd
from scipy import integrate, stats, optimize
from statsforecast.models import Naive, SeasonalNaive, RandomWalkWithDrift, HistoricAverage, WindowAverage

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "../../../.."))
air = pd.read_csv(os.path.join(repo, "..", "shared", "datasets", "forecast", "AirPassengers.csv"))
y = air["y"].to_numpy(dtype=float)[:132]

# 1. Baselines on the first 132 AirPassengers values, h = 12, levels 80 and 95.
rows = []
for name, model in [("Naive", Naive()), ("SeasonalNaive", SeasonalNaive(season_length=12)),
                    ("RWD", RandomWalkWithDrift()), ("HistoricAverage", HistoricAverage()),
                    ("WindowAverage", WindowAverage(window_size=6))]:
    levels = None if name == "WindowAverage" else [80, 95]
    out = model.forecast(y=y, h=12, level=levels)
    for k in range(12):
        r = [name, k, out["mean"][k]]
        for lv in (80, 95):
            r += [out[f"lo-{lv}"][k], out[f"hi-{lv}"][k]] if levels else [float("nan")] * 2
        rows.append(r)
with open(os.path.join(here, "baselines_air.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["model", "step", "mean", "lo80", "hi80", "lo95", "hi95"])
    for r in rows:
        w.writerow([r[0], r[1]] + [repr(float(v)) for v in r[2:]])

# 2. Metrics on a fixed random case.
rng = np.random.default_rng(2024)
yt = rng.normal(100, 10, 24); yh = yt + rng.normal(0, 5, 24); ins = rng.normal(100, 10, 60)
lo = yh - 6; hi = yh + 6
def naive_scale(x, m, p): return np.mean(np.abs(x[m:] - x[:-m]) ** p)
def pinball(y, q, t): d = y - q; return np.mean(np.maximum(t * d, (t - 1) * d))
alpha = 0.2
iscore = np.mean((hi - lo) + 2 / alpha * (lo - yt) * (yt < lo) + 2 / alpha * (yt - hi) * (yt > hi))
def crps_normal_quad(y0, mu, sd):
    f = lambda z: (stats.norm.cdf(z, mu, sd) - (z >= y0)) ** 2
    a, _ = integrate.quad(f, min(y0, mu) - 40 * sd, y0, limit=200, epsabs=1e-13)
    b, _ = integrate.quad(f, y0, max(y0, mu) + 40 * sd, limit=200, epsabs=1e-13)
    return a + b
samples = rng.normal(3, 2, 50)
crps_s = np.mean(np.abs(samples - 2.5)) - 0.5 * np.mean(np.abs(samples[:, None] - samples[None, :]))
taus = np.array([0.1, 0.25, 0.5, 0.75, 0.9]); qs = stats.norm.ppf(taus, 0, 1)
crps_q = 2 * np.mean([max(t * (0.3 - q), (t - 1) * (0.3 - q)) for t, q in zip(taus, qs)])
def guer(x, m):
    period = max(2, m); nyr = len(x) // period; xs = x[len(x) - nyr * period:].reshape(nyr, period)
    mu = xs.mean(1); sd = xs.std(1, ddof=1)
    def cv(lam):
        r = sd / mu ** (1 - lam); return r.std(ddof=1) / r.mean()
    return optimize.minimize_scalar(cv, bounds=(-1, 2), method="bounded", options={"xatol": 1e-12}).x
metrics = {
    "mae": np.mean(np.abs(yt - yh)), "mse": np.mean((yt - yh) ** 2), "rmse": np.sqrt(np.mean((yt - yh) ** 2)),
    "mape": 100 * np.mean(np.abs(yt - yh) / np.abs(yt)),
    "smape": 200 * np.mean(np.abs(yt - yh) / (np.abs(yt) + np.abs(yh))),
    "mase1": np.mean(np.abs(yt - yh)) / naive_scale(ins, 1, 1),
    "mase12": np.mean(np.abs(yt - yh)) / naive_scale(ins, 12, 1),
    "rmsse12": np.sqrt(np.mean((yt - yh) ** 2) / naive_scale(ins, 12, 2)),
    "ql10": pinball(yt, lo, 0.1), "ql90": pinball(yt, hi, 0.9),
    "coverage": np.mean((yt >= lo) & (yt <= hi)), "iscore80": iscore,
    "crps_normal_a": crps_normal_quad(0.0, 0.0, 1.0), "crps_normal_b": crps_normal_quad(3.7, 1.2, 2.5),
    "crps_normal_c": crps_normal_quad(-50.0, 1.0, 0.5),
    "crps_samples": crps_s, "crps_quantiles": crps_q,
    "ppf_0.975": stats.norm.ppf(0.975), "ppf_1e-10": stats.norm.ppf(1e-10), "ppf_0.3": stats.norm.ppf(0.3),
    "ppf_0.99999": stats.norm.ppf(0.99999),
    "guerrero_air": guer(y, 12), "guerrero_air_ns": guer(y, 1),
}
with open(os.path.join(here, "metrics_case.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["kind", "index", "value"])
    for name, arr in [("y", yt), ("yhat", yh), ("insample", ins), ("samples", samples)]:
        for i, v in enumerate(arr): w.writerow([name, i, repr(float(v))])
    for k, v in metrics.items(): w.writerow([k, 0, repr(float(v))])

# 3. Calendar facts from Python's proleptic Gregorian `datetime`, dateutil and numpy business days.
import datetime as dt
from dateutil.relativedelta import relativedelta
texts = ["1600-02-29", "1899-12-31", "1949-01-01", "1970-01-01", "2000-02-28", "2023-01-31",
         "2024-12-30", "2027-01-03", "2100-03-01", "9998-12-31", "0003-03-01", "1969-12-31", "2026-11-21"]
with open(os.path.join(here, "calendar.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["date", "days", "weekday", "dayofyear", "isoweek", "plus1M", "minus13M", "plus5B", "minus3B"])
    for t in texts:
        d = dt.date.fromisoformat(t)
        days = (d - dt.date(1970, 1, 1)).days
        # relativedelta clamps days; our month-end rule agrees with it except for month ends before
        # the 31st (Feb 28 + 1 month is Mar 31 for us), which these dates avoid.
        monthEnd = t in ("2000-02-28", "1600-02-29")
        assert (d + dt.timedelta(days=1)).month == d.month or d.day == 31 or monthEnd
        p1 = "" if monthEnd else (d + relativedelta(months=1)).isoformat()
        m13 = "" if monthEnd else (d + relativedelta(months=-13)).isoformat()
        b5 = str(np.busday_offset(np.datetime64(t), 5, roll="backward"))
        b3 = str(np.busday_offset(np.datetime64(t), -3, roll="backward"))
        w.writerow([t, days, d.weekday(), d.timetuple().tm_yday, d.isocalendar()[1], p1, m13, b5, b3])
print("fixtures written")
