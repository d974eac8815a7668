// Headless Firefox ESR driven over WebDriver BiDi (--remote-debugging-port), with a minimal WebSocket
// client (RFC 6455: the HTTP upgrade, masked text frames out, unmasked frames in, fragmentation, ping)
// built on node:http, since Node 20 has no WebSocket client. Same driver interface as cdp.mjs.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Opens ws://host:port/path; resolves to { send(text), onMessage(fn), close() }. */
function connectWebSocket(port, pathname) {
  return new Promise((resolve, reject) => {
    const key = crypto.randomBytes(16).toString('base64');
    const request = http.request({ host: '127.0.0.1', port, path: pathname, headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' } });
    request.on('error', reject);
    request.on('response', (r) => reject(new Error(`WebSocket upgrade refused: HTTP ${r.statusCode}`)));
    request.on('upgrade', (response, socket, head) => {
      const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      if (response.headers['sec-websocket-accept'] !== accept) { reject(new Error('bad Sec-WebSocket-Accept')); return; }
      let buffer = head;
      let fragments = [];
      const handlers = [];
      socket.on('error', () => {});
      const frame = (opcode, payload) => {
        if (!socket.writable) return;
        const mask = crypto.randomBytes(4);
        const length = payload.length;
        const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length])
          : length < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 255])
            : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
        const masked = Buffer.alloc(length);
        for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i & 3];
        socket.write(Buffer.concat([header, mask, masked]));
      };
      socket.on('data', (data) => {
        buffer = Buffer.concat([buffer, data]);
        for (;;) {
          if (buffer.length < 2) return;
          const fin = (buffer[0] & 0x80) !== 0;
          const opcode = buffer[0] & 0x0f;
          let length = buffer[1] & 0x7f;
          let at = 2;
          if (length === 126) { if (buffer.length < 4) return; length = buffer.readUInt16BE(2); at = 4; }
          else if (length === 127) { if (buffer.length < 10) return; length = Number(buffer.readBigUInt64BE(2)); at = 10; }
          if (buffer[1] & 0x80) at += 4; // servers do not mask; tolerate it anyway (mask ignored below)
          if (buffer.length < at + length) return;
          const payload = buffer.subarray(at, at + length);
          buffer = buffer.subarray(at + length);
          if (opcode === 0x9) { frame(0xA, payload); continue; }
          if (opcode === 0x8) { socket.end(); continue; }
          if (opcode === 0x1 || opcode === 0x0) {
            fragments.push(Buffer.from(payload));
            if (fin) {
              const text = Buffer.concat(fragments).toString('utf8');
              fragments = [];
              for (const h of handlers) h(text);
            }
          }
        }
      });
      resolve({
        send: (text) => frame(0x1, Buffer.from(text, 'utf8')),
        onMessage: (fn) => handlers.push(fn),
        close: () => { try { frame(0x8, Buffer.alloc(0)); socket.end(); } catch { /* closed */ } },
      });
    });
    request.end();
  });
}

const KEYS = { ArrowRight: '\uE014', ArrowLeft: '\uE012', Home: '\uE011', End: '\uE010', Tab: '\uE004', Enter: '\uE007' };

export async function launchFirefox({ width = 1280, height = 900 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-firefox-'));
  fs.writeFileSync(path.join(profile, 'user.js'), [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("browser.aboutwelcome.enabled", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
    'user_pref("app.update.enabled", false);',
    'user_pref("browser.startup.homepage_override.mstone", "ignore");',
  ].join('\n'));
  const port = await freePort();
  const child = spawn('firefox-esr', ['--headless', '--no-remote', '--profile', profile, `--remote-debugging-port=${port}`,
    `--width=${width}`, `--height=${height}`, 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, MOZ_HEADLESS: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let ws = null;
  for (let attempt = 0; attempt < 150 && !ws; attempt++) {
    if (!stderr.includes('WebDriver BiDi listening')) { await new Promise((r) => setTimeout(r, 200)); continue; }
    try { ws = await connectWebSocket(port, '/session'); } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  if (!ws) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    throw new Error(`firefox: no WebDriver BiDi endpoint: ${stderr.slice(-2000)}`);
  }
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  ws.onMessage((text) => {
    const message = JSON.parse(text);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject, method } = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'error') reject(new Error(`${method}: ${message.error}: ${message.message}`));
      else resolve(message.result);
    } else if (message.type === 'event') {
      for (const l of listeners) l(message);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params }));
  });
  const session = await send('session.new', { capabilities: {} });
  const { contexts } = await send('browsingContext.getTree', {});
  const context = contexts[0].context;
  const problems = [];
  await send('session.subscribe', { events: ['log.entryAdded'] });
  listeners.push((m) => {
    if (m.method === 'log.entryAdded' && m.params.level === 'error') problems.push(`${m.params.type}: ${m.params.text}`);
  });
  await send('browsingContext.setViewport', { context, viewport: { width, height } });

  return {
    name: 'firefox',
    problems,
    async userAgent() { return `Firefox ${session.capabilities.browserVersion}`; },
    async addPreload(source) { await send('script.addPreloadScript', { functionDeclaration: `() => { ${source} }` }); },
    async open(url) { await send('browsingContext.navigate', { context, url, wait: 'complete' }); },
    async eval(expression) {
      const r = await send('script.evaluate', { expression: `(async () => JSON.stringify(await (${expression})))()`, target: { context }, awaitPromise: true, resultOwnership: 'none' });
      if (r.type === 'exception') throw new Error(`eval ${expression}: ${r.exceptionDetails.text}`);
      return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
    },
    async click(x, y) {
      await send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
    },
    async key(key) {
      const value = KEYS[key] ?? key;
      await send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
    },
    async setFile(selector, file) {
      const r = await send('script.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})`, target: { context }, awaitPromise: false, resultOwnership: 'root' });
      await send('input.setFiles', { context, element: { sharedId: r.result.sharedId }, files: [file] });
    },
    async viewport(w, h) { await send('browsingContext.setViewport', { context, viewport: { width: w, height: h } }); },
    async screenshot(file) {
      const { data } = await send('browsingContext.captureScreenshot', { context, origin: 'document' });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    async close() {
      try { await Promise.race([send('session.end', {}), new Promise((r) => setTimeout(r, 2000))]); } catch { /* gone */ }
      ws.close();
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
