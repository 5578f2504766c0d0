// The page server: 127.0.0.1 on its own random port, so the sink (another port) is another
// origin and every SDK goes through CORS as it would in production. Each load gets a page of
// its own (/p/{token}), never cached. /blank is an empty page of the same origin: the runner
// opens it first and enables CDP there, so the bench page is a same-origin navigation in the
// same renderer and the CDP counters cover the whole load.
//
// How the SDK runs: its code sits inline in the page as an inert <script type="text/plain">
// (so the whole page, SDK included, has arrived before anything is timed), and a tiny inline
// script in <head> copies it into a new <script> element followed by `BenchSDK.init(sink)`,
// then appends it. An inline script appended to the document runs synchronously, so
//   t0 = performance.now(); head.appendChild(script); t1 = performance.now()
// spans exactly the SDK's parse + compile + evaluation and its init() call, in one task, with
// no network wait inside. That is how a script-tag SDK in <head> starts, minus the download.
import { createServer } from 'node:http';
import { errorsScript } from './errors.mjs';

function pageHtml(code, sinkUrl) {
  const boot = `(function () {
  var s = document.createElement('script');
  s.textContent = document.getElementById('bench-sdk').textContent +
    '\\n;window.__benchT1a = performance.now(); BenchSDK.init(' + ${JSON.stringify(JSON.stringify(sinkUrl))} + '); window.__benchInitDone = true;';
  var t0 = performance.now();
  document.head.appendChild(s);
  var t1 = performance.now();
  window.__benchStart = { total: t1 - t0, evaluate: window.__benchT1a - t0, init: t1 - window.__benchT1a, ok: !!window.__benchInitDone };
})();`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title>
<script type="text/plain" id="bench-sdk">${code}</script>
<script>${boot}</script>
</head><body>
<h1>Benchmark page</h1><p>An ordinary page with a heading, a paragraph and a button.</p><button id="b">Buy</button>
<script>${errorsScript()}</script>
</body></html>`;
}

export async function startPageServer() {
  const pages = new Map();
  const server = createServer((req, res) => {
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    if (req.url === '/blank') return res.writeHead(200, headers).end('<!doctype html><title>blank</title>');
    const m = /^\/p\/([\w-]+)$/.exec(req.url || '');
    const html = m && pages.get(m[1]);
    if (!html) return res.writeHead(404).end();
    res.writeHead(200, headers).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    /** Registers one load's page and returns its URL. */
    add(token, code, sinkUrl) {
      pages.set(token, pageHtml(code, sinkUrl));
      return `${origin}/p/${token}`;
    },
    drop: (token) => pages.delete(token),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
