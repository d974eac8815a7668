// Cold load of runtime + SIMDKit in headless Chromium: `runs` fresh browser profiles, median ms.
// Usage: node coldload.mjs <dist> [runs]   -> one JSON line
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../JS/tests/server.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));
const times = [];
for (let run = 0; run < runs; run++) {
  let done;
  const reported = new Promise((resolve) => { done = resolve; });
  const { server, port } = await startServer({ mounts: { '/dist/': dist, '/bench/': here }, onReport: (body) => done(body) });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ruvswarm-cold-'));
  const child = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-extensions', `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/bench/coldload.html`],
  { stdio: 'ignore', detached: true });
  const outcome = await Promise.race([reported, new Promise((resolve) => setTimeout(() => resolve(null), 60000))]);
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  if (!outcome || outcome.value !== 11) {
    console.error(`cold load run ${run} failed: ${JSON.stringify(outcome)}`);
    process.exit(1);
  }
  times.push(outcome.ms);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ runs, medianMs: times[times.length >> 1], minMs: times[0], maxMs: times[times.length - 1] }));
