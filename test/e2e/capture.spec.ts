// Each capture kind, from a real page on one origin to the real collector on another.
import { test, expect, sdkPage } from './support/fixtures';

test('a thrown error is stored as jsError with frames, signed and complete', async ({ page, site, collector }) => {
  const url = site.page('/app.html', sdkPage(collector.url, {
    options: { release: '1.2.3', environment: 'e2e' },
    body: `<button id="b" onclick="explode()">x</button><script>function explode() { throw new TypeError('kaboom ' + 42); }</script>`,
  }));
  await page.goto(url + '?token=secret-token-value&q=1');
  await page.click('#b');
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item).toMatchObject({
    type: 'jsError',
    message: 'TypeError: kaboom 42',
    appId: 'test-app',
    release: '1.2.3',
    environment: 'e2e',
    page: '/app.html',
    repeat: 0,
    dialect: 'stock',
  });
  expect(item.id).toMatch(/^[0-9a-f]{32}$/);
  expect(Math.abs(item.time - Date.now())).toBeLessThan(60_000);
  expect(item.stack).toContain('explode');
  // The page URL rides in every frame: its secrets must not.
  expect(JSON.stringify(item)).not.toContain('secret-token-value');
  expect(item.url).toBe(`${site.origin}/app.html?token=[Filtered]&q=1`);
  expect(item.frames[0]).toMatchObject({ function: 'explode', file: `${site.origin}/app.html?token=[Filtered]&q=1`, inApp: true });
  expect(item.frames[0].line).toBeGreaterThan(0);
});

test("an error whose message fills the stack's limit keeps its frames: the message line is cut, not them", async ({ page, site, collector }) => {
  const url = site.page('/long.html', sdkPage(collector.url, {
    body: `<button id="b" onclick="explode()">x</button><script>function explode() { throw new Error('y'.repeat(20000)); }</script>`,
  }));
  await page.goto(url);
  await page.click('#b');
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toHaveLength(2000);
  expect(item.truncated).toEqual(expect.arrayContaining(['message', 'stack']));
  expect(item.stack).toContain('\n    at explode (');
  expect(item.frames[0]).toMatchObject({ function: 'explode', file: `${site.origin}/long.html`, inApp: true });
});

test('a failed resource load is a resourceError with the URL, never a jsError', async ({ page, site, collector }) => {
  const url = site.page('/res.html', sdkPage(collector.url, {
    body: `<button id="b">load</button><script>
      document.getElementById('b').onclick = () => {
        const img = new Image(); img.src = '/missing.png'; document.body.appendChild(img);
        const s = document.createElement('script'); s.src = '/missing.js'; document.body.appendChild(s);
      };</script>`,
  }));
  await page.goto(url);
  await page.click('#b');
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await page.waitForTimeout(500);
  const all = await collector.errors();
  expect(all.map((i) => i.type)).toEqual(['resourceError', 'resourceError']);
  expect(items.map((i) => i.message).sort()).toEqual([`${site.origin}/missing.js`, `${site.origin}/missing.png`]);
  expect(items.find((i) => i.message.endsWith('.png'))!.resource.tag).toBe('img');
});

