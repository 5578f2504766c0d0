// The consent gate in a real page against the real collector: pending, denied, errors
// without analytics, revoking, and a decision made before the SDK loaded.
import { test, expect } from './support/fixtures';
import { NO_KEYS, consentPage, sdkKeys, sleep, thrower, watchRequests } from './cmp/page';

test('pending: nothing is sent or stored; on grant the held error, event and dwell arrive', async ({ page, site, collector }) => {
  const url = site.page('/pending.html', consentPage(collector.url, { options: `{ consent: 'pending' }`, body: thrower('held error') }));
  const requests = watchRequests(page, collector.url);
  await page.goto(url);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { amount: 12 }));
  // More than a second in the foreground, then a route change: the first page's `_active`.
  await sleep(1300);
  await page.evaluate(() => history.pushState({}, '', '/pending/next'));
  // Long enough for all of it to have been sent, had consent been granted.
  await sleep(1500);
  expect(requests).toEqual([]);
  expect(await collector.requests()).toEqual([]);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);

  await page.evaluate(() => (window as any).tracely.setConsent('granted'));
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  const events = await collector.waitFor(() => collector.events(), (items) => items.length >= 2);
  expect(error).toMatchObject({ type: 'jsError', message: 'Error: held error', page: '/pending.html' });
  expect(events.map((e) => e.eventName).sort()).toEqual(['_active', 'purchase']);
  const active = events.find((e) => e.eventName === '_active')!;
  expect(active.metadata.page).toBe('/pending.html');
  expect(active.metadata.duration).toBeGreaterThanOrEqual(1);
  // Identifiers are made once analytics is granted, and the held items carry them.
  const uid = await page.evaluate(() => localStorage.getItem('_tracely_uid'));
  expect(uid).toMatch(/^[0-9a-f-]{36}$/);
  for (const e of events) expect(e.userId).toBe(uid);
  expect(error.userId).toBe(uid);
  expect(error.sessionId).toMatch(/^[0-9a-f]{32}$/);
  expect((await sdkKeys(page)).local).toContain('_tracely_uid');
});

test('pending, then denied: the held items are discarded and nothing is ever sent', async ({ page, site, collector }) => {
  const url = site.page('/pending-deny.html', consentPage(collector.url, { options: `{ consent: 'pending' }`, body: thrower('never sent') }));
  const requests = watchRequests(page, collector.url);
  await page.goto(url);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { amount: 1 }));
  await page.evaluate(() => (window as any).tracely.setConsent('denied'));
  // A later grant finds nothing held: the deny discarded it.
  await page.evaluate(() => (window as any).tracely.setConsent('granted'));
  await page.evaluate(() => (window as any).tracely.reportEvent('page_view', { after: true }));
  const events = await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  await sleep(1500);
  expect((await collector.events()).map((e) => e.eventName)).toEqual(['page_view']);
  expect(events[0].metadata).toEqual({ after: true });
  expect(await collector.errors()).toEqual([]);
  expect(requests.filter((r) => r.startsWith('POST')).length).toBe(1);
});

test('denied, then granted later: only what happens after the grant arrives', async ({ page, site, collector }) => {
  const url = site.page('/denied.html', consentPage(collector.url, { options: `{ consent: 'denied' }`, body: thrower('before', 'before') + thrower('after', 'after') }));
  const requests = watchRequests(page, collector.url);
  await page.goto(url);
  await page.click('#before');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { when: 'before' }));
  await sleep(1300);
  await page.evaluate(() => history.pushState({}, '', '/denied/next'));
  await sleep(1000);
  expect(requests).toEqual([]);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);

  await page.evaluate(() => (window as any).tracely.setConsent('granted'));
  await page.click('#after');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { when: 'after' }));
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  await sleep(1500);
  const errors = await collector.errors();
  const events = await collector.events();
  expect(errors.map((e) => e.message)).toEqual(['Error: after']);
  // Breadcrumbs are part of error reports: the click before the grant was never kept.
  const clicks = errors[0].breadcrumbs.filter((c: any) => c.type === 'click').map((c: any) => c.message);
  expect(clicks).toEqual(['button#after']);
  // The `_active` of the first page was denied; its seconds are not carried into the grant.
  expect(events.map((e) => [e.eventName, e.metadata])).toEqual([['purchase', { when: 'after' }]]);
});

