// Hostile pages, as every engine's suite runs them (test/e2e/hostile-page.spec.ts in Chromium,
// test/firefox/hostile-page.test.mjs, test/webkit/hostile-page.test.mjs): each page runs once
// without the SDK and once with it, and must observe the same things both times (its own
// handlers, return values, unhandled rejections, later patches, getters that did or did not
// run). With the SDK, its reports must still arrive. Engines differ exactly where these pages
// look: what a native function's `String()`, `name` and `length` say, which objects own
// `pushState` and `console.error`, when a rejection counts as unhandled, what freezing allows.
//
// A page records what it sees with `obs(...)` and says it is finished with `done()`. The hostile
// set-up (`pre`) runs before the SDK loads; the page's own code (`page`) after init. What the
// page left uncaught (an `error` or `unhandledrejection` event nobody cancelled) is recorded in
// the page too, so a driver that cannot listen for uncaught errors compares them all the same.
import assert from 'node:assert/strict';
import { sleep, waitFor } from './wait.mjs';

export const NONCE = 'n0nce';
export const APP = { appId: 'test-app', appSecret: 'test-secret' };
/** How long a case waits for the reports it expects, in ms. */
const REPORTS_WAIT_MS = 15_000;

/**
 * @typedef {object} PageCase
 * @property {string} [pre] the page's own script, run before the SDK loads (hostile globals, frozen built-ins...)
 * @property {string} page the page's own script, run after the SDK's init; it calls done() when finished
 * @property {Record<string, unknown>} [options] SDK options merged over appId/appSecret/host
 * @property {string} [head] extra <head> markup (a CSP meta tag...)
 * @property {string} [body]
 */
/** @typedef {Record<string, any>} Stored an error report as the collector's read API gives it */
/** @typedef {() => Promise<Stored[]>} ReadErrors the errors the collector stored so far */
/**
 * @typedef {PageCase & { check?: (errors: ReadErrors) => Promise<void> }} HostileCase
 * check: what the SDK must still have delivered in the run with it
 */

/** The page, with the SDK's script tag or without it. @param {string} host @param {PageCase} c @param {boolean} withSdk */
export function casePage(host, c, withSdk) {
  const options = JSON.stringify({ ...APP, host, ...c.options });
  const script = (/** @type {string} */ code) => `<script nonce="${NONCE}">${code}</script>`;
  // The recorder first, before the case's own head (zone.js there would see its listeners as the
  // page's: zone < 0.14.2 then raises native rejection events it would not raise otherwise).
  return `<!doctype html><html><head><meta charset="utf-8"><title>hostile</title>
${script(`window.__obs = []; window.__uncaught = []; window.__done = false;
  window.obs = (...parts) => { window.__obs.push(parts.map((p) => { try { return typeof p == 'string' ? p : String(p); } catch (e) { return '?'; } }).join(' ')); };
  window.done = () => { window.__done = true; };
  {
    // Read once every listener has run: a page's handler may still cancel the event.
    const uncaught = (event, what) => queueMicrotask(() => { if (!event.defaultPrevented) window.__uncaught.push(what); });
    addEventListener('error', (e) => uncaught(e, 'error ' + e.message));
    addEventListener('unhandledrejection', (e) => { let r = '?'; try { r = String(e.reason && e.reason.message || e.reason); } catch (x) {} uncaught(e, 'rejection ' + r); });
  }`)}
${c.head || ''}
${c.pre ? script(c.pre) : ''}
${withSdk ? `<script nonce="${NONCE}" src="/dist/tracely.min.js"></script>${script(`window.t = new Tracely(${options}); t.init();`)}` : ''}
</head><body>${c.body || ''}${script(c.page)}</body></html>`;
}

/** The errors stored, read until there are `n` or the time is up. @param {ReadErrors} errors @param {number} n */
export const errorsStored = (errors, n) => waitFor(errors, (items) => items.length >= n, REPORTS_WAIT_MS);

/**
 * What a page left uncaught, errors first, then rejections, each kind in its order. Between the
 * two kinds the browser decides: an `unhandledrejection` is fired from a task on the DOM
 * manipulation task source, ordered against timers' tasks as the browser likes
 * (https://html.spec.whatwg.org/#notify-about-rejected-promises). Firefox ESR 153 fired a page's
 * two rejections before its 0 ms timers' errors in 2 of 110 loads without the SDK and in 24 of 30
 * with it (the SDK's first capture takes time); WebKitGTK 2.50 in 8 of 20 without it, 10 of 10
 * with it: the order across kinds is no page's to rely on.
 * @param {string[]} uncaught
 */
export const byKind = (uncaught) => [...uncaught.filter((u) => u.startsWith('error ')), ...uncaught.filter((u) => !u.startsWith('error '))];

/** @typedef {{ obs: string[], uncaught: string[] }} Observed what a page observed, and what it left uncaught */

