// Headless Chromium: serves a bundler build (/dist/) and Core/JS (/core/) from 127.0.0.1 and runs
// tests/page.html (the runner is Bundler/JS/tests/chromium-page.mjs).
// Usage: node Core/JS/tests/run-chromium.mjs <dist> [timeout-seconds]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage } from '../../../Bundler/JS/tests/chromium-page.mjs';

const [dist, timeoutText] = process.argv.slice(2);
const coreJS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outcome = await runPage({
  mounts: { '/dist/': path.resolve(dist), '/core/': coreJS },
  page: '/core/tests/page.html',
  timeoutSeconds: Number(timeoutText ?? 120),
});
console.log(`chromium: core chunk loaded in ${outcome.loadMs.toFixed(1)} ms; ${JSON.stringify(outcome.result)}`);
process.exit(0);
