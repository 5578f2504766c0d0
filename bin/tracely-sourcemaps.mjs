#!/usr/bin/env node
// Uploads a build's source maps to a Tracely collector, one signed request per map, keyed by
// release + the URL the minified file is served from (the URL stack traces name).
//
//   tracely-sourcemaps --host https://collector.example --app-id my-app --release 1.4.2 \
//     --url-prefix https://www.example.com/assets/ dist/assets
//
// The secret comes from TRACELY_UPLOAD_SECRET (the app's uploadSecret on the collector, when
// it has one), else TRACELY_APP_SECRET, or --secret. Every `*.js.map` (and
// `*.mjs.map`, `*.cjs.map`) under the given folders is sent for the file beside it, whose
// URL is --url-prefix + its path under the folder. Node 20+, nothing to install.
import { createHmac, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: tracely-sourcemaps --host <collector URL> --app-id <id> --release <release> --url-prefix <URL of the folder> <folder>...
  the secret: TRACELY_UPLOAD_SECRET=<the app's upload secret> or TRACELY_APP_SECRET=<its app secret> (or --secret <secret>)`;
/** Attempts per map when the collector says to wait (429 or 503 with Retry-After). */
const MAX_ATTEMPTS = 5;
/** Longest wait honoured between attempts, in seconds. */
const MAX_RETRY_AFTER_SECONDS = 60;
const MAP_FILE = /\.(?:m|c)?js\.map$/;

/** HMAC-SHA256(secret, appId + ts + nonce), lowercase hex: the Tracely request signature. @param {string} secret @param {string} appId @param {string} ts @param {string} nonce */
const sign = (secret, appId, ts, nonce) => createHmac('sha256', secret).update(`${appId}${ts}${nonce}`, 'utf8').digest('hex');

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* mapsUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* mapsUnder(path);
    else if (MAP_FILE.test(entry.name)) yield path;
  }
}

/**
 * @param {{ host: string, appId: string, secret: string, release: string, file: string, map: Buffer }} upload
 * @returns {Promise<{ status: number, text: string }>}
 */
async function send({ host, appId, secret, release, file, map }) {
  for (let attempt = 1; ; attempt++) {
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const query = new URLSearchParams({ release, file, appId, ts, nonce, sig: sign(secret, appId, ts, nonce) });
    const res = await fetch(`${host.replace(/\/+$/, '')}/report/sourcemap?${query}`, { method: 'POST', body: map, headers: { 'Content-Type': 'application/json' } });
    const text = await res.text();
    const wait = Number(res.headers.get('retry-after'));
    if ((res.status === 429 || res.status === 503) && attempt < MAX_ATTEMPTS && wait > 0) {
      await new Promise((r) => setTimeout(r, Math.min(wait, MAX_RETRY_AFTER_SECONDS) * 1000));
      continue;
    }
    return { status: res.status, text };
  }
}

/**
 * What the collector says it does with the reports it stored before this map: re-resolves them
 * in the background (`reresolving`), or why not (`notReresolved`).
 * @param {string} text the 201 answer
 */
function reresolvingNote(text) {
  try {
    const answer = JSON.parse(text);
    if (typeof answer.notReresolved === 'string') return ` (stored reports not re-resolved: ${answer.notReresolved.slice(0, 200)})`;
    return Number.isSafeInteger(answer.reresolving) && answer.reresolving > 0 ? ` (re-resolving ${answer.reresolving} stored report(s) of the release)` : '';
  } catch {
    return '';
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { host: { type: 'string' }, 'app-id': { type: 'string' }, secret: { type: 'string' },
      release: { type: 'string' }, 'url-prefix': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${/** @type {Error} */ (err).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  const secret = values.secret ?? (process.env.TRACELY_UPLOAD_SECRET || process.env.TRACELY_APP_SECRET);
  const { host, release } = values;
  const appId = values['app-id'];
  const prefix = values['url-prefix'];
  if (!host || !appId || !secret || !release || !prefix || positionals.length === 0) { console.error(USAGE); return 2; }
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;

  let sent = 0;
  let refused = 0;
  for (const dir of positionals) {
    for await (const path of mapsUnder(dir)) {
      const file = new URL(relative(dir, path).split(sep).join('/').replace(/\.map$/, ''), base).href;
      const { status, text } = await send({ host, appId, secret, release, file, map: await readFile(path) });
      if (status === 201) { sent++; console.log(`uploaded ${path} → ${release} ${file}${reresolvingNote(text)}`); continue; }
      refused++;
      console.error(`refused ${path} (${status}): ${text.slice(0, 500)}`);
    }
  }
  console.log(`${sent} source map(s) uploaded, ${refused} refused`);
  return refused > 0 || sent === 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  // fetch's own message ("fetch failed") says nothing: the cause names the address and the error.
  console.error(`tracely-sourcemaps: ${err?.message ?? err}${err?.cause?.message ? ` (${err.cause.message})` : ''}`);
  process.exitCode = 1;
});
