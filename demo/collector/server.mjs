// The collector: a Tracely-compatible ingest server (stock dialect) plus the batch dialect,
// a read API and an HTML view. createCollector is what the demo and the e2e tests start.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from './config.mjs';
import { authScheme, createAuthenticator } from './auth.mjs';
import { createRateLimiter } from './rate-limit.mjs';
import { openStore } from './store.mjs';
import { createStockHandlers } from './stock.mjs';
import { createBatchHandler } from './batch.mjs';
import { SOURCE_MAP_PATH, uploadSourceMap } from './sourcemap-upload.mjs';
import { MAX_SOURCE_MAP_BYTES, MAX_UPLOADS_IN_FLIGHT } from './sourcemaps.mjs';
import { createReresolver } from './reresolve.mjs';
import { createFaults, createControl } from './faults.mjs';
import { createRequestLog } from './request-log.mjs';
import { createReadApi } from './read-api.mjs';
import { VIEW_PATHS, createView } from './view.mjs';
import { createReadAccess, setReadCors } from './read-access.mjs';
import { createReadBudget } from './read-budget.mjs';
import { guardConnections } from './connections.mjs';
import { isLoopbackHost } from './loopback.mjs';
import { answerClientError } from './client-error.mjs';
import { EXPOSE_HEADERS, HttpError, readJson, sendJson, setCors } from './http.mjs';

/** How long a report or upload waits for the indexes built after the first start on an upgraded database, in milliseconds. */
export const MAX_INDEX_WAIT_MS = 5_000;
/** Retry-After, in seconds, of a write answered 503 because the build is not over. */
export const INDEX_RETRY_AFTER_S = 5;

/**
 * @param {{ configPath?: string, config?: object, port?: number, host?: string, dbPath?: string,
 *   quiet?: boolean, testControls?: boolean, clock?: () => number,
 *   connections?: Parameters<typeof guardConnections>[1],
 *   reresolve?: { maxReports?: number, rowsPerBatch?: number, maxPending?: number }, indexWaitMs?: number }} [options]
 *   testControls: serve /_control/* (fault injection); tests only, loopback hosts only.
 *   clock: ms epoch for request authentication, so tests can move time.
 *   reresolve: smaller bounds for the re-resolution after a source-map upload (tests).
 *   indexWaitMs: how long a write waits for an index being built at start, MAX_INDEX_WAIT_MS unless a test wants less.
 */
