// Chromium: loads the Neural chunk through the bundler's loader, runs the differentiable scenario
// against the native reference, and POSTs the outcome to the runner (chromium.mjs).
import { RuvSwarm } from '/dist/loader.js';
import { checkDifferentiable } from './check.mjs';

let report;
try {
  const name = new URLSearchParams(location.search).get('ref');
  const ref = await (await fetch(`/ref/${encodeURIComponent(name)}`)).json();
  const neural = await new RuvSwarm().load('neural');
  report = { ok: true, result: checkDifferentiable(neural, ref), userAgent: navigator.userAgent };
} catch (e) {
  report = { ok: false, error: String(e && e.stack || e) };
}
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
