// A tiny origin for test pages: serves dist/ and pages registered by each test. It runs on
// 127.0.0.1 while the collector runs on localhost: two origins, so every report is a real
// cross-origin request with CORS and preflights, as on a customer's site.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { builtAppFile } from '../../apps/shared.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json', '.html': 'text/html', '.css': 'text/css' };

export interface Site {
  origin: string;
  /** Serves `html` at `path` (with extra response `headers`, such as a Content-Security-Policy); returns its URL. */
  page(path: string, html: string, headers?: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const pages = new Map<string, { html: string; headers?: Record<string, string> }>();
  const server: Server = createServer(async (req, res) => {
    const path = (req.url || '/').split('?')[0];
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
      return void res.end(page.html);
    }
    // The Vite app fixtures (test/apps, built into .tmp/apps): a path without a file extension
    // is one of the app's routes, answered with its index.html as an SPA host does.
    if (path.startsWith('/apps/')) {
      const file = builtAppFile(path);
      if (file) {
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
          return void res.end(body);
        } catch {
          // fall through to 404
        }
      }
    }
    if (path.startsWith('/dist/') || path.startsWith('/node_modules/')) {
      // TRACELY_OUT: a build folder other than dist/ (parallel work); pages still say /dist/.
      const file = normalize(join(ROOT, path.startsWith('/dist/') ? path.replace('/dist', '/' + (process.env.TRACELY_OUT || 'dist')) : path));
      if (file.startsWith(ROOT)) {
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
          return void res.end(body);
        } catch {
          // fall through to 404
        }
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html, headers) {
      pages.set(path, { html, headers });
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
