// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: we write
// NUL-terminated JSON commands to its fd 3 and read replies and events from its fd 4), so no WebSocket
// library is needed. Exposes the small driver interface the playground test uses.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchChromium({ width = 1280, height = 900 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
  const child = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--no-default-browser-check', '--disable-extensions', '--disable-background-networking',
    '--remote-debugging-pipe', `--user-data-dir=${profile}`, `--window-size=${width},${height}`, 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffered = '';
  fromBrowser.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject, method } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of listeners) listener(message);
      }
    }
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  exited.then(() => { for (const { reject } of pending.values()) reject(new Error(`chromium exited: ${stderr.slice(-2000)}`)); });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  });

  const { targetInfos } = await send('Target.getTargets');
  const page = targetInfos.find((t) => t.type === 'page');
  const { sessionId } = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  const session = (method, params) => send(method, params, sessionId);
  const problems = [];
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === 'Runtime.exceptionThrown') problems.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error') problems.push(`console.error: ${m.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error' && !/favicon/.test(m.params.entry.url ?? '')) problems.push(`log: ${m.params.entry.text}`);
  });
  await session('Page.enable');
  await session('Runtime.enable');
  await session('Log.enable');
  await session('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });

  const driver = {
    name: 'chromium',
    problems,
    async userAgent() { return (await send('Browser.getVersion')).product; },
    async addPreload(source) { await session('Page.addScriptToEvaluateOnNewDocument', { source }); },
    async open(url) {
      const loaded = new Promise((resolve) => listeners.push((m) => { if (m.sessionId === sessionId && m.method === 'Page.loadEventFired') resolve(); }));
      await session('Page.navigate', { url });
      await loaded;
    },
    /** Evaluates an expression (may be a promise) in the page; returns its JSON value. */
    async eval(expression) {
      const r = await session('Runtime.evaluate', { expression: `(async () => JSON.stringify(await (${expression})))()`, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`eval ${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
    },
    async click(x, y) {
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
        await session('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: type === 'mouseMoved' ? 0 : 1 });
      }
    },
    async key(key) {
      const codes = { ArrowRight: 39, ArrowLeft: 37, Home: 36, End: 35, Tab: 9, Enter: 13 };
      for (const type of ['rawKeyDown', 'keyUp']) {
        await session('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: codes[key] });
      }
    },
    async emulateDark() { await session('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] }); },
    async emulateLight() { await session('Emulation.setEmulatedMedia', { features: [] }); },
    async setFile(selector, file) {
      const { root } = await session('DOM.getDocument', { depth: 0 });
      const { nodeId } = await session('DOM.querySelector', { nodeId: root.nodeId, selector });
      await session('DOM.setFileInputFiles', { nodeId, files: [file] });
    },
    async viewport(w, h) {
      await session('Emulation.setDeviceMetricsOverride', { width: w, height: h, deviceScaleFactor: 1, mobile: w < 600 });
    },
    async screenshot(file) {
      const { cssContentSize } = await session('Page.getLayoutMetrics');
      const clip = { x: 0, y: 0, width: Math.ceil(cssContentSize.width), height: Math.min(Math.ceil(cssContentSize.height), 6000), scale: 1 };
      const { data } = await session('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    async close() {
      try { await Promise.race([send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]); } catch { /* gone */ }
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return driver;
}
