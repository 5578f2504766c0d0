// The WebKit harness: WebKitGTK's MiniBrowser (JavaScriptCore + WebCore, Safari's engine) on a
// private Xvfb display, driven by WebKitWebDriver over W3C WebDriver classic (HTTP/JSON, spoken
// here over fetch: no dependency). The site origin and the collector are the Firefox suite's.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { APP, BUNDLE, sleep, startCollector as startFirefoxCollector, startSite } from '../firefox/harness.mjs';
// The driver takes a port number, not 0: one nobody listens on now.
import { freePort } from '../apps/framework-app.mjs';

export { BUNDLE, sleep, startSite, waitFor } from '../firefox/harness.mjs';

export const DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.WEBKIT_BROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = process.env.XVFB_PATH || '/usr/bin/Xvfb';

/** How long the driver may take to answer /status after it is spawned, in ms. */
const DRIVER_START_MS = 15_000;
/** How long Xvfb may take to name its display, in ms. */
const DISPLAY_START_MS = 10_000;
/** How long one WebDriver command may take (a navigation waits for the load event), in ms. */
const COMMAND_MS = 30_000;

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

/** Every process group this harness started, killed on any exit of the test process. */
const started = new Set();
/** @param {ChildProcess} child */
function killGroup(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Its own group (detached): the driver's MiniBrowser and its web/network processes go too.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
const killAll = () => started.forEach((child) => killGroup(/** @type {ChildProcess} */ (child)));
process.on('exit', killAll);
// The test runner stops a file with a signal (a timeout, Ctrl-C): 'exit' alone would not run.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => (killAll(), process.exit(128 + (signal === 'SIGINT' ? 2 : 15))));

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options */
function startGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

/** Xvfb picks a free display itself (-displayfd) and writes its number to the pipe. */
async function startDisplay() {
  const xvfb = startGroup(XVFB, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr?.on('data', (chunk) => (stderr += chunk));
  const display = await new Promise((ok, fail) => {
    // Killed when it names none in time: else it lives on, and its pipes keep the test process from exiting.
    const timer = setTimeout(() => (killGroup(xvfb), fail(new Error(`Xvfb named no display within ${DISPLAY_START_MS} ms: ${stderr}`))), DISPLAY_START_MS);
    let text = '';
    /** @type {import('node:stream').Readable} */ (xvfb.stdio[3]).on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) (clearTimeout(timer), ok(`:${text.trim()}`));
    });
    xvfb.on('exit', (code) => (clearTimeout(timer), fail(new Error(`Xvfb exited (${code}): ${stderr}`))));
  });
  return { xvfb, display };
}

/**
 * One WebDriver command. Errors come back as { value: { error, message } }.
 * @param {string} base @param {'GET' | 'POST' | 'DELETE'} method @param {string} path @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function command(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(COMMAND_MS),
  });
  const answer = /** @type {{ value: any }} */ (await response.json());
  if (answer.value && typeof answer.value === 'object' && 'error' in answer.value)
    throw new Error(`WebDriver ${method} ${path}: ${answer.value.error}: ${answer.value.message}`);
  return answer.value;
}

/** Driver starts tried: the free port found may be taken before the driver binds it. */
const DRIVER_ATTEMPTS = 3;

/**
 * Starts WebKitWebDriver on `display`; answers its base URL once it is ready and still ours
 * (a driver that could not bind its port exits, and another process may answer there).
 * @param {string} display @param {ChildProcess[]} children where the driver is kept for closing
 */
async function startDriver(display, children) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const driver = startGroup(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
    children.push(driver);
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + DRIVER_START_MS;
    while (driver.exitCode === null && Date.now() < end) {
      const ready = await command(base, 'GET', '/status').then((v) => v?.ready !== false, () => false);
      if (ready && driver.exitCode === null) return base;
      await sleep(100);
    }
    killGroup(driver);
    if (attempt >= DRIVER_ATTEMPTS) throw new Error(`WebKitWebDriver did not start (last on ${base})`);
  }
}

/**
 * A WebKitGTK browser: Xvfb, WebKitWebDriver and one MiniBrowser session. `close()` kills all
 * three, also after a failed start; a process that exits without close() kills them too.
 */
