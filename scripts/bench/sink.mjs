// The loopback sink: 127.0.0.1 on a random port. It answers every request (200 with `{}`, 204
// to preflights) with permissive CORS: the page's origin echoed, credentials allowed, any
// method and header, preflights cached 10 min (same for every SDK). Every SDK is given a base
// URL {sink}/l/{token} unique to the page load, so each request is counted for its load.
import { createServer } from 'node:http';

export async function startSink() {
  const byToken = new Map();
  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    res.setHeader('Access-Control-Allow-Origin', origin && origin !== 'null' ? origin : '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || '*');
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
    res.setHeader('Access-Control-Max-Age', '600');
    res.setHeader('Access-Control-Expose-Headers', '*');
    res.setHeader('Vary', 'Origin');
    let bytes = 0;
    req.on('data', (c) => (bytes += c.length));
    req.on('end', () => {
      const m = /^\/l\/([\w-]+)(\/[^?]*)?/.exec(req.url || '');
      if (m && req.method !== 'OPTIONS') {
        if (!byToken.has(m[1])) byToken.set(m[1], []);
        byToken.get(m[1]).push({ t: performance.now(), method: req.method, path: m[2] || '/', bytes });
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: (token) => `http://127.0.0.1:${port}/l/${token}`,
    /** Requests (not preflights) of one load received in [from, to) (performance.now() of this process). */
    count: (token, from = 0, to = Infinity) => (byToken.get(token) || []).filter((r) => r.t >= from && r.t < to).length,
    requests: (token) => byToken.get(token) || [],
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
