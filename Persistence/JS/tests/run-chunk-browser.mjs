// Runs chunk-browser.html (the Persistence chunk through loader.js) in headless Chromium twice with one profile and one origin: phase=write,
// then (a fresh browser process, so a reload from nothing but durable storage) phase=read; first with
// the backend chosen by policy (OPFS in Chromium), then with the IndexedDB fallback forced.
// Usage: node run-chunk-browser.mjs <dist> [timeout seconds]. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../Bundler/JS/tests/server.mjs';

const [dist, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText ?? 120) * 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
let done = () => {};
const { server, port, log } = await startServer({
  mounts: { '/tests/': here, '/js/': path.join(here, '..'), '/dist/': path.resolve(dist) },
  onReport: (body) => done(body),
});
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ruvswarm-persistence-chunk-'));
let ok = true;
try {
  for (const [phase, backend] of [['write', 'policy'], ['read', 'policy'], ['write', 'indexeddb'], ['read', 'indexeddb']]) {
    const reported = new Promise((resolve) => { done = resolve; });
    const url = `http://127.0.0.1:${port}/tests/chunk-browser.html?phase=${phase}&backend=${backend}`;
    const child = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--no-default-browser-check', '--disable-extensions', '--disable-background-networking', `--user-data-dir=${profile}`, url],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ exited: code })));
    const timer = new Promise((resolve) => setTimeout(() => resolve({ timedOut: true }), timeout));
    const outcome = await Promise.race([reported, exited, timer]);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!outcome || outcome.timedOut || outcome.exited !== undefined) {
      console.error(`chromium ${phase}: no report; requests: ${log.join(', ')}\n${stderr.split('\n').slice(-15).join('\n')}`);
      ok = false;
      break;
    }
    console.log(`chromium ${phase} (${backend}): backend ${outcome.backend}, generation ${outcome.generation}${outcome.checked ? `, ${outcome.checked} entries checked` : ''}`);
    for (const failure of outcome.failures) { console.log(`chromium ${phase}: FAIL ${failure}`); ok = false; }
    if (!ok) break;
  }
} finally {
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
