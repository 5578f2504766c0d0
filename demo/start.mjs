// `npm run demo`: the whole path in one command. Starts the collector on its embedded SQLite
// file and serves the demo pages from another origin, as a customer's site would be.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCollector } from './collector/server.mjs';
import { buildDemoBundle } from './site/build.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(ROOT, 'demo', 'site');
// The minified demo bundle and its map (built at start, like a customer's build output).
const BUILD = join(ROOT, 'demo', 'data', 'build');
const RELEASE = 'demo-1'; // the release demo/site/index.html reports
/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css' };

const collector = await createCollector({
  configPath: process.env.TRACELY_CONFIG,
  port: Number(process.env.COLLECTOR_PORT ?? 8080),
  host: 'localhost',
  dbPath: process.env.TRACELY_DB, // default: demo/data/tracely.sqlite, created on first start
  testControls: false, // fault injection is for tests only, never in the demo
});

const site = createServer(async (req, res) => {
  const path = decodeURIComponent((req.url || '/').split('?')[0]);
  const file = path.startsWith('/dist/') ? normalize(join(ROOT, path))
    : path.startsWith('/build/') ? normalize(join(BUILD, path.slice('/build/'.length)))
      : normalize(join(SITE, path === '/' ? 'index.html' : path));
  if (!file.startsWith(ROOT)) return void res.writeHead(403).end();
  try {
    /** @type {Buffer | string} */
    let body = await readFile(file);
    // Pages name the collector as __COLLECTOR__: the demo fills in where it runs.
    if (file.endsWith('.html')) body = body.toString('utf8').replaceAll('__COLLECTOR__', collector.url);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
const sitePort = Number(process.env.DEMO_PORT ?? 5173);
await /** @type {Promise<void>} */ (new Promise((ok) => site.listen(sitePort, '127.0.0.1', ok)));
const siteUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (site.address()).port}/`;

// Build the minified bundle and upload its source map with the CLI a build would run.
// A failure here leaves the demo running, with minified frames only.
await buildDemoBundle(BUILD);
const demoApp = collector.config.apps.find((a) => a.appId === 'demo-app');
await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'tracely-sourcemaps.mjs'), '--host', collector.url, '--app-id', 'demo-app',
  '--release', RELEASE, '--url-prefix', `${siteUrl}build/`, BUILD], { env: { ...process.env, TRACELY_APP_SECRET: demoApp?.appSecret ?? '' } })
  .then(({ stdout }) => console.log(`  ${stdout.trim().split('\n').pop()} (release ${RELEASE})`))
  .catch((/** @type {Error} */ err) => console.warn(`source map upload failed; minified frames stay unresolved: ${err.message}`));

console.log(`
  Tracely demo
  demo page:       ${siteUrl}
  collector view:  ${collector.url}/   (stored reports, refreshes itself)
  collector API:   ${collector.url}/api/errors
  app id / secret: demo-app / demo-secret
  Press Ctrl-C to stop.
`);

const stop = async () => {
  site.close();
  await collector.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
