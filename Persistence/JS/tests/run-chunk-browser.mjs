// Runs chunk-browser.html (the Persistence chunk via loader.js) in headless Chromium or Firefox ESR, with one profile: phase=write,
// then (a fresh browser process, so a reload from nothing but durable storage) phase=read; first with
// the backend chosen by policy (OPFS in Chromium and Firefox), then with the IndexedDB fallback forced.
// Usage: node run-chunk-browser.mjs <dist> [timeout seconds] [chromium|firefox]. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../Bundler/JS/tests/server.mjs';

const [dist, timeoutText, browser = 'chromium'] = process.argv.slice(2);
const timeout = Number(timeoutText ?? 120) * 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
let done = () => {};
const { server, port, log } = await startServer({
  mounts: { '/tests/': here, '/js/': path.join(here, '..'), '/dist/': path.resolve(dist) },
  onReport: (body) => done(body),
});
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ruvswarm-persistence-chunk-'));
if (browser === 'firefox') {
  fs.writeFileSync(path.join(profile, 'user.js'), [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("browser.aboutwelcome.enabled", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
    'user_pref("app.update.enabled", false);',
  ].join('\n'));
}
let ok = true;
try {
  for (const [phase, backend] of [['write', 'policy'], ['read', 'policy'], ['write', 'indexeddb'], ['read', 'indexeddb']]) {
    const reported = new Promise((resolve) => { done = resolve; });
    const url = `http://127.0.0.1:${port}/tests/chunk-browser.html?phase=${phase}&backend=${backend}`;
    const [command, args] = browser === 'firefox'
      ? ['firefox-esr', ['--headless', '--no-remote', '--profile', profile, url]]
      : ['chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
        '--disable-extensions', '--disable-background-networking', `--user-data-dir=${profile}`, url]];
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ exited: code })));
    const timer = new Promise((resolve) => setTimeout(() => resolve({ timedOut: true }), timeout));
    const outcome = await Promise.race([reported, exited, timer]);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!outcome || outcome.timedOut || outcome.exited !== undefined) {
      console.error(`${browser} ${phase}: no report; requests: ${log.join(', ')}\n${stderr.split('\n').slice(-15).join('\n')}`);
      ok = false;
      break;
    }
    console.log(`${browser} ${phase} (${backend}): backend ${outcome.backend}, generation ${outcome.generation}${outcome.checked ? `, ${outcome.checked} entries checked` : ''}`);
    for (const failure of outcome.failures) { console.log(`${browser} ${phase}: FAIL ${failure}`); ok = false; }
    if (!ok) break;
  }
} finally {
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
