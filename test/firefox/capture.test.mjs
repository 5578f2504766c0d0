// Capture in Firefox ESR, driven by puppeteer-core over WebDriver BiDi, against the real
// collector: what test/e2e/capture.spec.ts proves in Chromium, where Firefox differs. Its
// stacks read `fn@url:line:col` (with `async*` frames), its `error` event carries its own
// fields, and it decides when `unhandledrejection` fires. The page's errors come from a script
// file of the page, raised by real clicks, so every frame is the page's own.
//
//   npm run build && node --test test/firefox/capture.test.mjs   (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshTab, pageWithScript, sleep, useFirefox, waitFor } from './harness.mjs';

/** How long a page that must send nothing more is watched (the stock dialect sends at once). */
const QUIET_WATCH_MS = 1500;

const browser = useFirefox('capture');

/** Each test: a fresh collector, site and browser context (own storage), and a tab in it. */
const fresh = () => freshTab(browser());

/**
 * Where `text` is in the script `source`: its 1-based line and column, as a stack names them.
 * @param {string} source @param {string} text
 */
function locate(source, text) {
  const lines = source.split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  assert.ok(index >= 0, `${text} is not in the script`);
  return { line: index + 1, column: lines[index].indexOf(text) + 1 };
}

// The page's own listeners note what the page sees: the SDK must not take it away.
const PAGE_LISTENERS = `window.seen = [];
addEventListener('error', (e) => { seen.push('error ' + (e.error ? e.error.message : e.target && e.target.tagName)); }, true);
addEventListener('unhandledrejection', (e) => { seen.push('unhandledrejection ' + (e.reason && e.reason.message || JSON.stringify(e.reason))); });
addEventListener('rejectionhandled', (e) => { seen.push('rejectionhandled ' + e.reason.message); });
`;

const APP_JS = `${PAGE_LISTENERS}
function explode(kind) {
  throw new TypeError('thrown from a file: ' + kind);
}
async function loadUser(id) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  throw new RangeError('no user ' + id);
}
document.getElementById('sync').addEventListener('click', function onSyncClick() {
  explode('click');
});
document.getElementById('async').addEventListener('click', function onAsyncClick() {
  loadUser(7);
});
`;