test('errors granted, analytics denied: errors without identifiers, no _active, no vitals, no storage', async ({ page, site, collector }) => {
  // The same page with analytics granted shows what the exit would send: the gate is what stops it.
  const control = site.page('/control.html', consentPage(collector.url, { options: `{ consent: 'granted' }`, body: '<h1>control</h1>' + thrower('control error') }));
  const url = site.page('/errors-only.html', consentPage(collector.url, { options: `{ consent: { errors: 'granted', analytics: 'denied' } }`, body: '<h1>errors only</h1>' + thrower('errors only') }));
  const blank = site.page('/blank.html', '<!doctype html><title>blank</title>');

  await page.goto(control);
  await page.click('#boom');
  await sleep(1300);
  await page.goto(blank);
  await collector.waitFor(() => collector.events(), (items) => items.some((e) => e.eventName === 'web_vitals') && items.some((e) => e.eventName === '_active'));
  const controlError = (await collector.waitFor(() => collector.errors(), (items) => items.length >= 1))[0];
  expect(controlError.userId).toMatch(/^[0-9a-f-]{36}$/);
  expect(controlError.sessionId).toMatch(/^[0-9a-f]{32}$/);
  const eventsBefore = (await collector.events()).length;
  await page.evaluate(() => localStorage.clear());

  await page.goto(url);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { amount: 1 }));
  await sleep(1300);
  await page.evaluate(() => history.pushState({}, '', '/errors-only/next'));
  const errors = await collector.waitFor(() => collector.errors(), (items) => items.length >= 2);
  const error = errors.find((e) => e.message === 'Error: errors only')!;
  expect(error.page).toBe('/errors-only.html');
  expect(error).not.toHaveProperty('userId');
  expect(error).not.toHaveProperty('sessionId');
  expect(await sdkKeys(page)).toEqual(NO_KEYS);
  await page.goto(blank);
  await sleep(2000);
  expect((await collector.events()).length).toBe(eventsBefore);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);
});

test('revoke after grant: queued items are discarded and counted, storage keys are gone, nothing more is sent', async ({ page, site, collector }) => {
  const url = site.page('/revoke.html', consentPage(collector.url, { body: thrower('before revoke', 'one') + thrower('after revoke', 'two') }));
  await page.goto(url);
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { n: 1 }));
  await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  const keys = await sdkKeys(page);
  expect(keys.local).toEqual(['_tracely_session', '_tracely_uid']);

  // The server fails for a while: what is captured now waits in the queue for a retry.
  await collector.faults({ status: 503, forMs: 60_000 });
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { n: 2 }));
  await page.click('#one');
  await collector.waitFor(() => collector.requests(), (r) => r.some((x) => x.status === 503));
  await page.evaluate(() => (window as any).tracely.setConsent('denied'));
  // Both items are discarded and counted: the one queued at once, the one whose request was
  // failing, as soon as the page has its answer (a CI run revoked before the page had read the
  // 503 the collector had already logged; the item was then queued again and sent later).
  await expect.poll(() => page.evaluate(() => (window as any).tracely.dropped.consent_revoked)).toBe(2);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);
  await collector.faults({});

  const before = (await collector.requests()).length;
  await page.click('#two');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { n: 3 }));
  await sleep(1300);
  await page.evaluate(() => history.pushState({}, '', '/revoke/next'));
  await page.goto(site.page('/blank.html', '<!doctype html><title>blank</title>'));
  await sleep(2000);
  expect((await collector.requests()).length).toBe(before);
  expect((await collector.events()).map((e) => e.metadata.n)).toEqual([1]);
  expect(await collector.errors()).toEqual([]);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);
});

test('a decision made before the SDK loaded is kept, and the same global reaches the SDK afterwards', async ({ page, site, collector }) => {
  // The page's stub, then a consent manager answering at once, then (later) the SDK with no consent option.
  const before = `<script>window.tracelyConsent = window.tracelyConsent || function (v) { tracelyConsent.value = v; };</script>
    <script>tracelyConsent({ errors: 'granted', analytics: 'denied' });</script>`;
  const url = site.page('/early.html', consentPage(collector.url, { before, body: thrower('early') }));
  await page.goto(url);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { n: 1 }));
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  expect(error).not.toHaveProperty('userId');
  await sleep(1000);
  expect(await collector.events()).toEqual([]);
  expect(await sdkKeys(page)).toEqual(NO_KEYS);

  // The manager's later callback calls the same function: it now drives the SDK.
  await page.evaluate(() => (window as any).tracelyConsent({ analytics: 'granted' }));
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', { n: 2 }));
  const [event] = await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  expect(event.metadata).toEqual({ n: 2 });
  expect((await sdkKeys(page)).local).toContain('_tracely_uid');
});