export async function createCollector(options = {}) {
  const config = loadConfig({ path: options.configPath, overrides: options.config });
  const host = options.host ?? config.server.host;
  if (options.testControls && !isLoopbackHost(host)) {
    throw new Error(`Test controls (fault injection) need a loopback host, not ${host}`);
  }
  /** @type {(...args: unknown[]) => void} */
  const log = options.quiet ? () => {} : (...args) => console.log('[collector]', ...args);
  const dbPath = options.dbPath ?? config.database.path;
  const store = openStore(dbPath === ':memory:' ? dbPath : resolve(dbPath), log);
  const indexWaitMs = options.indexWaitMs ?? MAX_INDEX_WAIT_MS;

  const reresolver = createReresolver(store, { log, ...options.reresolve });
  const whitelist = new Set(config.events.whitelist);
  const authenticate = createAuthenticator(config, options.clock);
  // Source maps are signed with the app's uploadSecret where it has one: its appSecret is in
  // every page that loads the SDK, so anyone could otherwise replace a release's maps.
  const uploadApps = config.apps.map((a) => ({ appId: a.appId, appSecret: a.uploadSecret ?? a.appSecret }));
  const authenticateUpload = createAuthenticator({ ...config, apps: uploadApps }, options.clock);
  let uploadsInFlight = 0; // source-map bodies being read, each up to MAX_SOURCE_MAP_BYTES in memory
  const limiter = createRateLimiter(config.rateLimit.requestsPerMinute);
  const requests = createRequestLog();
  const faults = options.testControls === true ? createFaults() : null;
  const control = faults && createControl(faults, limiter);
  const stock = createStockHandlers(store, whitelist);
  const readApi = createReadApi(store, requests);
  const renderView = createView(store, { traceUrl: config.view.traceUrl });
  const mayRead = createReadAccess(config.read);
  const readBudget = createReadBudget();
  /** @type {string[]} the view's own origins, filled in once the port is known */
  const ownOrigins = [];
  /** @type {Record<string, import('./batch.mjs').Handler>} */
  const reportHandlers = { '/report/error': stock.error, '/report/event': stock.event, '/report/batch': createBatchHandler(store, whitelist) };

  /**
   * Every /report/* request: logged, then faults, rate limit, auth, body, handler (gin's order).
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url
   */
  async function report(req, res, url) {
    const path = url.pathname;
    const isBatch = path === '/report/batch';
    const isMap = path === SOURCE_MAP_PATH;
    const ip = req.socket.remoteAddress ?? '';
    const scheme = authScheme(req, url);
    setCors(res);
    // Stock endpoints expose nothing; the batch dialect (or anyone using its query auth)
    // needs Retry-After and Date readable across origins.
    if (isBatch || scheme === 'query') res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);

    /** @type {Omit<import('./request-log.mjs').RequestEntry, 'seq'>} */
    const entry = { time: Date.now(), method: req.method ?? '', path, status: null, ip,
      bytes: Number(req.headers['content-length']) || 0, contentType: req.headers['content-type'] ?? null, auth: scheme };
    let logged = false;
    const record = () => {
      if (logged) return;
      logged = true;
      entry.status = res.writableFinished ? res.statusCode : null; // null: connection cut
      requests.add(entry);
      log(entry.method, path, entry.status ?? 'cut', scheme ?? '-', `${entry.bytes}B`);
    };
    res.on('finish', record).on('close', record);

    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const handler = Object.hasOwn(reportHandlers, path) ? reportHandlers[path] : null;
    if (!handler && !isMap) return sendJson(res, 404, { error: `no such endpoint: ${path}` });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST, OPTIONS' });

    const fault = faults?.decide();
    if (fault === 'drop') return void req.socket.destroy();
    if (fault) return sendJson(res, fault.status, { error: 'injected fault' }, fault.headers);

    // Counted on arrival, before auth and validation, like a gin middleware in front of the
    // handlers. CORS preflights (answered above) are not counted.
    const slot = limiter.hit(ip);
    if (!slot.ok) {
      // Stock behaviour is a bare 429; the batch dialect says when a slot frees.
      /** @type {Record<string, string>} */
      const headers = isBatch || isMap ? { 'Retry-After': String(Math.max(1, Math.ceil(slot.retryAfterMs / 1000))) } : {};
      return sendJson(res, 429, { error: 'rate limit exceeded' }, headers);
    }
    const auth = (isMap ? authenticateUpload : authenticate)(req, url, scheme);
    if (!auth.ok) return sendJson(res, auth.status ?? 401, { error: auth.reason }, auth.status === 503 ? { 'Retry-After': '1' } : {});
    // The first start on an upgraded database builds an index in the background (indexes.mjs):
    // writes wait for it, their bodies unread; reads do not.
    if (store.indexing.building && !(await store.indexing.wait(indexWaitMs))) {
      return sendJson(res, 503, { error: 'the collector is indexing its stored reports; retry shortly' }, { 'Retry-After': String(INDEX_RETRY_AFTER_S), Connection: 'close' });
    }
    if (isMap || !handler) {
      // Only the upload path gets here without a handler. Its bodies are large: few at a time.
      if (uploadsInFlight >= MAX_UPLOADS_IN_FLIGHT) return sendJson(res, 503, { error: 'too many source-map uploads in progress; retry shortly' }, { 'Retry-After': '1', Connection: 'close' });
      uploadsInFlight++;
      try {
        const { body, bytes } = await readJson(req, MAX_SOURCE_MAP_BYTES);
        entry.bytes = bytes;
        return uploadSourceMap(res, store, reresolver, auth.appId, url, body, bytes);
      } finally { uploadsInFlight--; }
    }
    const { body, bytes } = await readJson(req, isBatch ? config.limits.maxBatchBytes : config.limits.maxBodyBytes);
    entry.bytes = bytes;
    /** @type {import('./store.mjs').Meta} */
    const meta = { receivedAt: Date.now(), userAgent: req.headers['user-agent'] ?? '', dialect: isBatch ? 'batch' : 'stock', ip };
    handler(res, body, auth.appId, meta);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function route(req, res) {
    let url;
    try { url = new URL(`http://collector${req.url}`); } catch { return sendJson(res, 400, { error: 'bad request target' }); }
    const path = url.pathname;
    if (path === '/report' || path.startsWith('/report/')) return report(req, res, url);
    // No CORS headers: a page's preflight fails, so no page can drive the controls.
    if (control && path.startsWith('/_control/')) return control(req, res, path);
    return read(req, res, url);
  }

  /**
   * The view and the read API: token or loopback, own-origin CORS, bounded bytes in flight.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url
   */
  function read(req, res, url) {
    const path = url.pathname;
    setReadCors(res, req, ownOrigins);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (!VIEW_PATHS.includes(path) && !path.startsWith('/api/')) return sendJson(res, 404, { error: `not found: ${path}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, OPTIONS' });
    if (!mayRead(req, url)) return sendJson(res, 401, { error: 'read token required' }, { 'WWW-Authenticate': 'Bearer' });
    if (!readBudget.available()) return sendJson(res, 503, { error: 'too many reads in progress; retry shortly' }, { 'Retry-After': '1' });
    if (path.startsWith('/api/')) return readBudget.hold(res, readApi(res, url));
    const nonce = randomBytes(16).toString('base64');
    const html = renderView(url, nonce);
    if (html === null) return sendJson(res, 404, { error: 'no such error group' });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store',
      // Defence in depth behind the escaping: only the page's own script runs, nothing loads.
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
      // The view's URL may carry ?token=: never leak it to another site.
      'Referrer-Policy': 'no-referrer',
    }).end(html);
    readBudget.hold(res, Buffer.byteLength(html));
  }

  const shortTarget = (/** @type {import('node:http').IncomingMessage} */ req) => String(req.url).slice(0, 200);
  const server = http.createServer((req, res) => {
    // Every answer, whatever produced it: a JSON error must never be sniffed into HTML.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Nothing a client sends may take the server down: every failure becomes an answer.
    route(req, res).catch((err) => {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.headers);
      if (req.destroyed && res.destroyed) return; // the client went away mid-body
      // One line, not a stack per request: a client able to trigger this could flood the log.
      console.error(`[collector] internal error on ${req.method} ${shortTarget(req)}: ${err?.name}: ${err?.message}`);
      sendJson(res, 500, { error: 'internal server error' });
    });
  });
  // Malformed requests (bad request line, headers too large, timeouts) get a short JSON answer.
  server.on('clientError', answerClientError);
  const connections = guardConnections(server, options.connections);

  try {
    await /** @type {Promise<void>} */ (new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? config.server.port, host, () => { server.off('error', fail); ok(); });
    }));
  } catch (err) {
    reresolver.stop();
    store.close();
    throw err;
  }
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  ownOrigins.push(`http://${urlHost}:${port}`);
  if (isLoopbackHost(host)) ownOrigins.push(...['localhost', '127.0.0.1', '[::1]'].map((h) => `http://${h}:${port}`));

  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    server,
    store,
    config,
    /** Whether /_control/* (fault injection) is served. */
    testControls: control !== null,
    /** Bytes of read answers written but not yet flushed to the network. */
    get readBytesInFlight() { return readBudget.inFlight; },
    /** Open and idle sockets, and how many were refused or evicted at the caps. */
    connections,
    /** The re-resolution of stored reports after source-map uploads: idle() settles when none is queued or running; stats. */
    reresolution: { idle: () => reresolver.idle(), get stats() { return reresolver.stats; } },
    /** Stops listening, cuts open connections, closes the database. Safe to call twice. */
    close() {
      closing ??= /** @type {Promise<void>} */ (new Promise((done) => {
        reresolver.stop(); // before the database closes
        // A background index build ends first (indexes.mjs): a worker never outlives the store.
        server.close(() => { store.close(); store.indexing.ready.then(done); });
        server.closeAllConnections();
      }));
      return closing;
    },
  };
}