it('a thrown Error in a script file: jsError, its message, and frames at the throwing line and its caller', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const script = site.script('/assets/app.js', APP_JS);
    const url = site.page('/app.html', pageWithScript(collector.url, '<button id="sync">sync</button><button id="async">async</button>', '/assets/app.js'));
    await page.goto(url + '?token=abc');
    await page.click('#sync');
    await page.click('#async');
    const items = await waitFor(collector.errors, (i) => i.length >= 2);
    await sleep(QUIET_WATCH_MS);
    assert.equal((await collector.errors()).length, 2);
    /** @type {any} */
    const thrown = items.find((i) => i.type === 'jsError');
    /** @type {any} */
    const rejected = items.find((i) => i.type === 'promiseError');
    assert.ok(thrown && rejected, JSON.stringify(items));

    // Firefox's stack has no message line; the SDK writes "<name>: <message>" itself.
    assert.equal(thrown.message, 'TypeError: thrown from a file: click');
    assert.match(thrown.stack, /^explode@http:\/\/127\.0\.0\.1:\d+\/assets\/app\.js:\d+:\d+\n/);
    const throwAt = locate(APP_JS, "new TypeError('thrown from a file");
    assert.deepEqual(thrown.frames[0], { file: script, line: throwAt.line, column: throwAt.column, function: 'explode', inApp: true });
    const callAt = locate(APP_JS, "explode('click')");
    assert.equal(thrown.frames[1].function, 'onSyncClick');
    assert.equal(thrown.frames[1].line, callAt.line);
    // Firefox points a call at its callee or its parenthesis: either is on the call.
    assert.ok(thrown.frames[1].column >= callAt.column && thrown.frames[1].column <= callAt.column + 'explode'.length, `call column ${thrown.frames[1].column}`);
    assert.equal(thrown.frames.length, 2, JSON.stringify(thrown.frames));
    assert.equal(thrown.url, `${site.origin}/app.html?token=[Filtered]`);
    assert.equal(thrown.page, '/app.html');

    // From an async function: a rejection of the async function's promise, frames still at the throw.
    assert.equal(rejected.message, 'RangeError: no user 7');
    const asyncAt = locate(APP_JS, "new RangeError('no user");
    assert.deepEqual(rejected.frames[0], { file: script, line: asyncAt.line, column: asyncAt.column, function: 'loadUser', inApp: true });
    // Firefox names the awaiting caller with its async cause ("async*onAsyncClick"), kept as is (as Chrome's
    // "async onAsyncClick"). Firefox records such frames by default only for a page under a debugger
    // (javascript.options.asyncstack_capture_debuggee_only, true in ESR 153), as a page driven over
    // WebDriver BiDi evidently is: a visitor's report may end at loadUser.
    const caller = rejected.frames[1];
    assert.ok(caller, JSON.stringify(rejected.frames));
    assert.equal(caller.function, 'async*onAsyncClick');
    assert.equal(caller.line, locate(APP_JS, 'loadUser(7)').line);
    for (const frame of [...thrown.frames, ...rejected.frames]) {
      assert.equal(frame.file, script);
      assert.ok(Number.isInteger(frame.line) && frame.line >= 1 && frame.line <= APP_JS.split('\n').length, JSON.stringify(frame));
      assert.ok(Number.isInteger(frame.column) && frame.column >= 1, JSON.stringify(frame));
    }
    // The page's own listeners saw both, as without the SDK.
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).seen), ['error thrown from a file: click', 'unhandledrejection no user 7']);
  } finally {
    await done();
  }
});

// No Error object, no stack: Firefox's `error` event still says where (filename, lineno, colno).
const PRIMITIVES_JS = `document.getElementById('string').addEventListener('click', () => { throw 'a thrown string'; });
document.getElementById('object').addEventListener('click', () => { throw { code: 9, reason: 'a thrown object' }; });
`;

it('a thrown string or plain object: jsError with the value as its message and the throwing line as its frame', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const script = site.script('/assets/primitives.js', PRIMITIVES_JS);
    await page.goto(site.page('/primitives.html', pageWithScript(collector.url, '<button id="string">string</button><button id="object">object</button>', '/assets/primitives.js')));
    await page.click('#string');
    await page.click('#object');
    const items = await waitFor(collector.errors, (i) => i.length >= 2);
    /** @type {(f: any) => unknown[]} */
    const where = (f) => [f.file, f.line];
    assert.deepEqual(items.map((i) => [i.type, i.message, /** @type {any} */ (i).frames.map(where)]), [
      ['jsError', 'a thrown string', [[script, locate(PRIMITIVES_JS, "throw 'a thrown string'").line]]],
      ['jsError', '{"code":9,"reason":"a thrown object"}', [[script, locate(PRIMITIVES_JS, 'throw { code: 9').line]]],
    ]);
  } finally {
    await done();
  }
});

// Firefox names the place of code made at run time "<url> line <n> > eval" or "... > Function",
// with the line and column inside that code: a frame is the page's line that made it.
const RUNTIME_JS = `document.getElementById('eval').addEventListener('click', function runCode() {
  eval("\\n\\nthrow new Error('from eval')");
});
document.getElementById('function').addEventListener('click', function makeCode() {
  new Function('n', "\\n\\nthrow new Error('from Function ' + n)")(1);
});
`;

