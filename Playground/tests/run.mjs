// The playground's browser test: starts `ruvswarm serve` on a bundle, drives the page in headless
// Chromium (DevTools protocol over a pipe) and headless Firefox ESR (WebDriver BiDi), clicks through
// every panel, checks what is on screen and which chunks were fetched in which order (from the
// server's request log and the page's network panel), and saves screenshots, desktop and phone width.
// Usage: node Playground/tests/run.mjs --ruvswarm BIN --dist DIR --repo ROOT --shots DIR [--browsers chromium,firefox]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './cdp.mjs';
import { launchFirefox } from './bidi.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const browsers = (args.browsers ?? 'chromium,firefox').split(',');
fs.mkdirSync(args.shots, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(args.dist, 'manifest.json'), 'utf8'));
// Files to upload: FANN's xor.data from the shared data sets, and a malformed copy (line 4 is wrong).
const xorData = path.resolve(args.repo, '../shared/datasets/fann/xor.data');
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-upload-'));
const badData = path.join(uploads, 'bad.data');
fs.writeFileSync(badData, '4 2 1\n-1 -1\n-1\nabc 1\n1\n1 -1\n1\n1 1\n-1\n');
const lynxCSV = path.resolve(args.repo, '../shared/datasets/forecast/lynx.csv');
const badCSV = path.join(uploads, 'bad.csv');
fs.writeFileSync(badCSV, 'unique_id,ds,y\na,2020-01-01,1\na,2020-02-01,x\n');

// The server, with its request log.
const serve = spawn(args.ruvswarm, ['serve', '--port', '0', '--no-build', '--dist', args.dist, '--repo', args.repo], { stdio: ['ignore', 'pipe', 'pipe'] });
const requests = [];
let serveOutput = '';
const url = await new Promise((resolve, reject) => {
  serve.stdout.on('data', (d) => {
    serveOutput += d;
    const m = /ruvswarm serve: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serveOutput);
    for (const line of String(d).split('\n')) if (/^(GET|HEAD) /.test(line)) requests.push(line);
    if (m) resolve(m[1]);
  });
  serve.stderr.on('data', (d) => { serveOutput += d; });
  serve.on('exit', (code) => reject(new Error(`ruvswarm serve exited (${code}): ${serveOutput}`)));
  setTimeout(() => reject(new Error(`ruvswarm serve printed no URL: ${serveOutput}`)), 30000);
});
console.log(`playground: ${url} (chunks in this bundle: ${Object.keys(manifest.chunks).join(', ')})`);

let failures = 0;
function check(condition, what) {
  if (!condition) { failures += 1; console.log(`  FAIL ${what}`); } else console.log(`  ok   ${what}`);
}

const PRELOAD = `window.__problems = [];
document.addEventListener('securitypolicyviolation', (e) => window.__problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', (e) => window.__problems.push('error ' + e.message));
window.addEventListener('unhandledrejection', (e) => window.__problems.push('rejection ' + (e.reason && e.reason.message || e.reason)));`;

