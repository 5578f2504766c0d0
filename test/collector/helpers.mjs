// Shared helpers for the collector tests: start a real collector, sign requests.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCollector } from '../../demo/collector/server.mjs';
import { sign } from '../../demo/collector/auth.mjs';

export const APP = 'test-app';
export const SECRET = 'test-secret';
export const newId = () => randomBytes(16).toString('hex');
export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** @typedef {Awaited<ReturnType<typeof createCollector>>} Collector */
/** @typedef {import('../../demo/collector/store.mjs').Group} Group */
/** @typedef {import('../../demo/collector/store.mjs').StoredItem} StoredItem */
/** Anything serving the collector's routes: a Collector, or one spawned with spawnServer. @typedef {{ url: string }} Server */
/** @typedef {{ appId: string, ts: string, nonce: string, sig: string }} Credentials */
/** How post() signs a request: X-* headers, query parameters, or not at all. @typedef {'header' | 'query' | 'none'} AuthStyle */
/**
 * The read API's answers by route (see demo/collector/read-api.mjs); a cursor is a string.
 * @typedef {{
 *   '/api/errors': { groups: Group[], next: string | null },
 *   '/api/occurrences': { items: StoredItem[], next: string | null },
 *   '/api/events': { items: StoredItem[], next: string | null },
 *   '/api/requests': { items: import('../../demo/collector/request-log.mjs').RequestEntry[], next: string | null },
 *   '/api/drops': { drops: Record<string, number> },
 *   '/api/stats': { groups: number, occurrences: number, events: number, drops: Record<string, number>, requests: Record<string, number> },
 * }} ReadAnswers
 */
/**
 * What GET `P` answers: its route's shape (the query string aside); an error answer is `{ error }`.
 * @template {string} P
 * @typedef {P extends `${infer R extends keyof ReadAnswers}?${string}` ? ReadAnswers[R] : P extends keyof ReadAnswers ? ReadAnswers[P] : { error: string }} AnswerOf
 */
/**
 * One item of a paged list at `P`.
 * @template {string} P
 * @typedef {AnswerOf<P> extends { items: (infer I)[] } ? I : AnswerOf<P> extends { groups: (infer G)[] } ? G : never} ItemOf
 */

/**
 * Starts a quiet collector on a random port with an in-memory database and a rate limit
 * high enough not to interfere, unless told otherwise.
 * @param {NonNullable<Parameters<typeof createCollector>[0]>} [options]
 */
export function start(options = {}) {
  const config = { rateLimit: { requestsPerMinute: 100_000 }, ...options.config };
  return createCollector({ port: 0, dbPath: ':memory:', quiet: true, ...options, config });
}

/**
 * The four auth values, freshly signed.
 * @param {{ appId?: string, secret?: string, ts?: string, nonce?: string }} [fields]
 * @returns {Credentials}
 */
export function credentials({ appId = APP, secret = SECRET, ts = nowSeconds(), nonce = newId() } = {}) {
  return { appId, ts, nonce, sig: sign(secret, appId, ts, nonce) };
}

/** @param {Credentials} [creds] @returns {Record<string, string>} */
export function authHeaders(creds = credentials()) {
  return { 'X-App-Id': creds.appId, 'X-Timestamp': creds.ts, 'X-Nonce': creds.nonce, 'X-Signature': creds.sig };
}

/** @param {Credentials} [creds] */
export function authQuery(creds = credentials()) {
  return new URLSearchParams({ appId: creds.appId, ts: creds.ts, nonce: creds.nonce, sig: creds.sig }).toString();
}

/**
 * POSTs `body` (JSON-encoded unless a string) with header auth (default), query auth, or none.
 * @param {Server} collector @param {string} path @param {unknown} body
 * @param {{ auth?: AuthStyle, creds?: Credentials, headers?: Record<string, string>, contentType?: string }} [options]
 * @returns {Promise<{ status: number, headers: Headers, json: any }>} json: the answer parsed (any JSON), or its text if it is not JSON
 */
export async function post(collector, path, body, { auth = 'header', creds = credentials(), headers = {}, contentType = 'application/json' } = {}) {
  const url = `${collector.url}${path}${auth === 'query' ? `${path.includes('?') ? '&' : '?'}${authQuery(creds)}` : ''}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...(auth === 'header' ? authHeaders(creds) : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, headers: res.headers, json };
}

/**
 * @template {string} P
 * @param {Server} collector @param {P} path @returns {Promise<AnswerOf<P>>} the answer's JSON
 */
export async function get(collector, path) {
  const res = await fetch(`${collector.url}${path}`);
  return res.json();
}

/** @param {Record<string, unknown>} [over] */
export const errorItem = (over = {}) => ({ type: 'TypeError', message: 'x is undefined', stack: 'TypeError: x is undefined\n    at a.js:1:2', url: 'https://site.test/page', appId: APP, ...over });
/** @param {Record<string, unknown>} [over] */
export const eventItem = (over = {}) => ({ eventName: 'click_button', metadata: { button: 'buy' }, appId: APP, userId: 'visitor-1', ...over });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `node <args>` from the repository root and waits for the URL it prints (the first
 * capture group of `urlPattern`). stop() sends SIGTERM and waits for the exit.
 * @param {string[]} args @param {Record<string, string>} env @param {RegExp} urlPattern
 * @returns {Promise<{ url: string, pid: number | undefined, output: () => string, stop: () => Promise<number | null> }>}
 */
export function spawnServer(args, env, urlPattern) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TRACELY_TEST_CONTROLS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {Promise<number | null>} the exit code */
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`no URL printed: ${out}`)); }, 10_000);
    const read = (/** @type {Buffer} */ chunk) => {
      out += chunk;
      const m = urlPattern.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[1], pid: child.pid, output: () => out, stop: () => { child.kill('SIGTERM'); return exited; } });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    exited.then((code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}`)); });
  });
}

// node:http with keep-alive: several times faster than fetch on large answers.
const agent = new http.Agent({ keepAlive: true });
/** @param {string} url @returns {Promise<Buffer>} */
const getText = (url) => new Promise((resolve, reject) => {
  http.get(url, { agent }, (res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    res.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  }).on('error', reject);
});

/**
 * Reads every page of a paged list (`{ <key>: [...], next }`), following `next`.
 * @template {string} P
 * @param {Server} collector @param {P} path @param {'items' | 'groups'} [key] the list's key: groups for /api/errors
 * @returns {Promise<{ list: ItemOf<P>[], pages: number, largest: number }>} largest: biggest answer in bytes
 */
export async function getAll(collector, path, key = 'items') {
  const list = [];
  let pages = 0;
  let largest = 0;
  let next = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const body = await getText(`${collector.url}${path}${next === null ? '' : `${sep}after=${next}`}`);
    largest = Math.max(largest, body.length);
    const text = body.toString('utf8');
    const page = JSON.parse(text);
    list.push(...page[key]);
    next = page.next;
    pages++;
  } while (next !== null);
  return { list, pages, largest };
}
