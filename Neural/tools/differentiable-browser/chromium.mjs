// Headless Chromium: serves a bundler build (/dist/), this folder (/tool/) and the native reference
// (/ref/) from 127.0.0.1 and runs page.html (the runner is Bundler/JS/tests/chromium-page.mjs).
// Usage: node chromium.mjs <dist> <reference.json> [timeout-seconds]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage } from '../../../Bundler/JS/tests/chromium-page.mjs';

const [dist, reference, timeoutText] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const outcome = await runPage({
  mounts: { '/dist/': path.resolve(dist), '/tool/': here, '/ref/': path.dirname(path.resolve(reference)) },
  page: `/tool/page.html?ref=${encodeURIComponent(path.basename(reference))}`,
  timeoutSeconds: Number(timeoutText ?? 120),
});
console.log(`chromium: ${JSON.stringify(outcome.result)}`);
process.exit(0);
