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

/**
 * Starts a quiet collector on a random port with an in-memory database and a rate limit
 * high enough not to interfere, unless told otherwise.
 */
export function start(options = {}) {
  const config = { rateLimit: { requestsPerMinute: 100_000 }, ...options.config };
  return createCollector({ port: 0, dbPath: ':memory:', quiet: true, ...options, config });
}

/** The four auth values, freshly signed. */
export function credentials({ appId = APP, secret = SECRET, ts = nowSeconds(), nonce = newId() } = {}) {
  return { appId, ts, nonce, sig: sign(secret, appId, ts, nonce) };
}

export function authHeaders(creds = credentials()) {
  return { 'X-App-Id': creds.appId, 'X-Timestamp': creds.ts, 'X-Nonce': creds.nonce, 'X-Signature': creds.sig };
}

export function authQuery(creds = credentials()) {
  return new URLSearchParams({ appId: creds.appId, ts: creds.ts, nonce: creds.nonce, sig: creds.sig }).toString();
}

/**
 * POSTs `body` (JSON-encoded unless a string) with header auth (default), query auth, or none.
 * @returns {Promise<{ status: number, headers: Headers, json: any }>}
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

export async function get(collector, path) {
  const res = await fetch(`${collector.url}${path}`);
  return res.json();
}

export const errorItem = (over = {}) => ({ type: 'TypeError', message: 'x is undefined', stack: 'TypeError: x is undefined\n    at a.js:1:2', url: 'https://site.test/page', appId: APP, ...over });
export const eventItem = (over = {}) => ({ eventName: 'click_button', metadata: { button: 'buy' }, appId: APP, userId: 'visitor-1', ...over });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `node <args>` from the repository root and waits for the URL it prints (the first
 * capture group of `urlPattern`). stop() sends SIGTERM and waits for the exit.
 */
export function spawnServer(args, env, urlPattern) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TRACELY_TEST_CONTROLS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`no URL printed: ${out}`)); }, 10_000);
    const read = (chunk) => {
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
const getText = (url) => new Promise((resolve, reject) => {
  http.get(url, { agent }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  }).on('error', reject);
});

/**
 * Reads every page of a paged list (`{ <key>: [...], next }`), following `next`.
 * @returns {Promise<{ list: any[], pages: number, largest: number }>} largest: biggest answer in bytes
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
