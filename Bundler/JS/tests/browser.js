// The browser side of the loader tests: served with CSP script-src 'self' 'wasm-unsafe-eval'
// (no inline scripts, no eval), runs the shared conformance tests against /dist/, then a cold-load
// timing, and POSTs everything to /report.
import { runAll } from './conformance.js';

const report = { userAgent: navigator.userAgent, results: [], timings: {} };
// The page is served with script-src 'self' 'wasm-unsafe-eval': any eval-like use would show up here.
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
try {
  const loadStart = performance.now();
  const { RuvSwarm } = await import('/dist/loader.js');
  const cold = new RuvSwarm({ baseURL: '/dist/' });
  const simdkit = await cold.load('simdkit');
  report.timings.coldLoadMs = performance.now() - loadStart;
  report.timings.variant = cold.variant;
  report.firstFetches = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith('/dist/'));
  report.features = cold.features;
  report.sanity = simdkit.dot(new Float32Array([1, 2]), new Float32Array([3, 4]));
  const expected = await (await fetch('/expected.json')).json();
  const context = { RuvSwarm, baseURL: new URL('/dist/', location.href).href, realFetch: (url) => fetch(url), expected };
  report.results = await runAll(context);
} catch (error) {
  report.results.push({ name: 'page', ok: false, error: String(error && error.stack || error) });
}
report.results.push({ name: 'no Content-Security-Policy violations', ok: violations.length === 0, error: violations.join('; ') });
document.getElementById('out').textContent = JSON.stringify(report, null, 2);
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
