// What leaves the page, attacked as real pages leak: secrets in URLs (OAuth fragments, codes,
// JWTs, path parameters, signed storage URLs, credentials) reaching the page URL, routes,
// frames, stacks, messages, resource and CSP errors, network, navigation and console crumbs,
// dwell and web vitals; and form data reaching click crumbs. Every secret is a unique marker;
// each test reads every field the collector stored (and the spool) and looks for the markers.
import type { Page } from '@playwright/test';
import { test, expect, type CollectorClient, type Stored, leave } from './support/fixtures';
import { consentPage, sleep } from './cmp/page';

/** A JWT whose payload names where it was put: {"sub":"<where>"}. */
const jwt = (where: string) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: where })).toString('base64url')}.c2ln${where}`;

/** Every string field stored, with its path (`errors[3].breadcrumbs[2].data.url`). */
function fields(value: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value == 'string') out.push([path, value]);
  else if (value && typeof value == 'object') for (const [k, v] of Object.entries(value)) fields(v, `${path}${Array.isArray(value) ? `[${k}]` : '.' + k}`, out);
  return out;
}

/**
 * Where each secret was found: `{ marker: [paths] }`, empty when nothing leaked. The test servers'
 * own `origins` are not looked in: their random ports may hold a short secret's digits.
 */
function leaks(stored: unknown, secrets: string[], origins: string[] = []): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [path, raw] of fields(stored, 'stored')) {
    const text = origins.reduce((t, origin) => t.split(origin).join(''), raw);
    for (const s of secrets) if (text.includes(s)) (found[s] ||= []).push(path.replace(/\[\d+\]/g, '[]'));
  }
  for (const s in found) found[s] = [...new Set(found[s])];
  return found;
}

async function everything(collector: CollectorClient): Promise<{ errors: Stored[]; events: Stored[] }> {
  return { errors: await collector.errors(), events: await collector.events() };
}

const open = async (page: Page, url: string) => {
  await page.goto(url);
  // The idle period: breadcrumbs and routes are installed.
  await page.waitForFunction(() => new Promise((r) => requestIdleCallback(() => r(true))));
  await sleep(300);
};

test('URLs quoted in messages, resource errors and stacks: OAuth fragments, path parameters and JWTs are filtered', async ({ page, site, collector }) => {
  const body = `<script>
    window.raise = () => {
      setTimeout(() => { throw new Error('callback https://app.example/cb#access_token=ACCESS_MSG&id_token=IDTOKEN_MSG&expires_in=3600'); });
      setTimeout(() => { throw new Error('session https://app.example/cart;jsessionid=SESSION_MSG?step=2'); });
      setTimeout(() => { throw new Error('reset link https://app.example/reset/${jwt('MSGPATH')} and header Bearer ${jwt('MSGTEXT')}'); });
      setTimeout(() => { throw new Error('relative GET /api/orders?token=TOKEN_RELATIVE failed'); });
      setTimeout(() => { throw new Error('outer', { cause: new Error('inner https://app.example/cb#access_token=ACCESS_CAUSE') }); });
      for (const src of ['/pixel.png#access_token=ACCESS_IMG', '/pixel;jsessionid=SESSION_IMG.png', '/avatar/${jwt('IMGPATH')}.png'])
        document.body.appendChild(Object.assign(new Image(), { src }));
    };
  </script>`;
  await open(page, site.page('/messages.html', consentPage(collector.url, { body, options: '{ breadcrumbs: false }' })));
  await page.evaluate(() => (window as any).raise());
  const errors = await collector.waitFor(() => collector.errors(), (items) => items.length >= 8);
  expect(errors.map((e) => e.type).sort()).toEqual([...Array(5).fill('jsError'), ...Array(3).fill('resourceError')]);
  const secrets = ['ACCESS_MSG', 'IDTOKEN_MSG', 'SESSION_MSG', jwt('MSGPATH'), jwt('MSGTEXT'), 'TOKEN_RELATIVE', 'ACCESS_CAUSE', 'ACCESS_IMG', 'SESSION_IMG', jwt('IMGPATH')];
  expect(leaks(await everything(collector), secrets)).toEqual({});
  // What is not secret stays readable.
  const messages = errors.map((e) => e.message);
  expect(messages).toContain('Error: callback https://app.example/cb#access_token=[Filtered]&id_token=[Filtered]&expires_in=3600');
  expect(messages).toContain('Error: session https://app.example/cart;jsessionid=[Filtered]?step=2');
  expect(messages).toContain('Error: reset link https://app.example/reset/[Filtered] and header Bearer [Filtered]');
  expect(messages).toContain('Error: relative GET /api/orders?token=[Filtered] failed');
  expect(messages).toContain(`${site.origin}/avatar/[Filtered].png`);
  expect(errors.find((e) => e.message === 'Error: outer')!.cause[0].message).toBe('Error: inner https://app.example/cb#access_token=[Filtered]');
});

test('the page URL, frames, page, routes, _active and web_vitals: JWT path segments, ;jsessionid= and hash-route tokens are filtered', async ({ page, site, collector }) => {
  const path = `/account/${jwt('PAGEPATH')};jsessionid=SESSION_PAGE`;
  const body = `<button id="boom" onclick="throw new Error('on ' + location.pathname.slice(0, 6))">boom</button>`;
  await open(page, site.page(path, consentPage(collector.url, { body })) + `?code=CODE_PAGE&state=STATE_PAGE&PHPSESSID=PHPSESS_PAGE&q=shoes#access_token=ACCESS_PAGE`);
  await page.click('#boom');
  // A second or more on each route: each sends its own _active.
  await sleep(1100);
  // Another message (the throttle would hold the same one back). A hash router's OAuth callback, and a route whose path carries a JWT and a session id.
  await page.evaluate((to) => history.pushState({}, '', to), `/reset/${jwt('ROUTEPATH')};jsessionid=SESSION_ROUTE#/callback&access_token=ACCESS_ROUTE`);
  await sleep(1100);
  await page.click('#boom');
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 2);
  await leave(page);
  await collector.waitFor(() => collector.events(), (items) => items.filter((e) => e.eventName === '_active').length >= 2 && items.some((e) => e.eventName === 'web_vitals'));
  const stored = await everything(collector);
  const secrets = [jwt('PAGEPATH'), 'SESSION_PAGE', 'CODE_PAGE', 'STATE_PAGE', 'PHPSESS_PAGE', 'ACCESS_PAGE', jwt('ROUTEPATH'), 'SESSION_ROUTE', 'ACCESS_ROUTE'];
  expect(leaks(stored, secrets)).toEqual({});
  const [first, second] = stored.errors;
  expect(first.url).toBe(`${site.origin}/account/[Filtered];jsessionid=[Filtered]?code=[Filtered]&state=[Filtered]&PHPSESSID=[Filtered]&q=shoes#access_token=[Filtered]`);
  // Chromium names an inline script by the document's URL, fragment included.
  expect(first.frames[0].file).toBe(first.url);
  expect(first.page).toBe('/account/[Filtered];jsessionid=[Filtered]');
  expect(second.page).toBe('/reset/[Filtered];jsessionid=[Filtered]#/callback&access_token=[Filtered]');
  const pages = stored.events.filter((e) => e.eventName === '_active').map((e) => e.metadata.page);
  expect(pages).toEqual(['/account/[Filtered];jsessionid=[Filtered]', '/reset/[Filtered];jsessionid=[Filtered]#/callback&access_token=[Filtered]']);
  expect(stored.events.find((e) => e.eventName === 'web_vitals')!.metadata.page).toBe('/account/[Filtered];jsessionid=[Filtered]');
});

