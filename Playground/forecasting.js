// The Forecasting panel: fits a model of the Forecasting chunk (Forecasting.jsapi) on a series picked
// from the shared data sets or uploaded as CSV, forecasts h steps with 80 % and 95 % intervals, and
// draws history, held-out actuals, forecast and interval bands; neural models also show their training
// loss. The fitted model can be downloaded as its archive (the same text format as natively).
import { clear, empty, frame, kpis, label, linePath, svg } from './chart.js';

const LEVELS = new Float64Array([80, 95]);
/** Model choices: how to build each one from the chunk's constructors. */
const MODELS = {
  ets: { name: 'ETS (AICc choice)', make: (fc, s) => fc.baseline(8, s.season) },
  theta: { name: 'Theta', make: (fc, s) => fc.baseline(9, s.season) },
  snaive: { name: 'Seasonal naive', make: (fc, s) => fc.baseline(1, s.season) },
  mlp: { name: 'MLP (quantile intervals)', make: (fc, s, h) => fc.mlp(inputSize(s, h), h, 32, 2, 300, 3e-3, 1, LEVELS) },
  nbeats: { name: 'NBEATS', make: (fc, s, h) => fc.network(2, inputSize(s, h), h, 32, 200, 1e-3, 1, new Float64Array(0)) },
  lstm: { name: 'LSTM', make: (fc, s, h) => fc.network(5, inputSize(s, h), h, 16, 100, 1e-2, 1, new Float64Array(0)) },
  ensemble: {
    name: 'Ensemble: median of Theta, ETS, seasonal naive',
    make: (fc, s, h, members) => {
      members.push(fc.baseline(9, s.season), fc.baseline(8, s.season), fc.baseline(1, s.season));
      return fc.ensemble(new Int32Array(members.slice(-3)), 1, 0);
    },
  },
};

/** The networks' input window: two seasons (at least 2h), bounded by what the series can train on. */
function inputSize(s, h) {
  return Math.max(1, Math.min(Math.max(2 * s.season, 2 * h), s.values.length - 2 * h));
}

/** Parses a CSV of one series: `unique_id,ds,y` (the first id) or `ds,y`; throws naming the line. */
export function parseSeriesCSV(text, name = 'series.csv') {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const ds = header.indexOf('ds');
  const y = header.indexOf('y');
  const id = header.indexOf('unique_id');
  if (ds < 0 || y < 0) throw new Error(`${name}:1: expected a header with ds and y columns (and optionally unique_id)`);
  const dates = [];
  const values = [];
  let first = null;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (id >= 0) {
      first ??= cells[id];
      if (cells[id] !== first) continue;
    }
    const value = Number(cells[y]);
    if (cells[y] === '' || !Number.isFinite(value)) throw new Error(`${name}:${i + 1}: "${String(cells[y]).slice(0, 20)}" is not a number`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(cells[ds] ?? '')) throw new Error(`${name}:${i + 1}: "${String(cells[ds]).slice(0, 20)}" is not a date (YYYY-MM-DD[ HH:MM[:SS]])`);
    dates.push(cells[ds]);
    values.push(value);
  }
  if (values.length < 3) throw new Error(`${name}: needs at least 3 values, found ${values.length}`);
  return { id: first ?? name, dates, values };
}

async function manifestEntries() {
  const response = await fetch('/datasets/forecast/manifest.csv');
  if (!response.ok) return [];
  const [head, ...rows] = (await response.text()).trim().split(/\r?\n/);
  const columns = head.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    const get = (name) => cells[columns.indexOf(name)];
    return { id: get('unique_id'), file: get('file'), freq: get('freq'), season: Number(get('m')), h: Number(get('h')) };
  });
}

