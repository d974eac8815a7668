// Headless Chromium: serves a bundler build (/dist/), Neural/JS (/neural/), the FANN data sets (/data/) and
// the native reference (/ref/) from 127.0.0.1 and runs tests/page.html (the runner is
// Bundler/JS/tests/chromium-page.mjs).
// Usage: node Neural/JS/tests/run-chromium.mjs <dist> <fann-datasets-dir> <reference.json> [timeout-seconds]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage } from '../../../Bundler/JS/tests/chromium-page.mjs';

const [dist, data, reference, timeoutText] = process.argv.slice(2);
const neuralJS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outcome = await runPage({
  mounts: { '/dist/': path.resolve(dist), '/neural/': neuralJS, '/data/': path.resolve(data),
    '/ref/': path.dirname(path.resolve(reference)) },
  page: '/neural/tests/page.html',
  timeoutSeconds: Number(timeoutText ?? 120),
});
console.log(`chromium: ${JSON.stringify(outcome.result)}`);
process.exit(0);
