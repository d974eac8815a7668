// Headless Chromium: serves a bundler build (/dist/), Forecasting/JS (/forecasting/) and the native
// reference (/ref/) from 127.0.0.1 and runs tests/page.html (runner: Bundler/JS/tests/chromium-page.mjs).
// Usage: node Forecasting/JS/tests/run-chromium.mjs <dist> <reference.json> [timeout-seconds]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage } from '../../../Bundler/JS/tests/chromium-page.mjs';

const [dist, reference, timeoutText] = process.argv.slice(2);
const forecastingJS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outcome = await runPage({
  mounts: { '/dist/': path.resolve(dist), '/forecasting/': forecastingJS, '/ref/': path.dirname(path.resolve(reference)) },
  page: '/forecasting/tests/page.html',
  timeoutSeconds: Number(timeoutText ?? 120),
});
console.log(`chromium: ${JSON.stringify(outcome.result)}`);
process.exit(0);