/**
 * Runs a case as every suite does: the page without the SDK, then with it (`observe` loads it
 * and answers what it observed); both must be the same, and the reports the case expects stored.
 * @param {HostileCase} c @param {(withSdk: boolean) => Promise<Observed>} observe @param {ReadErrors} errors
 */
export async function compareCase(c, observe, errors) {
  const without = await observe(false);
  const withSdk = await observe(true);
  assert.ok(without.obs.length > 0, 'the page observed nothing');
  assert.deepEqual({ ...withSdk, uncaught: byKind(withSdk.uncaught) }, { ...without, uncaught: byKind(without.uncaught) });
  if (c.check) await c.check(errors);
}

/** A page that throws one error from a timer, so an error report exists to look for. */
export const THROW_LATER = `obs('page ran'); setTimeout(() => { throw new Error('page error'); }, 50); setTimeout(done, 600);`;
/** @param {ReadErrors} errors */
const expectPageError = async (errors) => {
  const items = await errorsStored(errors, 1);
  assert.ok(items.map((i) => i.message).includes('Error: page error'), JSON.stringify(items.map((i) => i.message)));
};

/** @type {Record<string, HostileCase>} */
export const CASES = {
  // Issue 8, item 1: a handler on the page's own promise would mark it handled.
  'fetch rejection left unhandled': {
    page: `addEventListener('unhandledrejection', (e) => obs('page saw unhandled', e.reason && e.reason.name));
      const p = fetch('http://127.0.0.1:1/nothing');
      obs('a promise', p instanceof Promise, typeof p.then);
      setTimeout(done, 1500);`,
    check: async (errors) => {
      const items = await errorsStored(errors, 1);
      assert.equal(items[0]?.type, 'promiseError', JSON.stringify(items));
      assert.match(items[0].message, /TypeError/);
    },
  },
  'fetch rejection handled by the page': {
    page: `addEventListener('unhandledrejection', () => obs('unhandled!'));
      fetch('http://127.0.0.1:1/nothing').then(() => obs('resolved'), (e) => obs('page caught', e.name));
      setTimeout(done, 1500);`,
  },
  'fetch and XHR results': {
    page: `(async () => {
        const r = await fetch(location.href, { method: 'GET' });
        obs('fetch', r.status, r instanceof Response, (await r.text()).includes('hostile'));
        const xhr = new XMLHttpRequest();
        const states = [];
        xhr.onreadystatechange = () => states.push(xhr.readyState);
        xhr.onload = () => { obs('xhr', xhr.status, states.join(','), xhr.responseText.length > 0); done(); };
        obs('open returns', String(xhr.open('GET', location.href)));
        obs('send returns', String(xhr.send()));
      })();`,
  },
  'wrapped functions look like the originals': {
    page: `for (const [name, f] of [['fetch', window.fetch], ['open', XMLHttpRequest.prototype.open], ['send', XMLHttpRequest.prototype.send],
        ['error', console.error], ['warn', console.warn], ['pushState', History.prototype.pushState], ['replaceState', history.replaceState]]) {
        obs(name, f.name, f.length, String(f), typeof f.prototype);
      }
      done();`,
  },
  'console calls return what they return, and later wrappers run': {
    page: `const before = console.error;
      obs('returns', String(console.error('first')), String(console.warn('w', 1, {a: 1})));
      console.error = function (...args) { obs('page wrapper saw', args.length); return before.apply(console, args); };
      console.error('second', 2);
      done();`,
  },
  // Issue 8, item 2.
  'History.prototype patched after the SDK still runs': {
    page: `const original = History.prototype.pushState;
      History.prototype.pushState = function (...args) { obs('prototype patch ran', args[2]); return original.apply(this, args); };
      const own = history.replaceState;
      history.replaceState = function (...args) { obs('instance patch ran', args[2]); return own.apply(this, args); };
      history.pushState({}, '', '?a=1');
      history.replaceState({}, '', '?b=2');
      obs('search', location.search, 'own keys', Object.keys(history).join(','));
      done();`,
  },
  // Issue 8, item 3.
  'logged values: no getter, toJSON or Proxy trap runs': {
    page: `let runs = 0;
      const traps = {};
      for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply']) traps[trap] = (...a) => (runs++, Reflect[trap](...a));
      const proxy = new Proxy({ a: 1 }, traps);
      const withGetter = { get secret() { runs++; return 's'; }, toJSON() { runs++; return {}; }, toString() { runs++; return 'x'; } };
      const error = new Error('logged');
      Object.defineProperty(error, 'cause', { get() { runs++; return 'c'; } });
      console.error('objects', proxy, withGetter, error, [proxy]);
      console.warn(proxy);
      obs('page code ran', runs, 'times');
      done();`,
  },
  'rejected and thrown values: no getter or toJSON runs': {
    page: `let runs = 0;
      const reason = { code: 5, get secret() { runs++; return 's'; }, toJSON() { runs++; return {}; } };
      Promise.reject(reason);
      setTimeout(() => { throw { kind: 'thrown', get detail() { runs++; return 1; } }; }, 20);
      setTimeout(() => { obs('page code ran', runs, 'times'); done(); }, 500);`,
    check: async (errors) => {
      const items = await errorsStored(errors, 2);
      assert.deepEqual(items.map((i) => i.message).sort(), ['{"code":5}', '{"kind":"thrown"}']);
    },
  },
  // Issue 8, item 4: one frozen global disables only the part that needs it.
  'frozen history and console': {
    pre: `Object.freeze(history); Object.freeze(console);`,
    page: `history.pushState({}, '', '/frozen-route'); obs('path', location.pathname); ${THROW_LATER}`,
    check: expectPageError,
  },
  'frozen prototypes and a read-only fetch': {
    pre: `Object.freeze(History.prototype); Object.freeze(XMLHttpRequest.prototype);
      Object.defineProperty(window, 'fetch', { value: window.fetch, writable: false, configurable: false });`,
    page: `history.pushState({}, '', '?x'); obs('search', location.search); ${THROW_LATER}`,
    check: expectPageError,
  },
  // Issue 8, item 8.
  'toJSON on Array.prototype and Object.prototype (Prototype.js style)': {
    pre: `Array.prototype.toJSON = function () { return 'array!'; };
      Object.defineProperty(Object.prototype, 'toJSON', { value: function () { return 'object!'; }, writable: true, configurable: true });`,
    page: THROW_LATER,
    check: async (errors) => {
      const [item] = await errorsStored(errors, 1);
      assert.equal(item?.message, 'Error: page error');
      assert.ok(Array.isArray(item.frames) && item.frames.length > 0, JSON.stringify(item.frames));
    },
  },
  // Issue 8, item 7.
  'storage that throws SecurityError': {
    pre: `for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); }, configurable: true });
      try { document.cookie; } catch (e) {}`,
    page: THROW_LATER,
    check: expectPageError,
  },
  'hostile thrown values': {
    page: `const trap = () => { throw new Error('trap'); };
      const monster = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
      const { proxy: revoked, revoke } = Proxy.revocable({}, {}); revoke();
      addEventListener('error', (e) => obs('page error event', e.message));
      for (const value of [monster, revoked, Symbol('s'), 12n, null]) setTimeout(() => { throw value; });
      Promise.reject(monster); Promise.reject(revoked);
      setTimeout(done, 800);`,
    check: async (errors) => {
      await errorsStored(errors, 4);
      await sleep(500);
      const items = await errors();
      // `throw null` has no value to describe: its message is the browser's (Chromium "Uncaught null",
      // Firefox "uncaught exception: null", WebKit "null").
      const messages = items.map((i) => (/^(Uncaught null|uncaught exception: null|null)$/.test(i.message) ? 'null' : i.message));
      assert.deepEqual([...new Set(messages)].sort(), ['<unserializable value>', 'Symbol(s)', '12n', 'null'].sort(), JSON.stringify(items));
      // One report per error: a value thrown and rejected is one report (the same object), and the
      // two unreadable values share a fingerprint, so the second one's throw is a throttled
      // repeat. Where the browser fires the rejections before the throws (its choice: byKind
      // above), a rejection is reported as a promiseError of its own, with the same message.
      assert.equal(new Set(items.map((i) => `${i.type} ${i.message}`)).size, items.length, JSON.stringify(items));
      assert.ok(messages.filter((m) => m === '<unserializable value>').length <= 2, JSON.stringify(items));
    },
  },
  'strict CSP with Trusted Types': {
    head: `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'nonce-${NONCE}'; connect-src 'self' http://localhost:*; require-trusted-types-for 'script'">`,
    page: `addEventListener('securitypolicyviolation', (e) => obs('violation', e.violatedDirective));
      (async () => { const r = await fetch(location.href); obs('fetch', r.status); ${THROW_LATER} })();`,
    check: expectPageError,
  },
  'a page that handles its own errors': {
    page: `window.onerror = (message) => { obs('onerror', message); return true; };
      window.onunhandledrejection = (e) => { obs('onunhandledrejection', e.reason); e.preventDefault(); };
      // The throw well after the rejection: which comes first otherwise is the browser's choice (byKind).
      setTimeout(() => { throw new Error('handled'); }, 50);
      Promise.reject('declined');
      setTimeout(done, 500);`,
  },
  // A page without the APIs the SDK sends with: it observes the same, its error goes nowhere.
  'no fetch, no sendBeacon and no crypto': {
    pre: `delete window.fetch; delete Navigator.prototype.sendBeacon; Object.defineProperty(window, 'crypto', { value: undefined, configurable: true });`,
    page: `setTimeout(() => { throw new Error('no transport'); }, 20);
      setTimeout(() => { obs('typeof fetch', typeof fetch); done(); }, 500);`,
  },
};