it('errors in code made by eval and new Function: the frame is the page line that made the code', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const script = site.script('/assets/runtime.js', RUNTIME_JS);
    await page.goto(site.page('/runtime.html', pageWithScript(collector.url, '<button id="eval">eval</button><button id="function">function</button>', '/assets/runtime.js')));
    await page.click('#eval');
    await page.click('#function');
    const items = await waitFor(collector.errors, (i) => i.length >= 2);
    /** @type {any} */
    const evaluated = items.find((i) => i.message === 'Error: from eval');
    /** @type {any} */
    const made = items.find((i) => i.message === 'Error: from Function 1');
    assert.ok(evaluated && made, JSON.stringify(items.map((i) => i.message)));
    assert.equal(evaluated.type, 'jsError');
    // Firefox's own form, kept in `stack` as it came.
    assert.match(evaluated.stack, /^@http:\/\/127\.0\.0\.1:\d+\/assets\/runtime\.js line 2 > eval:3:7\nrunCode@/);
    assert.match(made.stack, /^anonymous@http:\/\/127\.0\.0\.1:\d+\/assets\/runtime\.js line 5 > Function:5:7\nmakeCode@/);
    const evalLine = locate(RUNTIME_JS, 'eval(').line;
    const functionLine = locate(RUNTIME_JS, 'new Function(').line;
    /** @type {(f: any) => unknown[]} */
    const where = (f) => [f.file, f.line, f.function];
    assert.deepEqual(evaluated.frames.map(where), [[script, evalLine, undefined], [script, evalLine, 'runCode']]);
    assert.deepEqual(made.frames.map(where), [[script, functionLine, 'anonymous'], [script, functionLine, 'makeCode']]);
  } finally {
    await done();
  }
});

// Firefox keeps a DOMException's name, message and stack in accessors on DOMException.prototype
// (Chrome: name and message; its stack is the error's own): read as plain data, every
// DOMException was a bare "Error" with no stack, so a failed selector, a storage quota and a
// cancelled fetch all fell into one group with nothing to tell them apart.
const DOM_JS = `document.getElementById('select').addEventListener('click', function badSelector() {
  document.querySelector('!!');
});
document.getElementById('abort').addEventListener('click', function cancelLoad() {
  const controller = new AbortController();
  fetch('/slow', { signal: controller.signal });
  controller.abort();
});
`;

it('a DOMException thrown or rejected (a bad selector, an aborted fetch) keeps its name, message and frames', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const script = site.script('/assets/dom.js', DOM_JS);
    await page.goto(site.page('/dom.html', pageWithScript(collector.url, '<button id="select">select</button><button id="abort">abort</button>', '/assets/dom.js')));
    await page.click('#select');
    await page.click('#abort');
    const items = await waitFor(collector.errors, (i) => i.length >= 2);
    /** @type {any} */
    const thrown = items.find((i) => i.type === 'jsError');
    /** @type {any} */
    const rejected = items.find((i) => i.type === 'promiseError');
    assert.ok(thrown && rejected, JSON.stringify(items));
    assert.equal(thrown.message, "SyntaxError: Document.querySelector: '!!' is not a valid selector");
    assert.match(thrown.stack, /^badSelector@/);
    assert.deepEqual(thrown.frames[0], { file: script, ...locate(DOM_JS, "querySelector('!!')"), function: 'badSelector', inApp: true });
    assert.match(rejected.message, /^AbortError: The operation was aborted\.\s*$/);
    assert.equal(rejected.frames[0]?.function, 'cancelLoad', JSON.stringify(rejected.frames));
    assert.equal(rejected.frames[0].line, locate(DOM_JS, 'controller.abort()').line);
  } finally {
    await done();
  }
});

const REJECTIONS_JS = `${PAGE_LISTENERS}
document.getElementById('reject').addEventListener('click', () => {
  Promise.reject(new Error('rejected with an Error'));
  Promise.reject('rejected with a string');
  Promise.reject({ code: 7, reason: 'rejected with an object' });
  // Handled at once, in the same task: never unhandled.
  Promise.reject(new Error('handled at once')).catch(() => seen.push('caught at once'));
  // Handled in a later task: unhandled first, then handled.
  window.later = Promise.reject(new Error('handled later'));
  setTimeout(() => later.catch(() => seen.push('caught later')), 100);
});
`;

