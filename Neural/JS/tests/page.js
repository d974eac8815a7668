// Chromium: loads the Neural chunk through the bundler's loader, runs the shared scenario against the
// native reference, and POSTs the outcome to the runner (run-chromium.mjs).
import { RuvSwarm } from '/dist/loader.js';
import { checkNeural } from './neural-check.mjs';

let report;
try {
  const text = async (url) => { const r = await fetch(url); if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.text(); };
  const [xor, train, test, refText] = await Promise.all([text('/data/xor.data'), text('/data/diabetes.train'), text('/data/diabetes.test'), text('/ref/reference.json')]);
  const neural = await new RuvSwarm().load('neural');
  report = { ok: true, result: checkNeural(neural, { xor, train, test }, JSON.parse(refText)), userAgent: navigator.userAgent };
} catch (e) {
  report = { ok: false, error: String(e && e.stack || e) };
}
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