// What the page's Content-Security-Policy blocks is a cspError: directive and what was blocked
// in the message, the page line that tried as the frame, the policy's disposition beside.
test("CSP violations are cspErrors, report-only ones too; the SDK's own requests a policy blocks are never reported", async ({ page, site, collector }) => {
  const blocked = 'http://127.0.0.2:9/pixel.png';
  const policy = `default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self' ${collector.url}`;
  const url = site.page('/csp.html', sdkPage(collector.url, {
    body: `<button id="b">go</button><script>
      document.getElementById('b').onclick = () => {
        const img = new Image(); img.src = ${JSON.stringify(blocked)}; document.body.appendChild(img);
        try { eval('1 + 1'); } catch (e) { window.evalBlocked = e.name; }
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">styled</p>');
      };</script>`,
  }), { 'Content-Security-Policy': policy, 'Content-Security-Policy-Report-Only': `style-src-attr 'none'` });
  await page.goto(url);
  await page.click('#b');
  expect(await page.evaluate(() => (window as any).evalBlocked)).toBe('EvalError');
  await collector.waitFor(() => collector.errors(), (i) => i.filter((x) => x.type == 'cspError').length >= 3);
  await page.waitForTimeout(500);
  const csp = (await collector.errors()).filter((i) => i.type == 'cspError');
  expect(csp.map((i) => i.message).sort()).toEqual([`CSP img-src: ${blocked}`, 'CSP script-src: eval', 'CSP style-src-attr: inline']);
  const byMessage = Object.fromEntries(csp.map((i) => [i.message, i]));
  expect(byMessage['CSP script-src: eval'].csp).toMatchObject({ disposition: 'enforce' });
  // The frame is the page line that called eval.
  expect(byMessage['CSP script-src: eval'].frames[0]).toMatchObject({ file: url, inApp: true });
  expect(byMessage['CSP script-src: eval'].frames[0].line).toBeGreaterThan(0);
  expect(byMessage['CSP style-src-attr: inline'].csp).toMatchObject({ disposition: 'report' });

  // A policy that does not allow the collector blocks every report the SDK sends: each blocked
  // request is a violation, and reporting it would be another request to block, without end.
  const built: string[] = [];
  await page.exposeFunction('builtReport', (message: string) => built.push(message));
  const closed = site.page('/csp-closed.html', sdkPage(collector.url, {
    init: false,
    script: `window.t2 = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: ${JSON.stringify(collector.url)},
        beforeSend: (report) => { builtReport(report.message); return report; } }).init();
      window.t2.reportError(new Error('sent to be blocked'));`,
  }), { 'Content-Security-Policy': `default-src 'self' 'unsafe-inline'; connect-src 'self'` });
  await page.goto(closed);
  await expect.poll(() => built.length).toBeGreaterThan(0);
  await page.waitForTimeout(3000);
  expect(built).toEqual(['sent to be blocked']);
});

test('captureCspViolations: false reports no violation', async ({ page, site, collector }) => {
  const url = site.page('/csp-off.html', sdkPage(collector.url, {
    options: { captureCspViolations: false },
    body: `<button id="b">go</button><script>document.getElementById('b').onclick = () => { try { eval('1'); } catch {} throw new Error('after'); };</script>`,
  }), { 'Content-Security-Policy': `default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ${collector.url}` });
  await page.goto(url);
  await page.click('#b');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(1000);
  expect((await collector.errors()).map((i) => i.type)).toEqual(['jsError']);
});

test('unhandled rejections of every kind of reason are stored as promiseError', async ({ page, site, collector }) => {
  const url = site.page('/rej.html', sdkPage(collector.url, {
    script: `
      const throwing = new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, has() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } });
      const getter = { get message() { throw new Error('getter'); }, get stack() { throw new Error('getter'); }, toJSON() { throw new Error('toJSON'); } };
      window.reasons = [new RangeError('range'), 'a string', 42, { code: 7 }, null, undefined, Symbol('sym'), 10n, throwing, getter];
      document.getElementById('go').onclick = () => { for (const r of reasons) Promise.reject(r); };`,
    body: '<button id="go">reject</button>',
  }));
  await page.goto(url);
  await page.click('#go');
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 10);
  expect(items).toHaveLength(10);
  expect(items.every((i) => i.type === 'promiseError')).toBe(true);
  const messages = items.map((i) => i.message);
  for (const expected of ['RangeError: range', 'a string', '42', '{"code":7}', 'null', 'undefined', 'Symbol(sym)', '10n']) {
    expect(messages).toContain(expected);
  }
  expect(items.find((i) => i.message === 'RangeError: range')!.frames.length).toBeGreaterThan(0);
});

// What pages reject with that is no Error: an image's error event (img.onerror = reject), a fetch
// Response (`if (!res.ok) throw res`), an XHR, an element, a class of the page's. Each was "{}"
// (own fields only, and these have none), all of them one group: now each names its class.
test('a rejection with an event, a Response, an element or a class instance is named by its class, the event by its type', async ({ page, site, collector }) => {
  const url = site.page('/rej-objects.html', sdkPage(collector.url, {
    script: `
      class ApiError { constructor() { this.code = 'E42'; } }
      document.getElementById('go').onclick = async () => {
        const img = new Image();
        new Promise((resolve, reject) => { img.onerror = reject; });
        img.src = '/missing-image.png';
        Promise.reject(await fetch('/missing.json'));
        Promise.reject(new XMLHttpRequest());
        Promise.reject(document.body);
        Promise.reject(new ApiError());
        Promise.reject(new Map([[1, 2]]));
      };`,
    options: { resources: false },
    body: '<button id="go">reject</button>',
  }));
  await page.goto(url);
  await page.click('#go');
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 6);
  await page.waitForTimeout(500);
  expect((await collector.errors()).map((i) => `${i.type} ${i.message}`).sort()).toEqual([
    'promiseError ApiError {"code":"E42"}',
    'promiseError Event: error',
    'promiseError HTMLBodyElement',
    'promiseError Map',
    'promiseError Response',
    'promiseError XMLHttpRequest',
  ]);
  expect(items).toHaveLength(6);
});

