// A tiny static server on 127.0.0.1 for the loader's tests: serves folders under URL prefixes with
// the right content types (application/wasm, so compileStreaming is used), a strict CSP on HTML, and
// accepts one POST /report from the test page (headless browsers cannot hand results back otherwise).
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.ts': 'text/plain',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/**
 * @param {{ mounts: Record<string, string>, onReport?: (body: any) => void, log?: string[] }} options
 * mounts: URL prefix ('/dist/') -> folder, or exact path ('/expected.json') -> file.
 */
export function startServer({ mounts, onReport = () => {}, log = [] }) {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    log.push(`${request.method} ${url.pathname}`);
    if (request.method === 'POST' && url.pathname === '/report') {
      let body = '';
      for await (const part of request) body += part;
      response.writeHead(204).end();
      onReport(JSON.parse(body));
      return;
    }
    let file = null;
    for (const [prefix, target] of Object.entries(mounts)) {
      if (prefix.endsWith('/') && url.pathname.startsWith(prefix)) {
        const relative = decodeURIComponent(url.pathname.slice(prefix.length));
        const resolved = path.resolve(target, relative);
        if (resolved.startsWith(path.resolve(target))) file = resolved;
        break;
      }
      if (url.pathname === prefix) { file = target; break; }
    }
    try {
      if (!file) throw new Error('no mount');
      const data = await fs.readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
      response.writeHead(200, headers).end(data);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, log }));
  });
}