async function scenario(launch, variant) {
  const driver = await launch({ width: 1280, height: 900 });
  const name = driver.name;
  const shot = (step) => driver.screenshot(path.join(args.shots, `${name}-${step}.png`));
  const waitFor = async (expression, what, seconds = 60) => {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const value = await driver.eval(expression);
      if (value) return value;
      if (Date.now() > end) throw new Error(`${name}: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const click = async (selector) => {
    const r = await driver.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({ block: 'center' }); const b = e.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; })()`);
    await driver.click(r.x, r.y);
  };
  const text = (selector) => driver.eval(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
  const chunkRequests = () => requests.slice(mark).filter((l) => l.includes('/dist/chunks/')).map((l) => /chunks\/([a-z]+)\.(simd|scalar)\./.exec(l)).map((m) => `${m[1]}.${m[2]}`);
  const rows = () => driver.eval(`[...document.querySelectorAll('#network-table tbody tr')].map((r) => ({ chunk: r.dataset.chunk, state: r.dataset.state, variant: r.dataset.variant ?? null, text: r.textContent }))`);
  const loaderEvents = () => driver.eval(`[...document.querySelectorAll('#network-log li')].map((l) => l.textContent.replace(/^\\s*\\d+ ms\\s+/, ''))`);

  const mark = requests.length;
  try {
    console.log(`${name}: ${await driver.userAgent()} (variant ${variant})`);
    await driver.addPreload(PRELOAD);
    await driver.open(`${url}?variant=${variant}#overview`);
    // 1. Start: the manifest (and at most the runtime chunk); a row per chunk of the build.
    await waitFor(`document.querySelectorAll('#network-table tbody tr').length === ${Object.keys(manifest.chunks).length}`, 'the network table');
    await new Promise((r) => setTimeout(r, 500));
    const atStart = chunkRequests();
    check(atStart.every((c) => c.startsWith('runtime.')), `${name}: at start only the runtime chunk may be fetched (fetched: ${atStart.join(', ') || 'none'})`);
    check(requests.slice(mark).some((l) => l.startsWith('GET /dist/manifest.json 200')), `${name}: the manifest was fetched`);
    check(await text('#fact-variant') === variant, `${name}: the header shows the ${variant} variant`);
    const headers = await driver.eval(`fetch('/dist/manifest.json').then((r) => ({ csp: r.headers.get('content-security-policy'), isolated: crossOriginIsolated }))`);
    check(headers.csp.startsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'") && headers.isolated === true,
      `${name}: the page runs under the strict CSP and is cross-origin isolated`);
    await shot('1-overview');

    // 2. Neural: its tab loads simdkit + neural (and the runtime, if not yet), in dependency order.
    await click('#tab-neural');
    await waitFor(`document.querySelector('#neural-form')?.dataset.ready === 'true'`, 'the Neural panel');
    const afterNeural = chunkRequests();
    check(['simdkit', 'neural'].every((c) => afterNeural.includes(`${c}.${variant}`)) && !afterNeural.some((c) => c.startsWith('core.')),
      `${name}: opening Neural fetched simdkit and neural, not core (${afterNeural.join(', ')})`);
    const events = await loaderEvents();
    const linked = events.filter((e) => e.startsWith('linked ')).map((e) => e.slice(7));
    check(JSON.stringify(linked) === JSON.stringify(['runtime', 'simdkit', 'neural']), `${name}: linked in dependency order runtime, simdkit, neural (${linked.join(', ')})`);
    const table = await rows();
    check(['runtime', 'simdkit', 'neural'].every((c) => table.find((r) => r.chunk === c)?.state === 'linked' && table.find((r) => r.chunk === c)?.variant === variant),
      `${name}: the network panel shows runtime, simdkit, neural linked (${variant})`);
    check(table.filter((r) => r.state === 'idle').map((r) => r.chunk).includes('core'), `${name}: the network panel shows core not loaded yet`);

    // 3. Train XOR with the defaults (2-3-1, RPROP, 300 epochs, seed 42).
    await click('#neural-train');
    await waitFor(`['trained', 'error'].includes(document.querySelector('#neural-form').dataset.state)`, 'XOR training');
    const mse = Number(await text('#neural-mse'));
    const epochsDone = Number(await text('#neural-epochs-done'));
    check(mse <= 1e-4 && epochsDone < 300 && (await text('#neural-status')).includes('reached MSE ≤ 0.0001'),
      `${name}: XOR reached MSE ${mse} ≤ 0.0001 after ${epochsDone} of 300 epochs (status: ${await text('#neural-status')})`);
    const xor = await driver.eval(`[...document.querySelectorAll('#neural-xor-table tbody tr')].map((r) => [...r.cells].map((c) => Number(c.textContent)))`);
    check(xor.length === 4 && xor.every(([, , y, t]) => Math.sign(y) === Math.sign(t)), `${name}: the XOR table has 4 correct rows (${JSON.stringify(xor)})`);
    check(await driver.eval(`document.querySelector('#neural-chart path.loss')?.getAttribute('d').split('L').length >= 30`), `${name}: the loss chart has a curve`);
    await shot('2-neural-xor');

    // 4. A FANN benchmark problem from the shared data sets (train and test files).
    await driver.eval(`(() => { const s = document.querySelector('#neural-problem'); s.value = 'diabetes'; s.dispatchEvent(new Event('change')); document.querySelector('#neural-hidden').value = '8'; document.querySelector('#neural-epochs').value = '60'; document.querySelector('#neural-target').value = '0'; return true; })()`);
    await click('#neural-train');
    await waitFor(`['trained', 'error'].includes(document.querySelector('#neural-form').dataset.state) && document.querySelector('#neural-epochs-done')?.textContent === '60'`, 'diabetes training');
    const testMSE = Number(await text('#neural-test-mse'));
    check(testMSE > 0 && testMSE < 0.25, `${name}: diabetes 8-8-2 test MSE ${testMSE} < 0.25`);
    check(requests.slice(mark).some((l) => l.startsWith('GET /datasets/fann/diabetes.test 200')), `${name}: diabetes.train/.test came from /datasets/`);
    await shot('3-neural-diabetes');
    // Live: a long run redraws the chart while it trains, and Stop ends it.
    await driver.eval(`(() => { document.querySelector('#neural-epochs').value = '100000'; return true; })()`);
    await click('#neural-train');
    await waitFor(`document.querySelector('#neural-form').dataset.state === 'training' && /^epoch \\d+/.test(document.querySelector('#neural-summary').textContent)`, 'a live chart update');
    const midway = await driver.eval(`document.querySelector('#neural-chart path.loss')?.getAttribute('d').length ?? 0`);
    await click('#neural-stop');
    await waitFor(`document.querySelector('#neural-form').dataset.state === 'stopped'`, 'Stop');
    const stoppedAt = Number(await text('#neural-epochs-done'));
    check(midway > 0 && stoppedAt > 0 && stoppedAt < 100000, `${name}: the loss chart updates while training and Stop ends the run (at epoch ${stoppedAt})`);
    // Your own file: none chosen, a malformed one (the error names its line), then a good one.
    await driver.eval(`(() => { const s = document.querySelector('#neural-problem'); s.value = 'upload'; s.dispatchEvent(new Event('change')); document.querySelector('#neural-epochs').value = '300'; document.querySelector('#neural-target').value = '0.0001'; return true; })()`);
    check(await driver.eval(`!document.querySelector('#neural-upload-field').hidden`), `${name}: choosing "my own file" shows the file field`);
    await click('#neural-train');
    await waitFor(`document.querySelector('#neural-form').dataset.state === 'error'`, 'the upload error');
    check((await text('#neural-status')).includes('choose a FANN .data file first'), `${name}: training without a file says so`);
    await driver.setFile('#neural-file', badData);
    await click('#neural-train');
    await waitFor(`document.querySelector('#neural-form').dataset.state === 'error' && document.querySelector('#neural-status').textContent.includes('bad.data')`, 'the malformed-file error');
    check((await text('#neural-status')).includes('bad.data:4: "abc" is not a number'), `${name}: a malformed file is reported at its line (${await text('#neural-status')})`);
    await driver.setFile('#neural-file', xorData);
    await click('#neural-train');
    await waitFor(`document.querySelector('#neural-form').dataset.state === 'trained' && document.querySelector('#neural-status').textContent.includes('xor.data')`, 'training on the uploaded file');
    check(Number(await text('#neural-mse')) <= 1e-4, `${name}: the uploaded xor.data trains (${await text('#neural-status')})`);

    // 5. Forecasting: its chunk loads after neural; AirPassengers with the last 12 months held out.
    await click('#tab-forecasting');
    await waitFor(`document.querySelector('#forecasting-form')?.dataset.ready === 'true'`, 'the Forecasting panel');
    const afterForecasting = chunkRequests();
    check(afterForecasting.at(-1) === `forecasting.${variant}` && !afterForecasting.some((c) => c.startsWith('core.')),
      `${name}: opening Forecasting fetched the forecasting chunk, not core (${afterForecasting.join(', ')})`);
    const forecast = async (model, what) => {
      await driver.eval(`(() => { document.querySelector('#forecast-model').value = ${JSON.stringify(model)}; return true; })()`);
      await click('#forecast-run');
      await waitFor(`['done', 'error'].includes(document.querySelector('#forecasting-form').dataset.state) && document.querySelector('#forecast-run').disabled === false`, what);
      return driver.eval(`({ state: document.querySelector('#forecasting-form').dataset.state, status: document.querySelector('#forecasting-status').textContent,
        alias: document.querySelector('#forecast-alias')?.textContent, intervals: document.querySelector('#forecast-intervals')?.textContent,
        mase: Number(document.querySelector('#forecast-mase')?.textContent), in95: document.querySelector('#forecast-coverage-95')?.textContent,
        bands: document.querySelectorAll('#forecast-chart path.band, #forecast-chart path.band-inner').length,
        lines: ['history', 'actual', 'forecast'].map((c) => document.querySelectorAll('#forecast-chart path.' + c).length).join(''),
        loss: document.querySelectorAll('#forecast-loss-chart path.loss').length, download: document.querySelector('#forecast-download').href })`);
    };
    check(await driver.eval(`document.querySelector('#forecast-series').value`) === 'AirPassengers', `${name}: the series list comes from /datasets/forecast/manifest.csv`);
    const ets = await forecast('ets', 'the ETS forecast');
    check(ets.state === 'done' && ets.intervals === '80 %, 95 %' && ets.bands === 2 && ets.lines === '111' && ets.mase > 0 && ets.mase < 2 && /^\d+ \/ 12$/.test(ets.in95) && ets.download.startsWith('blob:'),
      `${name}: ETS on AirPassengers: ${ets.alias}, MASE ${ets.mase} on the held-out year, ${ets.in95} inside the 95 % interval, bands and lines drawn, model downloadable (${ets.status})`);
    await shot('5-forecasting-ets');
    const mlp = await forecast('mlp', 'the MLP forecast');
    check(mlp.state === 'done' && mlp.intervals === '80 %, 95 %' && mlp.loss === 1 && mlp.mase < 3, `${name}: the MLP learns quantile intervals and shows its training loss (MASE ${mlp.mase}; ${mlp.status})`);
    await shot('6-forecasting-mlp');
    await driver.eval(`(() => { const s = document.querySelector('#forecast-series'); s.value = 'upload'; s.dispatchEvent(new Event('change')); return true; })()`);
    await driver.setFile('#forecast-file', badCSV);
    const bad = await forecast('theta', 'the malformed CSV');
    check(bad.state === 'error' && bad.status.includes('bad.csv:3: "x" is not a number'), `${name}: a malformed CSV is reported at its line (${bad.status})`);
    await driver.setFile('#forecast-file', lynxCSV);
    await driver.eval(`(() => { document.querySelector('#forecast-freq').value = 'A'; document.querySelector('#forecast-season').value = '1'; document.querySelector('#forecast-h').value = '6'; return true; })()`);
    const lynx = await forecast('theta', 'the uploaded lynx forecast');
    check(lynx.state === 'done' && lynx.status.includes('on lynx'), `${name}: an uploaded CSV (lynx) forecasts (${lynx.status})`);

    // 6. Swarm, reached with the keyboard (ArrowRight on the focused tab list).
    await driver.eval(`(document.querySelector('#tab-forecasting').focus(), true)`);
    await driver.key('ArrowRight');
    check(await driver.eval(`document.querySelector('#tab-swarm').getAttribute('aria-selected') === 'true' && document.activeElement.id === 'tab-swarm'`), `${name}: ArrowRight moves to the Swarm tab`);
    await waitFor(`document.querySelector('#swarm-form')?.dataset.ready === 'true'`, 'the Swarm panel');
    const afterSwarm = chunkRequests();
    check(afterSwarm.at(-1) === `core.${variant}` && afterSwarm.indexOf(`core.${variant}`) > afterSwarm.indexOf(`neural.${variant}`),
      `${name}: core was fetched last, when its panel opened (${afterSwarm.join(', ')})`);
    await click('#swarm-run');
    await waitFor(`['done', 'error'].includes(document.querySelector('#swarm-form').dataset.state)`, 'the swarm run');
    check(await text('#swarm-succeeded') === '16 / 16', `${name}: map-reduce: 16 of 16 tasks succeeded (${await text('#swarm-status')})`);
    check(await text('#swarm-result') === '78', `${name}: the total is 1 + … + 12 = 78`);
    const drawn = await driver.eval(`({ agents: document.querySelectorAll('#swarm-topology-chart circle.agent').length, links: document.querySelectorAll('#swarm-topology-chart line.link').length, tasks: document.querySelectorAll('#swarm-graph-chart circle.task.completed').length, bars: document.querySelectorAll('#swarm-timeline-chart rect.bar').length })`);
    check(drawn.agents === 6 && drawn.links === 6 && drawn.tasks === 16 && drawn.bars === 16, `${name}: ring of 6 agents, 16 completed tasks, 16 bars (${JSON.stringify(drawn)})`);
    await shot('7-swarm-ring');
    await driver.eval(`(() => { document.querySelector('#swarm-topology').value = 'hierarchical'; document.querySelector('#swarm-agents').value = '10'; document.querySelector('#swarm-flaky').checked = true; document.querySelector('#swarm-scenario').value = 'random'; return true; })()`);
    await click('#swarm-run');
    await waitFor(`document.querySelector('#swarm-status').textContent.includes('hierarchical')`, 'the second swarm run');
    const retried = Number(await text('#swarm-retried'));
    const tree = await driver.eval(`document.querySelectorAll('#swarm-topology-chart line.link').length`);
    check(await text('#swarm-succeeded') === '24 / 24' && retried > 0 && tree === 9, `${name}: random graph, flaky agents: 24 / 24 succeeded after ${retried} retries; a tree of 10 agents has 9 links (${tree})`);
    await shot('8-swarm-tree-flaky');

    // 7. Dark colour scheme (Chromium can emulate it).
    if (driver.emulateDark) {
      await driver.emulateDark();
      await shot('9-swarm-dark');
      await driver.emulateLight();
    }

    // 8. Phone width: no horizontal scrolling, every panel still usable.
    await driver.viewport(390, 844);
    await new Promise((r) => setTimeout(r, 300));
    const overflow = await driver.eval(`document.documentElement.scrollWidth`);
    check(overflow <= 390, `${name}: at 390 px wide nothing overflows (scrollWidth ${overflow})`);
    await shot('10-phone-swarm');
    await click('#tab-neural');
    await shot('11-phone-neural');

    const problems = [...await driver.eval('window.__problems'), ...driver.problems];
    check(problems.length === 0, `${name}: no CSP violation, error or unhandled rejection (${problems.join('; ')})`);
  } catch (error) {
    failures += 1;
    console.log(`  FAIL ${name}: ${error.message}`);
    try { await shot('failure'); } catch { /* browser gone */ }
  } finally {
    await driver.close();
  }
}

const started = Date.now();
for (const browser of browsers) {
  if (browser === 'chromium') await scenario(launchChromium, 'simd');
  else if (browser === 'firefox') await scenario(launchFirefox, 'scalar');
}
serve.kill('SIGTERM');
fs.rmSync(uploads, { recursive: true, force: true });
console.log(`playground: ${failures === 0 ? 'all passed' : `${failures} failure(s)`} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${args.shots}`);
process.exit(failures === 0 ? 0 : 1);