test('reportError is a manualError with "<message>: <info>", and reportEvent stores an event', async ({ page, site, collector }) => {
  const url = site.page('/manual.html', sdkPage(collector.url, {
    script: `t.reportError(new Error('payment failed', { cause: new Error('card declined') }), 'checkout');
             t.reportEvent('purchase', { amount: 12 });`,
  }));
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.type).toBe('manualError');
  expect(item.message).toBe('payment failed: checkout');
  expect(item.cause).toEqual([expect.objectContaining({ message: 'Error: card declined' })]);
  const [event] = await collector.waitFor(() => collector.events(), (i) => i.length >= 1);
  expect(event).toMatchObject({ eventName: 'purchase', metadata: { amount: 12 }, appId: 'test-app', page: '/manual.html' });
  // The anonymous visitor id, kept under the original SDK's key.
  expect(event.userId).toBe(await page.evaluate(() => localStorage.getItem('_tracely_uid')));
});

test('a Vue app passed to init keeps its own errorHandler and reports too', async ({ page, site, collector }) => {
  const url = site.page('/vue.html', sdkPage(collector.url, {
    init: false,
    script: `window.seen = [];
      const app = { config: { errorHandler: (err, vm, info) => seen.push(info) } };
      t.init(app);
      app.config.errorHandler(new Error('render broke'), {}, 'render function');`,
  }));
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toBe('render broke: render function');
  expect(await page.evaluate(() => (window as any).seen)).toEqual(['render function']);
});

test('a 1 MB message and stack are truncated, marked, and the body stays under 16 KiB', async ({ page, site, collector }) => {
  const url = site.page('/big.html', sdkPage(collector.url, {
    script: `const e = new Error('M'.repeat(1 << 20)); e.stack = 'S'.repeat(1 << 20); t.reportError(e);
             const cjk = new Error('错'.repeat(1 << 20)); cjk.stack = '栈'.repeat(1 << 20); t.reportError(cjk);`,
  }));
  await page.goto(url);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  for (const item of items) {
    expect(item.truncated).toEqual(expect.arrayContaining(['message', 'stack']));
    expect(item.message.endsWith('…[truncated]')).toBe(true);
  }
  const posts = (await collector.requests()).filter((r) => r.method === 'POST' && r.path === '/report/error');
  expect(posts).toHaveLength(2);
  for (const post of posts) expect(post.bytes).toBeLessThan(16 * 1024);
});

test('bad configuration warns once and disables the SDK without breaking the page', async ({ page, site, collector, consoleErrors }) => {
  const url = site.page('/bad.html', `<!doctype html><script src="/dist/tracely.min.js"></script><script>
    const a = new Tracely({ appId: 'x', host: 'ftp://nope' }); a.init(); a.reportError(new Error('ignored'));
    a.reportEvent('purchase'); window.after = 'page still runs';</script>`);
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).after)).toBe('page still runs');
  expect(consoleErrors.filter((m) => m.includes('[Tracely]'))).toEqual([
    '[Tracely] disabled: appSecret is missing; host "ftp://nope" is not an http(s) URL',
  ]);
  await page.waitForTimeout(300);
  expect(await collector.requests()).toHaveLength(0);
});

test('one report per error: the same Error object thrown, rejected and reported by hand is stored once', async ({ page, site, collector }) => {
  const url = site.page('/once.html', sdkPage(collector.url, {
    script: `const same = new Error('one error, three ways');
      t.reportError(same);
      Promise.reject(same);
      setTimeout(() => { throw same; });
      // A different object with the same message is another occurrence (the throttle counts it).
      setTimeout(() => { throw new Error('another error'); }, 50);`,
  }));
  await page.goto(url);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await page.waitForTimeout(1000);
  const items = await collector.errors();
  expect(items.map((i) => `${i.type} ${i.message}`).sort()).toEqual(['jsError Error: another error', 'manualError one error, three ways']);
});