test('hashRouting: an OAuth implicit-flow fragment is a route, and its tokens are filtered', async ({ page, site, collector }) => {
  await open(page, site.page('/spa.html', consentPage(collector.url, { options: '{ hashRouting: true }' })) + '#access_token=ACCESS_HASH&id_token=IDTOKEN_HASH&expires_in=3600');
  await page.evaluate(() => (window as any).tracely.reportError(new Error('after login')));
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  // A second on the route, so that its _active is sent.
  await sleep(1100);
  await leave(page);
  const events = await collector.waitFor(() => collector.events(), (items) => items.some((e) => e.eventName === '_active'));
  expect(events.find((e) => e.eventName === '_active')!.metadata.page).toBe('/spa.html#access_token=[Filtered]&id_token=[Filtered]&expires_in=3600');
  expect(leaks(await everything(collector), ['ACCESS_HASH', 'IDTOKEN_HASH'])).toEqual({});
  expect(error.page).toBe('/spa.html#access_token=[Filtered]&id_token=[Filtered]&expires_in=3600');
});

test('console crumbs quoting a URL are filtered; logged objects, headers and bodies are never read', async ({ page, site, collector }) => {
  await open(page, site.page('/console.html', consentPage(collector.url)));
  await page.evaluate(async () => {
    console.warn('retrying https://api.example/v1/me?access_token=ACCESS_CONSOLE&page=2');
    console.error(new Error('GET /api/orders?api_key=APIKEY_CONSOLE failed'));
    console.error('login failed', { password: 'PASSWORD_OBJECT', authorization: 'Bearer AUTH_OBJECT' });
    await fetch('/api/items?token=TOKEN_FETCH&q=1', { method: 'POST', headers: { Authorization: 'Bearer AUTH_HEADER', Cookie: 'sid=COOKIE_HEADER' }, body: JSON.stringify({ password: 'PASSWORD_BODY' }) });
    await new Promise((done) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/login?password=PASSWORD_XHR#access_token=ACCESS_XHR');
      xhr.setRequestHeader('Authorization', 'Basic AUTH_XHR');
      xhr.onloadend = done;
      xhr.send('password=PASSWORD_XHR_BODY');
    });
    // The crumb is recorded by a loadend listener after the page's own.
    await new Promise((next) => setTimeout(next));
    (window as any).tracely.reportError(new Error('with crumbs'));
  });
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  const secrets = ['ACCESS_CONSOLE', 'APIKEY_CONSOLE', 'PASSWORD_OBJECT', 'AUTH_OBJECT', 'TOKEN_FETCH', 'AUTH_HEADER', 'COOKIE_HEADER', 'PASSWORD_BODY', 'PASSWORD_XHR', 'ACCESS_XHR', 'AUTH_XHR'];
  expect(leaks(await everything(collector), secrets)).toEqual({});
  const crumbs = error.breadcrumbs.map((c: any) => c.message || c.data?.url);
  expect(crumbs).toEqual([
    'retrying https://api.example/v1/me?access_token=[Filtered]&page=2',
    'Error: GET /api/orders?api_key=[Filtered] failed',
    'login failed [object]',
    '/api/items?token=&q=',
    '/api/login?password=#access_token=',
  ]);
});