function drawForecast(chart, s, fitted, h, out, actuals) {
  clear(chart);
  const n = fitted.length;
  const k = Math.floor((out.length / h - 1) / 2);
  const mean = out.subarray(0, h);
  const band = (j) => ({ lo: out.subarray(h * (1 + 2 * j), h * (2 + 2 * j)), hi: out.subarray(h * (2 + 2 * j), h * (3 + 2 * j)) });
  const shown = Math.min(n, Math.max(4 * h, 3 * s.season, 36));
  const from = n - shown;
  const all = [...fitted.slice(from), ...mean, ...(actuals ?? [])];
  for (let j = 0; j < k; j++) all.push(...band(j).lo, ...band(j).hi);
  const finite = all.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = (hi - lo) * 0.06 || 1;
  const { sx, sy } = frame(chart, { width: 640, height: 300, x: [from, n + h - 1], y: [lo - pad, hi + pad], xLabel: `step (${s.freq})`, margin: { left: 58 } });
  for (let j = k - 1; j >= 0; j--) {
    const { lo: l, hi: u } = band(j);
    const top = Array.from({ length: h }, (_, i) => [sx(n + i), sy(u[i])]);
    const bottom = Array.from({ length: h }, (_, i) => [sx(n + h - 1 - i), sy(l[h - 1 - i])]);
    svg('path', { class: j === 0 ? 'band-inner' : 'band', d: `${linePath([...top, ...bottom])} Z`, 'data-level': LEVELS[j] }, chart);
  }
  svg('path', { class: 'history', d: linePath(fitted.slice(from).map((v, i) => [sx(from + i), sy(v)])) }, chart);
  if (actuals) svg('path', { class: 'actual', d: linePath(actuals.map((v, i) => [sx(n + i), sy(v)])) }, chart);
  svg('path', { class: 'forecast', d: linePath([[sx(n - 1), sy(fitted[n - 1])], ...Array.from(mean, (v, i) => [sx(n + i), sy(v)])]) }, chart);
  svg('line', { class: 'axis split', x1: sx(n - 0.5), x2: sx(n - 0.5), y1: 12, y2: 270 }, chart);
  label(chart, sx(n - 0.5) + 4, 24, 'forecast →');
  return k;
}

function drawLoss(chart, loss) {
  if (loss.length === 0) { empty(chart, 'Statistical models fit in closed form: no training loss'); return; }
  clear(chart);
  const finite = loss.filter((v) => Number.isFinite(v) && v > 0);
  const y0 = 10 ** Math.floor(Math.log10(Math.min(...finite)));
  const y1 = 10 ** Math.ceil(Math.log10(Math.max(...finite)));
  const { sx, sy } = frame(chart, { width: 640, height: 140, x: [1, Math.max(2, loss.length)], y: [y0, y1 === y0 ? y0 * 10 : y1], log: true, xLabel: 'training step' });
  svg('path', { class: 'loss', d: linePath(loss.map((v, i) => [sx(i + 1), sy(Math.max(v, 1e-12))])) }, chart);
}