test('an invalid decision is pending, never what was granted before: from setConsent and from the stub before the SDK', async ({ page, site, collector }) => {
  const warnings: string[] = [];
  page.on('console', (msg) => msg.type() === 'warning' && warnings.push(msg.text()));
  // Granted (the default), then a value that is none of the states: a typo must not keep sending.
  await page.goto(site.page('/invalid.html', consentPage(collector.url, { body: thrower('after the typo') })));
  await page.evaluate(() => (window as any).tracely.setConsent('revoked'));
  await page.click('#boom');
  await sleep(1500);
  expect(await collector.errors()).toEqual([]);
  expect(warnings).toEqual(['[Tracely] setConsent must be granted, pending, denied or { errors, analytics }; using pending']);
  // Pending: the error was held, and a valid decision releases it.
  await page.evaluate(() => (window as any).tracely.setConsent('granted'));
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  expect(error.message).toBe('Error: after the typo');

  // The page's stub recorded an invalid value before the SDK loaded (a key misspelt: \`error\`, meant
  // to deny): pending too, not the option's grant.
  const before = `<script>window.tracelyConsent = window.tracelyConsent || function (v) { tracelyConsent.value = v; };</script>
    <script>tracelyConsent({ error: 'denied' });</script>`;
  await page.goto(site.page('/invalid-early.html', consentPage(collector.url, { before, body: thrower('after the early typo') })));
  await page.click('#boom');
  await sleep(1500);
  expect((await collector.errors()).map((e) => e.message)).toEqual(['Error: after the typo']);
  await page.evaluate(() => (window as any).tracelyConsent('granted'));
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 2);
  expect((await collector.errors()).map((e) => e.message).sort()).toEqual(['Error: after the early typo', 'Error: after the typo']);
});

test(`pending holds at most 100 items; the rest are dropped, the first 100 arrive on grant`, async ({ page, site, collector }) => {
  const url = site.page('/bound.html', consentPage(collector.url, { options: `{ consent: 'pending', dialect: 'batch', batchDelayMs: 200 }` }));
  await page.goto(url);
  await page.evaluate(() => {
    for (let i = 0; i < 150; i++) (window as any).tracely.reportError(new Error('held ' + i));
  });
  await page.evaluate(() => (window as any).tracely.setConsent('granted'));
  const errors = await collector.waitFor(() => collector.errors(), (items) => items.length >= 100);
  await sleep(1500);
  expect((await collector.errors()).length).toBe(100);
  expect(errors.map((e) => e.message).sort()).toEqual(Array.from({ length: 100 }, (_, i) => 'held ' + i).sort());
});

test('debug logs each gate decision with the [Tracely] prefix; without debug the SDK is silent', async ({ page, site, collector }) => {
  const lines: string[] = [];
  page.on('console', (msg) => lines.push(msg.text()));
  const quiet = site.page('/quiet.html', consentPage(collector.url, { options: `{ consent: 'denied' }`, body: thrower('quiet') }));
  await page.goto(quiet);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', {}));
  await sleep(300);
  // Only the page's own lines (a missing favicon): nothing from the SDK.
  expect(lines.filter((l) => l.includes('Tracely'))).toEqual([]);

  const loud = site.page('/loud.html', consentPage(collector.url, { options: `{ consent: 'pending', debug: true }`, body: thrower('loud') }));
  await page.goto(loud);
  await page.click('#boom');
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', {}));
  await page.evaluate(() => (window as any).tracely.setConsent({ errors: 'granted', analytics: 'denied' }));
  await page.evaluate(() => (window as any).tracely.reportEvent('purchase', {}));
  await sleep(300);
  const sdk = lines.filter((l) => l.startsWith('[Tracely]'));
  expect(sdk).toEqual(expect.arrayContaining([
    '[Tracely] errors consent pending: held',
    '[Tracely] analytics consent pending: held',
    expect.stringMatching(/^\[Tracely\] consent: /),
    '[Tracely] analytics consent denied: dropped',
  ]));
});
