// The built app served as a static host serves an Angular app: its files, else index.html (the
// router's routes live in the browser). `/api/status/<code>` answers with that status (for the
// HttpClient requests that fail). Prints "Listening on <url>" once it is ready.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** The build to serve: DIST (dist, or dist-zoneless), its browser folder. */
const ROOT = join(process.cwd(), process.env.DIST ?? 'dist', 'browser');
/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };
const port = Number(process.env.PORT);
const hostname = process.env.HOST ?? '127.0.0.1';

createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
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
  res.end(await readFile(join(ROOT, 'index.html')));
}).listen(port, hostname, () => console.log(`Listening on http://${hostname}:${port}`));
