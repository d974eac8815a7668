// Chromium: loads the Forecasting chunk (lazily, after Neural) through the bundler's loader, runs the
// shared scenario against the native reference, and POSTs the outcome to the runner (run-chromium.mjs).
import { RuvSwarm } from '/dist/loader.js';
import { checkForecasting } from './scenario.mjs';

let report;
try {
  const r = await fetch('/ref/reference.json');
  if (!r.ok) throw new Error(`reference: ${r.status}`);
  const reference = await r.json();
  const ruv = new RuvSwarm();
  const forecasting = await ruv.load('forecasting');
  report = { ok: true, result: checkForecasting(forecasting, reference), userAgent: navigator.userAgent };
} catch (e) {
  report = { ok: false, error: String(e && e.stack || e) };
}
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