test('click crumbs: typed and prefilled values are never read, a label around a textarea included; email addresses and long numbers shown are hidden', async ({ page, site, collector }) => {
  const body = `<input type="password" id="pw" name="password"><input id="card" name="card">
    <label id="address">Address <textarea>12 PREFILLED Street</textarea></label>
    <label id="note">Note <span contenteditable="true" style="display:inline-block;min-width:80px">x</span></label>
    <button id="buy">Buy now</button>
    <button id="account" aria-label="Account of MENU.LABEL@example.com">Signed in as <b>shown.text+tag@mail.example.co</b></button>
    <button id="call" data-testid="call-4155550100">Call +1 (415) 555-0100</button>`;
  await open(page, site.page('/form.html', consentPage(collector.url, { body })));
  await page.fill('#pw', 'TYPED_PASSWORD');
  await page.fill('#card', '4111111111111111');
  await page.fill('#note span', 'TYPED_NOTE');
  for (const id of ['#pw', '#card', '#address', '#note', '#buy', '#account', '#call']) await page.click(id, { position: { x: 2, y: 2 } });
  await page.evaluate(() => (window as any).tracely.reportError(new Error('after the form')));
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  // '555' is the phone's middle group: the test servers' random ports may hold it too.
  const secrets = ['TYPED_PASSWORD', '4111111111111111', 'PREFILLED', 'TYPED_NOTE', 'MENU.LABEL', 'shown.text', '555', '4155550100'];
  expect(leaks(await everything(collector), secrets, [site.origin, collector.url])).toEqual({});
  expect(error.breadcrumbs.filter((c: any) => c.type === 'click').map((c: any) => [c.message, c.data?.text])).toEqual([
    ['input#pw[name="password"]', undefined],
    ['input#card[name="card"]', undefined],
    ['label#address', undefined],
    // The label passes the click on to its textarea.
    ['textarea', undefined],
    ['label#note', undefined],
    ['button#buy', 'Buy now'],
    // An email address the page shows (the signed-in visitor's) is hidden, in the text and the attributes.
    ['button#account[aria-label="Account of [email]"]', 'Signed in as [email]'],
    // A phone number the page shows (a customer's, a support line's), and in an attribute.
    ['button#call[data-testid="call-[number]"]', 'Call [number]'],
  ]);
});