export async function open(fc, { setStatus, refresh }) {
  const form = document.getElementById('forecasting-form');
  const pick = document.getElementById('forecast-series');
  const uploadField = document.getElementById('forecast-upload-field');
  const chart = document.getElementById('forecast-chart');
  const lossChart = document.getElementById('forecast-loss-chart');
  const results = document.getElementById('forecast-results');
  const download = document.getElementById('forecast-download');
  empty(chart, 'Pick a series and press Forecast');
  empty(lossChart, 'Neural models show their training loss here');
  const entries = await manifestEntries();
  for (const e of entries) {
    const option = document.createElement('option');
    option.value = e.id;
    option.textContent = `${e.id} (${e.freq}, season ${e.season}, h ${e.h})`;
    pick.insertBefore(option, pick.querySelector('option[value="upload"]'));
  }
  if (entries.length > 0) pick.value = entries[0].id;
  const syncDefaults = () => {
    uploadField.hidden = pick.value !== 'upload';
    const e = entries.find((x) => x.id === pick.value);
    if (e) {
      document.getElementById('forecast-freq').value = e.freq;
      document.getElementById('forecast-season').value = String(e.season);
      document.getElementById('forecast-h').value = String(e.h);
    }
  };
  pick.addEventListener('change', syncDefaults);
  syncDefaults();
  let downloadURL = null;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.dataset.state = 'running';
    const button = document.getElementById('forecast-run');
    button.disabled = true;
    const handles = { series: [], models: [] };
    try {
      let series;
      if (pick.value === 'upload') {
        const file = document.getElementById('forecast-file').files[0];
        if (!file) throw new Error('choose a CSV file first');
        series = parseSeriesCSV(await file.text(), file.name);
      } else {
        const entry = entries.find((x) => x.id === pick.value);
        const response = await fetch(`/datasets/forecast/${entry.file}`);
        if (!response.ok) throw new Error(`/datasets/forecast/${entry.file}: HTTP ${response.status}`);
        series = parseSeriesCSV(await response.text(), entry.file);
      }
      const freq = document.getElementById('forecast-freq').value.trim();
      const season = Number(document.getElementById('forecast-season').value);
      const h = Number(document.getElementById('forecast-h').value);
      const holdOut = document.getElementById('forecast-holdout').checked;
      if (!Number.isInteger(season) || season < 1 || season > 10000) throw new Error('season length: a whole number from 1 to 10000');
      if (!Number.isInteger(h) || h < 1 || h > 1000) throw new Error('horizon: a whole number from 1 to 1000');
      if (holdOut && series.values.length <= 2 * h) throw new Error(`holding out ${h} of ${series.values.length} values leaves too little to fit`);
      const fitted = holdOut ? series.values.slice(0, -h) : series.values;
      const actuals = holdOut ? series.values.slice(-h) : null;
      const s = { values: fitted, season, freq };
      const choice = MODELS[document.getElementById('forecast-model').value];
      setStatus(`Fitting ${choice.name} on ${series.id} (${fitted.length} values)…`, 'busy');
      await new Promise((r) => setTimeout(r, 0));
      const started = performance.now();
      const handle = fc.series(Float64Array.from(fitted), series.dates[0], freq);
      handles.series.push(handle);
      const model = choice.make(fc, s, h, handles.models);
      handles.models.push(model);
      fc.fit(model, handle);
      const out = fc.forecast(model, handle, h, LEVELS);
      const ms = performance.now() - started;
      const k = drawForecast(chart, s, fitted, h, out, actuals);
      drawLoss(lossChart, Array.from(fc.lossHistory(model)));
      const alias = fc.alias(model);
      const rows = [['Model', alias, 'forecast-alias'], ['Fit + forecast', `${ms.toFixed(0)} ms`], ['Intervals', k === 0 ? 'none' : LEVELS.slice(0, k).join(' %, ') + ' %', 'forecast-intervals']];
      if (actuals) {
        const mean = out.subarray(0, h);
        const mae = actuals.reduce((a, v, i) => a + Math.abs(v - mean[i]), 0) / h;
        let scale = 0;
        for (let t = season; t < fitted.length; t++) scale += Math.abs(fitted[t] - fitted[t - season]);
        scale /= Math.max(1, fitted.length - season);
        rows.push(['MAE (held out)', mae.toPrecision(4), 'forecast-mae'], ['MASE (held out)', scale > 0 ? (mae / scale).toFixed(3) : '—', 'forecast-mase']);
        for (let j = 0; j < k; j++) {
          const lo = out.subarray(h * (1 + 2 * j), h * (2 + 2 * j));
          const hi = out.subarray(h * (2 + 2 * j), h * (3 + 2 * j));
          const inside = actuals.filter((v, i) => v >= lo[i] && v <= hi[i]).length;
          rows.push([`In ${LEVELS[j]} % interval`, `${inside} / ${h}`, `forecast-coverage-${LEVELS[j]}`]);
        }
      }
      results.replaceChildren(kpis(rows));
      const archive = fc.save(model);
      if (downloadURL) URL.revokeObjectURL(downloadURL);
      downloadURL = URL.createObjectURL(new Blob([archive], { type: 'text/plain' }));
      download.href = downloadURL;
      download.download = `${series.id}-${alias}.model.txt`;
      download.textContent = `Download the fitted model (${(archive.length / 1024).toFixed(1)} KB archive)`;
      download.hidden = false;
      setStatus(`${alias} on ${series.id}: ${h} steps ahead${holdOut ? ', scored on the held-out values' : ''}.`, 'ok');
      form.dataset.state = 'done';
    } catch (error) {
      setStatus(`${error.code ? `${error.code}: ` : ''}${error.message}`, 'error');
      form.dataset.state = 'error';
    } finally {
      for (const m of handles.models) fc.destroyModel(m);
      for (const s of handles.series) fc.destroySeries(s);
      button.disabled = false;
      refresh();
    }
  });
}