/** The rejections page: opened, clicked, and read once the three unhandled reasons are stored. */
async function rejections() {
  const fixture = await fresh();
  const { collector, site, page } = fixture;
  site.script('/assets/rejections.js', REJECTIONS_JS);
  await page.goto(site.page('/rej.html', pageWithScript(collector.url, '<button id="reject">reject</button>', '/assets/rejections.js')));
  await page.click('#reject');
  await waitFor(collector.errors, (i) => i.length >= 3);
  await sleep(QUIET_WATCH_MS);
  /** @type {any[]} */
  const items = await collector.errors();
  /** @type {string[]} */
  const seen = await page.evaluate(() => /** @type {any} */ (window).seen);
  return { ...fixture, items, seen };
}

it('unhandled rejections with an Error, a string and an object: promiseError with the documented messages; one handled at once is not reported', async () => {
  const { items, seen, done } = await rejections();
  try {
    assert.ok(items.every((i) => i.type === 'promiseError'), JSON.stringify(items.map((i) => i.type)));
    const byMessage = Object.fromEntries(items.map((i) => [i.message, i]));
    assert.ok(byMessage['Error: rejected with an Error'], JSON.stringify(Object.keys(byMessage)));
    assert.equal(byMessage['Error: rejected with an Error'].frames[0].line, locate(REJECTIONS_JS, "new Error('rejected with an Error')").line);
    // A string is the message as it is; an object is its JSON.
    assert.deepEqual(byMessage['rejected with a string'] && byMessage['rejected with a string'].frames, []);
    assert.ok(byMessage['{"code":7,"reason":"rejected with an object"}'], JSON.stringify(Object.keys(byMessage)));
    assert.ok(!items.some((i) => i.message.includes('handled at once')));
    // The page's handlers all ran, as without the SDK: the SDK handles nothing itself.
    for (const entry of ['caught at once', 'caught later', 'unhandledrejection rejected with an Error', 'unhandledrejection "rejected with a string"', 'rejectionhandled handled later']) {
      assert.ok(seen.includes(entry), `${entry} not in ${JSON.stringify(seen)}`);
    }
    assert.ok(!seen.includes('unhandledrejection handled at once'));
  } finally {
    await done();
  }
});

// Firefox fires `unhandledrejection` for it at the end of the task, then `rejectionhandled` when
// the page catches it 100 ms later. At the end of its task it was unhandled, and the SDK reports
// it then, once (as Chromium does, and as the README says): withdrawing it would mean holding
// every rejection's report for an unknown time.
it('a rejection the page handles only in a later task is reported once, as the README says', async () => {
  const { items, seen, done } = await rejections();
  try {
    assert.ok(seen.includes('rejectionhandled handled later'), JSON.stringify(seen));
    assert.equal(items.filter((i) => i.message.includes('handled later')).length, 1);
  } finally {
    await done();
  }
});

it('failed img and script loads are resourceErrors with their URL (on by default), none with captureResourceErrors: false', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const source = `document.getElementById('load').addEventListener('click', () => {
  const img = new Image(); img.src = '/missing.png'; document.body.appendChild(img);
  const s = document.createElement('script'); s.src = '/missing.js'; document.body.appendChild(s);
});
`;
    site.script('/assets/res.js', source);
    const body = '<button id="load">load</button>';
    await page.goto(site.page('/off.html', pageWithScript(collector.url, body, '/assets/res.js', { captureResourceErrors: false })));
    await page.click('#load');
    await page.goto(site.page('/res.html', pageWithScript(collector.url, body, '/assets/res.js')));
    await page.click('#load');
    await waitFor(collector.errors, (i) => i.length >= 2);
    await sleep(QUIET_WATCH_MS);
    /** @type {any[]} */
    const items = await collector.errors();
    assert.deepEqual(items.map((i) => [i.type, i.message, i.resource.tag, i.page]).sort(), [
      ['resourceError', `${site.origin}/missing.js`, 'script', '/res.html'],
      ['resourceError', `${site.origin}/missing.png`, 'img', '/res.html'],
    ]);
  } finally {
    await done();
  }
});

