// The built app served as a static host serves an Angular app: its files, else index.html (the
// router's routes live in the browser). `/api/status/<code>` answers with that status (for the
// HttpClient requests that fail). Prints "Listening on <url>" once it is ready.
// The script-tag build (dist-tag, src/index.tag.html) has the SDK's tag in its <head>: served
// with the collector's URL (TRACELY_HOST) in it, and `/tracely.min.js` from the build's copy of
// the package's bundles (dist-tag/sdk, build.mjs).
// Its first load's query picks the head: `?load=loader` the async loader snippet (dist/loader.min.js
// inline, the same bundle as its data-src, with its SRI hash) in place of the tag, `?sdk=off` no SDK.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** The build to serve: DIST (dist, or dist-zoneless), its browser folder. */
const ROOT = join(process.cwd(), process.env.DIST ?? 'dist', 'browser');
/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };
const port = Number(process.env.PORT);
const hostname = process.env.HOST ?? '127.0.0.1';
/** The script-tag build's copy of the package's script-tag bundles. */
const SDK = join(process.cwd(), process.env.DIST ?? 'dist', 'sdk');
/** The SDK's part of the script-tag build's <head>, between its two markers. */
const SDK_HEAD = /<!--tracely-->[\s\S]*<!--\/tracely-->/;
const TAG = '<script src="/tracely.min.js"></script>';

/**
 * index.html as served for `query`: the script-tag build's head as the query picks it (above);
 * any other build's as it is.
 * @param {Buffer} html @param {URLSearchParams} query
 */
async function indexPage(html, query) {
  let page = html.toString('utf8');
  if (!SDK_HEAD.test(page)) return page;
  page = page.replace("'TRACELY_HOST'", JSON.stringify(process.env.TRACELY_HOST ?? ''));
  if (query.get('sdk') == 'off') return page.replace(SDK_HEAD, '');
  if (query.get('load') != 'loader') return page;
  const integrity = `sha384-${createHash('sha384').update(await readFile(join(SDK, 'tracely.min.js'))).digest('base64')}`;
  const loader = (await readFile(join(SDK, 'loader.min.js'), 'utf8')).trim();
  return page.replace(TAG, () => `<script data-src="/tracely.min.js" data-integrity="${integrity}">${loader}</script>`);
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  if (path == '/tracely.min.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(await readFile(join(SDK, 'tracely.min.js')));
    return;
  }
  const status = /^\/api\/status\/(\d{3})$/.exec(path);
  if (status) {
    res.writeHead(Number(status[1]), { 'content-type': 'application/json' });
    // A body as an API's error answer has one: HttpErrorResponse keeps it as its `error`.
    res.end(JSON.stringify({ status: Number(status[1]), detail: `response body of ${status[1]}` }));
    return;
  }
  const file = normalize(join(ROOT, path));
  const body = file.startsWith(ROOT) && extname(file) ? await readFile(file).catch(() => undefined) : undefined;
  if (body) {
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
    return;
  }
  if (extname(path)) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(await indexPage(await readFile(join(ROOT, 'index.html')), url.searchParams));
}).listen(port, hostname, () => console.log(`Listening on http://${hostname}:${port}`));
