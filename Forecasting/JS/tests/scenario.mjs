// The scenario of Forecasting/Tests/ForecastingTests/ForecastingJSTests.swift (ForecastingJSScenario and
// browserScenarioMatchesTheDirectAPI), call for call, on the wasm chunk: AirPassengers' first 132 months,
// seven models fitted and forecast 12 months ahead with 80 % intervals, compared with the native forecasts
// that test wrote in the same check run (1e-4 relative). Shared by node-test.mjs and page.js.
// The LSTM is held to 2e-2: natively its matrix products run on OpenBLAS and in wasm on SIMDKit's gemm,
// whose sums round differently in the last bit, and 60 Adam steps through a recurrent network amplify
// that to 6.7e-3 relative at worst on the forecast (measured). The other six models meet 1e-4.

function close(a, b, what, rel = 1e-4, floor = 1e-9) {
  const d = Math.abs(a - b);
  if (!(d <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), floor))) {
    throw new Error(`${what}: wasm ${a} vs native ${b}`);
  }
  return d / Math.max(Math.abs(a), Math.abs(b), floor);
}

function expectError(code, body) {
  try { body(); } catch (e) {
    if (e.code === code) return;
    throw new Error(`expected ${code}, got ${e.code ?? e}`);
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

/** Runs the scenario on the loaded `forecasting` domain against `reference` (the native JSON). */
export function checkForecasting(fc, reference) {
  const h = reference.h;
  const s = fc.series(Float64Array.from(reference.train), '1949-01-01', 'M');
  if (fc.seriesLength(s) !== reference.train.length) throw new Error('series length');
  const none = new Float64Array(0);
  const eighty = new Float64Array([80]);
  const theta = fc.baseline(9, 12);
  const snaive = fc.baseline(1, 12);
  const ets = fc.baseline(8, 12);
  const mlp = fc.mlp(24, h, 32, 2, 150, 3e-3, 1, eighty);
  const nlinear = fc.network(0, 24, h, 16, 150, 1e-2, 2, none);
  const lstm = fc.network(5, 24, h, 16, 60, 1e-2, 3, none);
  const ensemble = fc.ensemble(new Int32Array([theta, mlp, snaive]), 1, 0);
  const models = { Theta: theta, SeasonalNaive: snaive, ETS: ets, MLP: mlp, NLinear: nlinear, LSTM: lstm, Ensemble: ensemble };
  let worst = 0;
  const summary = {};
  for (const [name, m] of Object.entries(models)) {
    fc.fit(m, s);
    const out = fc.forecast(m, s, h, eighty);
    const want = reference.forecasts[name];
    if (!(out instanceof Float64Array) || out.length !== want.length) {
      throw new Error(`${name}: ${out.length} values, native ${want.length}`);
    }
    const rel = name === 'LSTM' ? 2e-2 : 1e-4;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, close(out[i], want[i], `${name}[${i}]`, rel));
    if (fc.alias(m) !== name) throw new Error(`alias ${fc.alias(m)} for ${name}`);
    const archive = fc.save(m);
    if (!(archive instanceof Uint8Array) || archive.length === 0) throw new Error(`${name}: empty archive`);
    const back = fc.load(archive);
    const again = fc.forecast(back, s, h, eighty);
    for (let i = 0; i < out.length; i++) {
      if (again[i] !== out[i]) throw new Error(`${name}: loaded model forecasts ${again[i]}, saved ${out[i]}`);
    }
    fc.destroyModel(back);
    summary[name] = Number(out[h - 1].toFixed(3));
  }
  const loss = fc.lossHistory(nlinear);
  if (loss.length !== 150 || !(loss[149] < loss[0])) throw new Error('NLinear loss history');
  expectError('forecasting.unknownModel', () => fc.fit(99999, s));
  expectError('forecasting.invalidArgument', () => fc.series(new Float64Array([1, 2]), '2000-01-01', 'fortnight'));
  expectError('forecasting.invalidArgument', () => fc.baseline(42, 1));
  expectError('forecasting.corruptArchive', () => fc.load(new Uint8Array([1, 2, 3])));
  const short = fc.series(new Float64Array([1, 2]), '2000-01-01', 'Q');
  expectError('forecasting.seriesTooShort', () => fc.fit(theta, short));
  for (const m of Object.values(models)) fc.destroyModel(m);
  fc.destroySeries(s);
  fc.destroySeries(short);
  expectError('forecasting.unknownSeries', () => fc.seriesLength(s));
  return { lastStep: summary, worstRelativeDifference: worst };
}
