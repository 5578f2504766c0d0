// Collector configuration: defaults, a JSON file shaped like the Tracely server's config,
// and a shape check so a typo fails loudly at start instead of silently at request time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { traceUrlProblem } from './view/trace.mjs';
import { isObject } from './items.mjs';

/**
 * @typedef {{ appId: string, appSecret: string, uploadSecret?: string }} App
 *   uploadSecret: signs source-map uploads instead of appSecret (which every page that loads the SDK holds)
 * @typedef {{
 *   server: { host: string, port: number },
 *   database: { path: string },
 *   apps: App[],
 *   events: { whitelist: string[] },
 *   auth: { timestampWindowSeconds: number, nonceTtlSeconds: number },
 *   rateLimit: { requestsPerMinute: number },
 *   limits: { maxBodyBytes: number, maxBatchBytes: number },
 *   read: { token: string | null, loopbackExempt: boolean },
 *   view: { traceUrl: string | null },
 * }} Config
 */

/** @type {Config} */
export const DEFAULTS = Object.freeze({
  server: { host: '127.0.0.1', port: 8080 },
  // Absolute, so the CLI finds the same file whatever the working directory.
  database: { path: fileURLToPath(new URL('../data/tracely.sqlite', import.meta.url)) },
  apps: [
    { appId: 'demo-app', appSecret: 'demo-secret' },
    { appId: 'test-app', appSecret: 'test-secret' },
  ],
  events: { whitelist: ['_active', 'click_button', 'page_view', 'form_submit', 'purchase', 'web_vitals'] },
  auth: { timestampWindowSeconds: 300, nonceTtlSeconds: 300 },
  rateLimit: { requestsPerMinute: 60 },
  limits: { maxBodyBytes: 65536, maxBatchBytes: 131072 },
  // The read API and the view need this bearer token; requests from this machine need none
  // unless loopbackExempt is false (set it false behind a reverse proxy on the same host).
  read: { token: null, loopbackExempt: true },
  // The view links a report's trace id here: an http(s) URL holding {traceId}, e.g.
  // "http://jaeger.example/trace/{traceId}"; null shows the id without a link.
  view: { traceUrl: null },
});

/** Shortest read token accepted: a guessable token would open every stored report. */
export const MIN_READ_TOKEN_LENGTH = 16;

/**
 * Deep-merges `over` onto `base`; arrays and scalars replace.
 * @param {unknown} base @param {unknown} over @returns {unknown}
 */
function merge(base, over) {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** @param {unknown} v */
const positiveInt = (v) => Number.isSafeInteger(v) && /** @type {number} */ (v) > 0;
/** @param {unknown} v */
const text = (v) => typeof v === 'string' && v.length > 0;

/**
 * Throws an Error naming the first bad key.
 * @param {unknown} config parsed JSON of any shape (a file, options): this is what checks it
 * @returns {Config}
 */
export function validateConfig(config) {
  /** @type {(msg: string) => never} */
  const fail = (msg) => { throw new Error(`Invalid collector config: ${msg}`); };
  if (!isObject(config)) fail('must be a JSON object');
  for (const key of Object.keys(config)) if (!(key in DEFAULTS)) fail(`unknown key "${key}"`);
  for (const key of ['server', 'database', 'events', 'auth', 'rateLimit', 'limits', 'read', 'view']) {
    if (!isObject(config[key])) fail(`"${key}" must be an object`);
  }
  // Each section is an object (checked above); its fields, any JSON until checked, are checked below.
  const { server, database, apps, events, auth, rateLimit, limits, read, view } = /** @type {Record<string, any>} */ (config);
  if (!text(server.host)) fail('server.host must be a non-empty string');
  if (!Number.isInteger(server.port) || server.port < 0 || server.port > 65535) fail('server.port must be an integer 0..65535');
  if (!text(database.path)) fail('database.path must be a non-empty string');
  if (!Array.isArray(apps) || apps.length === 0) fail('apps must be a non-empty array');
  apps.forEach((/** @type {unknown} */ app, /** @type {number} */ i) => {
    if (!isObject(app) || !text(app.appId) || !text(app.appSecret)) fail(`apps[${i}] needs non-empty string appId and appSecret`);
    if (app.uploadSecret !== undefined && !text(app.uploadSecret)) fail(`apps[${i}].uploadSecret must be a non-empty string when set`);
  });
  if (new Set(apps.map((/** @type {App} */ a) => a.appId)).size !== apps.length) fail('apps contains a duplicate appId');
  if (!Array.isArray(events.whitelist) || !events.whitelist.every(text)) fail('events.whitelist must be an array of non-empty strings');
  for (const [group, keys] of [[auth, ['timestampWindowSeconds', 'nonceTtlSeconds']], [rateLimit, ['requestsPerMinute']], [limits, ['maxBodyBytes', 'maxBatchBytes']]]) {
    for (const k of keys) if (!positiveInt(group[k])) fail(`${k} must be a positive integer`);
  }
  if (read.token !== null && !(typeof read.token === 'string' && read.token.length >= MIN_READ_TOKEN_LENGTH)) {
    fail(`read.token must be null or a string of at least ${MIN_READ_TOKEN_LENGTH} characters`);
  }
  if (typeof read.loopbackExempt !== 'boolean') fail('read.loopbackExempt must be a boolean');
  const traceProblem = view.traceUrl === null ? null : traceUrlProblem(view.traceUrl);
  if (traceProblem) fail(`view.traceUrl ${traceProblem}, or null`);
  return /** @type {Config} */ (config);
}

/**
 * @param {{ path?: string, overrides?: object }} [opts]
 * @returns {Config}
 */
export function loadConfig({ path, overrides } = {}) {
  /** @type {unknown} */
  let fromFile = {};
  if (path) {
    let raw;
    try { raw = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`Cannot read collector config ${path}: ${/** @type {Error} */ (e).message}`); }
    try { fromFile = JSON.parse(raw); } catch (e) { throw new Error(`Collector config ${path} is not valid JSON: ${/** @type {SyntaxError} */ (e).message}`); }
    if (!isObject(fromFile)) throw new Error(`Invalid collector config: ${path} must hold a JSON object`);
  }
  if (overrides !== undefined && !isObject(overrides)) throw new Error('Invalid collector config: options.config must be an object');
  return validateConfig(merge(merge(structuredClone(DEFAULTS), fromFile), overrides ?? {}));
}