test('credentials, signed S3/GCS URLs, OAuth code and state, a CSP blockedURI and sample, the spool, trace-context crumbs', async ({ page, site, collector }) => {
  // The OpenTelemetry script tag: trace context on the page's requests, ids on their crumbs.
  const html = consentPage(collector.url, {
    body: `<script>
      window.leak = async () => {
        document.body.appendChild(Object.assign(new Image(), { src: '/s3.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AMZ_CREDENTIAL&X-Amz-Security-Token=AMZ_TOKEN&X-Amz-Signature=AMZ_SIGNATURE' }));
        document.body.appendChild(Object.assign(new Image(), { src: '/gcs.png?X-Goog-Credential=GOOG_CREDENTIAL&X-Goog-Signature=GOOG_SIGNATURE' }));
        // Blocked by the page's policy: a cross-origin image whose URL holds a token.
        document.body.appendChild(Object.assign(new Image(), { src: 'http://localhost:9/csp.png?token=TOKEN_CSP&api_key=APIKEY_CSP' }));
        // Blocked too, with its first 40 characters as the violation's sample: page code, with a URL.
        document.head.appendChild(Object.assign(document.createElement('style'), { textContent: 'b{background:url(/b?token=TOKEN_SAMPLE)}' }));
        await fetch('/api/oauth/callback?code=CODE_FETCH&state=STATE_FETCH').catch(() => {});
        setTimeout(() => { throw new Error('login to https://alice:PASSWORD_CREDENTIALS@app.example/admin?password=PASSWORD_QUERY failed'); });
      };
    </script>`,
  }).replace('/dist/tracely.min.js', '/dist/tracely.otel.min.js');
  await open(page, site.page('/signed.html', html, { 'Content-Security-Policy': "img-src 'self'; style-src 'self' 'report-sample'" }));
  await collector.faults({ status: 503 });
  await page.evaluate(() => (window as any).leak());
  await sleep(1500);
  // The server answers 503: at exit the reports go to the spool, in localStorage.
  const probe = await page.context().newPage();
  await leave(page);
  await probe.goto(site.page('/plain.html', '<!doctype html><title>plain</title>'));
  const spool = await probe.evaluate(() => localStorage.getItem('_tracely_spool'));
  expect(spool).toContain('[Filtered]');
  await collector.faults({});
  // The next page of the origin sends what was spooled.
  await probe.goto(site.origin + '/signed.html');
  const errors = await collector.waitFor(() => collector.errors(), (items) => items.length >= 6);
  const secrets = ['AMZ_CREDENTIAL', 'AMZ_TOKEN', 'AMZ_SIGNATURE', 'GOOG_CREDENTIAL', 'GOOG_SIGNATURE', 'TOKEN_CSP', 'APIKEY_CSP', 'CODE_FETCH', 'STATE_FETCH', 'PASSWORD_CREDENTIALS', 'PASSWORD_QUERY', 'TOKEN_SAMPLE'];
  expect(leaks({ spool, stored: await everything(collector) }, secrets)).toEqual({});
  const csp = errors.find((e) => e.type === 'cspError' && e.message.startsWith('CSP img-src'))!;
  expect(csp.message).toBe('CSP img-src: http://localhost:9/csp.png?token=[Filtered]&api_key=[Filtered]');
  const style = errors.find((e) => e.type === 'cspError' && e.message.startsWith('CSP style-src'))!;
  expect(style.csp).toEqual({ disposition: 'enforce', sample: 'b{background:url(/b?token=[Filtered])}' });
  const thrown = errors.find((e) => e.type === 'jsError')!;
  expect(thrown.message).toBe('Error: login to https://app.example/admin?password=[Filtered] failed');
  const http = thrown.breadcrumbs.find((c: any) => c.type === 'http');
  expect(http.data).toMatchObject({ url: '/api/oauth/callback?code=&state=', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
});

test("the SDK's requests carry no Referer, whatever the page's referrer policy (its URL holds tokens)", async ({ page, site, collector }) => {
  // unsafe-url (or no-referrer-when-downgrade between two https origins) sends the whole page URL, query included.
  const before = '<meta name="referrer" content="unsafe-url">';
  const referers: Record<string, string[]> = { sdk: [], page: [] };
  page.on('request', (request) => {
    const to = request.url().startsWith(collector.url) ? 'sdk' : request.url().includes('/cross-origin-api') ? 'page' : '';
    if (to) referers[to].push(request.headers()['referer'] ?? '');
  });
  await open(page, site.page('/referrer.html', consentPage(collector.url, { before })) + '?token=TOKEN_REFERER&q=1');
  await page.evaluate(async (api) => {
    // The page's own cross-origin request carries its URL: the policy is in force.
    await fetch(api + '/cross-origin-api', { mode: 'no-cors' }).catch(() => {});
    (window as any).tracely.reportError(new Error('referrer'));
    (window as any).tracely.reportEvent('purchase', { amount: 1 });
  }, collector.url.replace('localhost', '127.0.0.1'));
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  expect(referers.page).toEqual([expect.stringContaining('token=TOKEN_REFERER')]);
  expect(referers.sdk.length).toBeGreaterThanOrEqual(2);
  expect(referers.sdk.filter((r) => r.includes('TOKEN_REFERER'))).toEqual([]);
});
