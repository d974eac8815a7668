// Runs one test page in headless Chromium, for the domains' browser checks (Core/JS, Neural/JS).
// Serves folders from 127.0.0.1 under URL prefixes, opens the page with a throwaway profile, waits for
// the page's POST /report (JSON with `ok`, `error`, `userAgent`, `result`), then kills the browser.
// A missing report (timeout, browser exit) or `ok: false` prints the reason and exits the process 1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json',
  '.wasm': 'application/wasm' };

/** Serves `mounts` ({ '/prefix/': folder }), opens `page` (a URL path) and resolves with the page's report. */
export async function runPage({ mounts, page, timeoutSeconds = 120 }) {
  let done;
  const reported = new Promise((resolve) => { done = resolve; });
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/report') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => { res.end('ok'); done(JSON.parse(body)); });
      return;
    }
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (!req.url.startsWith(prefix)) continue;
      const file = path.join(folder, decodeURIComponent(req.url.slice(prefix.length).split('?')[0]));
      if (!file.startsWith(folder) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) break;
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}${page}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-page-'));
  const child = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--no-default-browser-check', '--disable-extensions', '--disable-background-networking',
    `--user-data-dir=${profile}`, url], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ exited: code })));
  let timerId;
  const timer = new Promise((resolve) => { timerId = setTimeout(() => resolve({ timedOut: true }), timeoutSeconds * 1000); });
  const outcome = await Promise.race([reported, exited, timer]);
  clearTimeout(timerId);
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  if (!outcome || outcome.timedOut || outcome.exited !== undefined) {
    console.error(`chromium: no report (${outcome?.timedOut ? 'timed out' : 'browser exited'})`);
    console.error(stderr.split('\n').slice(-20).join('\n'));
    process.exit(1);
  }
  if (!outcome.ok) {
    console.error(`chromium: FAIL ${outcome.error}`);
    process.exit(1);
  }
  console.log(`chromium: ${outcome.userAgent}`);
  return outcome;
}