// A load the page's CSP blocks: Firefox fires `securitypolicyviolation` (a cspError) and an
// `error` event on the element (a resourceError, as for a 404); the page's own listener still
// sees the violation.
it('an image the CSP blocks is a cspError with its directive, and a resourceError; the page still sees the violation', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    const blocked = 'http://127.0.0.2:9/blocked.png';
    site.script('/assets/csp.js', `window.violations = [];
addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
document.getElementById('load').addEventListener('click', () => {
  const img = new Image(); img.src = ${JSON.stringify(blocked)}; document.body.appendChild(img);
});
`);
    const html = pageWithScript(collector.url, '<button id="load">load</button>', '/assets/csp.js')
      .replace('<title>', `<meta http-equiv="Content-Security-Policy" content="img-src 'self'"><title>`);
    await page.goto(site.page('/csp.html', html));
    await page.click('#load');
    await waitFor(() => page.evaluate(() => /** @type {any} */ (window).violations.length), (n) => n >= 1);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).violations), [`img-src ${blocked}`]);
    await waitFor(collector.errors, (i) => i.length >= 2);
    await sleep(QUIET_WATCH_MS);
    const items = await collector.errors();
    assert.deepEqual(items.map((i) => [i.type, i.message]).sort(), [['cspError', `CSP img-src: ${blocked}`], ['resourceError', blocked]]);
    assert.equal(/** @type {any} */ (items.find((i) => i.type === 'cspError'))?.csp?.disposition, 'enforce');
  } finally {
    await done();
  }
});

it('reportError: the string form is "<message>: <info>", the object form keeps the message and stores tags and extra', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    site.script('/assets/manual.js', `document.getElementById('pay').addEventListener('click', () => {
  t.setTag('plan', 'gold');
  try { JSON.parse('{'); } catch (e) { t.reportError(e, 'checkout'); }
  t.reportError(new Error('payment failed', { cause: new Error('card declined') }), { tags: { step: 'pay' }, extra: { cart: { items: 3 } } });
  t.reportError('a plain string');
});
`);
    await page.goto(site.page('/manual.html', pageWithScript(collector.url, '<button id="pay">pay</button>', '/assets/manual.js')));
    await page.click('#pay');
    const items = await waitFor(collector.errors, (i) => i.length >= 3);
    /** @type {any[]} */
    const [parse, object, plain] = ['JSON.parse', 'payment failed', 'a plain string'].map((m) => items.find((i) => String(i.message).includes(m)));
    assert.ok(items.every((i) => i.type === 'manualError'), JSON.stringify(items.map((i) => i.type)));
    // The error's message (Firefox's own, for a native SyntaxError; no "<name>: " as for a thrown one), then the info.
    assert.equal(parse.message, 'JSON.parse: end of data while reading object contents at line 1 column 2 of the JSON data: checkout');
    assert.deepEqual(parse.tags, { plan: 'gold' });
    assert.equal(object.message, 'payment failed');
    assert.deepEqual(object.tags, { plan: 'gold', step: 'pay' });
    assert.deepEqual(object.extra, { cart: { items: 3 } });
    assert.equal(object.cause[0].message, 'Error: card declined');
    assert.equal(object.frames[0].function, undefined, 'the anonymous listener is the top frame');
    assert.equal(object.frames[0].file, `${site.origin}/assets/manual.js`);
    assert.equal(plain.message, 'a plain string');
  } finally {
    await done();
  }
});