export async function startWebKit() {
  for (const path of [DRIVER, MINIBROWSER, XVFB]) if (!existsSync(path)) throw new Error(`${path} is missing: run node scripts/ensure-webkit.mjs`);
  /** @type {ChildProcess[]} */
  const children = [];
  const close = async (/** @type {string | undefined} */ base, /** @type {string | undefined} */ id) => {
    if (base && id) await command(base, 'DELETE', `/session/${id}`).catch(() => undefined);
    for (const child of children.reverse()) killGroup(child);
  };
  try {
    const { xvfb, display } = await startDisplay();
    children.push(xvfb);
    const base = await startDriver(display, children);
    const session = await command(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    const id = /** @type {string} */ (session.sessionId);
    return {
      version: /** @type {string} */ (session.capabilities.browserVersion),
      ...pageDriver(base, `/session/${id}`),
      close: () => close(base, id),
    };
  } catch (error) {
    await close(undefined, undefined);
    throw error;
  }
}

/**
 * The page verbs of one session.
 * @param {string} base @param {string} session
 */
function pageDriver(base, session) {
  /** @param {'GET' | 'POST' | 'DELETE'} method @param {string} path @param {unknown} [body] */
  const send = (method, path, body) => command(base, method, session + path, body);
  return {
    /** Loads `url` and waits for its load event. @param {string} url */
    goto: (url) => send('POST', '/url', { url }),
    /** @returns {Promise<string>} */
    url: () => send('GET', '/url'),
    /** The history's back button. */
    back: () => send('POST', '/back', {}),
    /** The history's forward button. */
    forward: () => send('POST', '/forward', {}),
    /**
     * Runs `fn` in the page and answers what it returns (JSON values).
     * @template {unknown[]} A @template R
     * @param {(...args: A) => R} fn @param {A} args
     * @returns {Promise<Awaited<R>>}
     */
    run: (fn, ...args) => send('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
          .then((value) => done({ value }), (error) => done({ error: String(error) }));`,
      args,
    }).then((/** @type {{ value: any, error?: string }} */ r) => {
      if (r.error !== undefined) throw new Error(`in the page: ${r.error}`);
      return r.value;
    }),
    /** A real click (a trusted event) on the element `css` selects. @param {string} css */
    click: async (css) => {
      const element = await send('POST', '/element', { using: 'css selector', value: css });
      return send('POST', `/element/${Object.values(element)[0]}/click`, {});
    },
    /** Opens a new window (a new top-level browsing context); answers its handle. @returns {Promise<string>} */
    newWindow: async () => (await send('POST', '/window/new', { type: 'window' })).handle,
    /** @param {string} handle */
    switchTo: (handle) => send('POST', '/window', { handle }),
    /** @returns {Promise<string>} */
    window: () => send('GET', '/window'),
    /** Closes the current window; answers the handles left. @returns {Promise<string[]>} */
    closeWindow: () => send('DELETE', '/window'),
    /**
     * Waits until `fn` answers something truthy in the page; answers it.
     * @template R @param {() => R} fn
     * @returns {Promise<Awaited<R>>}
     */
    until: async (fn, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = await send('POST', '/execute/sync', { script: `return (${fn})()`, args: [] });
        if (value || Date.now() > end) return value;
        await sleep(50);
      }
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof startWebKit>>} WebKit */

/** @typedef {{ file: string, line?: number, column?: number, function?: string, inApp: boolean }} Frame */
/** @typedef {{ type: string, category?: string, message: string, data?: Record<string, unknown>, time: number }} Crumb */
/**
 * An error as the collector stored it (the fields these tests read).
 * @typedef {{ type: string, message: string, stack: string, frames: Frame[], url: string, page: string, time: number,
 *   tags?: Record<string, string>, extra?: Record<string, unknown>, resource?: { tag: string }, breadcrumbs?: Crumb[],
 *   viewport?: { w: number, h: number }, [key: string]: unknown }} StoredError
 */
/** @typedef {{ eventName: string, metadata: Record<string, any>, page?: string, [key: string]: unknown }} StoredEvent */

/**
 * The Firefox suite's collector, its lists typed as what the SDK sends.
 * @param {Parameters<typeof startFirefoxCollector>[0]} [options]
 */
export async function startCollector(options) {
  const collector = await startFirefoxCollector(options);
  return {
    ...collector,
    errors: async () => /** @type {StoredError[]} */ (/** @type {unknown} */ (await collector.errors())),
    events: async () => /** @type {StoredEvent[]} */ (/** @type {unknown} */ (await collector.events())),
  };
}

/**
 * A page that loads the SDK from the script tag, then `scripts` (paths served by the site: script
 * files, so frames point into a file of their own), then `body`.
 * @param {string} host the collector
 * @param {{ options?: Record<string, unknown>, init?: boolean, scripts?: string[], inline?: string, body?: string }} [page]
 * options: the Tracely options besides the app and host; init: false leaves `t.init()` to the page; inline: a script run before the files
 */
export const webkitPage = (host, { options = {}, init = true, scripts = [], inline = '', body = '' } = {}) => `<!doctype html><meta charset="utf-8"><title>t</title>
<script src="/dist/tracely.min.js"></script>
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host, ...options })});${init ? ' t.init();' : ''}</script>
<body>${body}<script>${inline}</script>${scripts.map((src) => `<script src="${src}"></script>`).join('')}</body>`;

/** The 1-based line of `code` holding `marker` (for frames: where a throw really is). @param {string} code @param {string} marker */
export function lineOf(code, marker) {
  const index = code.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line holds ${marker}`);
  return index + 1;
}

/** The 1-based column of `marker` on its line. @param {string} code @param {string} marker */
export function columnOf(code, marker) {
  return code.split('\n')[lineOf(code, marker) - 1].indexOf(marker) + 1;
}

/**
 * One WebKit for a test file: started before its tests, closed after them (Xvfb and driver with
 * it), with the file's run time in the closing line.
 * @param {string} name what the file tests
 * @returns {() => WebKit} the browser session (once started)
 */
export function useWebKit(name) {
  const began = Date.now();
  /** @type {WebKit | undefined} */
  let webkit;
  before(async () => {
    assert.ok(existsSync(BUNDLE), `no bundle at ${BUNDLE}: build first`);
    webkit = await startWebKit();
    console.log(`# WebKitGTK ${webkit.version}`);
  });
  after(async () => {
    await webkit?.close();
    console.log(`# WebKit ${name} run: ${((Date.now() - began) / 1000).toFixed(1)} s in all`);
  });
  return () => {
    if (!webkit) throw new Error('WebKit is not started (useWebKit registers a before hook)');
    return webkit;
  };
}

/** A fresh site (own origin, own storage) and collector; `done` closes both. */
export async function freshSite() {
  const collector = await startCollector();
  const site = await startSite();
  return { collector, site, done: async () => { await site.close(); await collector.close(); } };
}
