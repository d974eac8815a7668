// Chromium: loads the Core chunk through the bundler's loader, runs the shared checks, and POSTs the
// outcome to the runner (run-chromium.mjs).
import { RuvSwarm } from '/dist/loader.js';
import { checkCore } from './swarm-check.mjs';

let report;
try {
  const t0 = performance.now();
  const core = await new RuvSwarm().load('core');
  const loadMs = performance.now() - t0;
  report = { ok: true, result: checkCore(core), loadMs, userAgent: navigator.userAgent };
} catch (e) {
  report = { ok: false, error: String(e && e.stack || e) };
}
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
