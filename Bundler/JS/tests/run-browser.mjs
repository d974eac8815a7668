// Runs the loader tests in a real headless browser: serves dist/ and the test page from 127.0.0.1,
// starts the browser on it with a throwaway profile, waits for the page's POST /report (or a
// timeout), kills the browser, prints one line per test and exits non-zero on any failure.
// Usage: node run-browser.mjs chromium|firefox <dist> <expected.json> [timeout-seconds]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const [browser, dist, expectedFile, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText ?? 120) * 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
let done;
const reported = new Promise((resolve) => { done = resolve; });
const { server, port, log } = await startServer({
  mounts: { '/dist/': path.resolve(dist), '/tests/': here, '/expected.json': path.resolve(expectedFile) },
  onReport: (body) => done(body),
});
const url = `http://127.0.0.1:${port}/tests/browser.html`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), `ruvswarm-${browser}-`));
let command, args;
if (browser === 'chromium') {
  command = 'chromium';
  args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
    '--disable-extensions', '--disable-background-networking', `--user-data-dir=${profile}`, url];
} else if (browser === 'firefox') {
  command = 'firefox-esr';
  fs.writeFileSync(path.join(profile, 'user.js'), [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("browser.aboutwelcome.enabled", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
    'user_pref("app.update.enabled", false);',
  ].join('\n'));
  args = ['--headless', '--no-remote', '--profile', profile, url];
} else {
  console.error(`unknown browser ${browser}`);
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, MOZ_HEADLESS: '1' } });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ exited: code })));
const timer = new Promise((resolve) => setTimeout(() => resolve({ timedOut: true }), timeout));
const outcome = await Promise.race([reported, exited, timer]);
try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
server.close();
fs.rmSync(profile, { recursive: true, force: true });
if (!outcome || outcome.timedOut || outcome.exited !== undefined) {
  console.error(`${browser}: no report (${outcome && outcome.timedOut ? 'timed out' : 'browser exited'}); requests: ${log.join(', ')}`);
  console.error(stderr.split('\n').slice(-20).join('\n'));
  process.exit(1);
}
const failed = outcome.results.filter((r) => !r.ok);
console.log(`${browser}: ${outcome.userAgent}`);
console.log(`${browser}: cold load of runtime + simdkit (${outcome.timings.variant}): ${outcome.timings.coldLoadMs.toFixed(1)} ms; features ${JSON.stringify(outcome.features)}`);
console.log(`${browser}: first requests: ${log.slice(0, 6).join(', ')}`);
for (const r of outcome.results) console.log(`${browser}: ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n${r.error}`}`);
const order = log.filter((l) => l.startsWith('GET /dist/'));
const orderOk = order[0] === 'GET /dist/loader.js' && order[1] === 'GET /dist/manifest.json';
if (!orderOk) console.log(`${browser}: FAIL the manifest was not the first thing fetched after the loader: ${order.slice(0, 3)}`);
if (outcome.sanity !== 11) console.log(`${browser}: FAIL sanity dot = ${outcome.sanity}`);
process.exit(failed.length === 0 && orderOk && outcome.sanity === 11 && outcome.results.length > 10 ? 0 : 1);
