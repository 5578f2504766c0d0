// Sampling in a real page against the real collector: 0 and 1 for each category, a 0.5
// rate over 400 sessions, one answer per session, and one per page load without analytics.
import { test, expect } from './support/fixtures';
import { consentPage, sleep, thrower } from './cmp/page';

const blank = '<!doctype html><title>blank</title>';

test('sampleRate and eventSampleRate 0 and 1: each category is all or nothing, on its own', async ({ page, site, collector }) => {
  const cases = [
    { name: 'errors-off', options: `{ sampleRate: 0 }`, errors: 0, events: true },
    { name: 'events-off', options: `{ eventSampleRate: 0 }`, errors: 1, events: false },
    { name: 'both-on', options: `{ sampleRate: 1, eventSampleRate: 1 }`, errors: 1, events: true },
  ];
  for (const c of cases) {
    await page.goto(site.page(`/${c.name}.html`, consentPage(collector.url, { options: c.options, body: `<h1>${c.name}</h1>` + thrower(c.name) })));
    await page.click('#boom');
    await page.evaluate((name) => (window as any).tracely.reportEvent('page_view', { name }), c.name);
    await sleep(1200);
    // Leaving sends `_active` and `web_vitals`: event-sampled like any event.
    await page.goto(site.page('/blank.html', blank));
  }
  await collector.waitFor(() => collector.events(), (items) => items.filter((e) => e.page === '/both-on.html').length >= 3);
  await sleep(1500);
  const errors = await collector.errors();
  const events = await collector.events();
  for (const c of cases) {
    expect(errors.filter((e) => e.page === `/${c.name}.html`).length, c.name).toBe(c.errors);
    const names = events.filter((e) => e.page === `/${c.name}.html`).map((e) => e.eventName).sort();
    expect(names, c.name).toEqual(c.events ? ['_active', 'page_view', 'web_vitals'] : []);
  }
});

test('0.5 over 400 sessions: 200 ± 40 kept, each session all or nothing, errors and events alike', async ({ page, site, collector }) => {
  const url = site.page('/sessions.html', consentPage(collector.url, {
    options: `{ sampleRate: 0.5, eventSampleRate: 0.5, dialect: 'batch', batchDelayMs: 300, maxQueueBytes: 4000000, dwell: false, webVitals: false }`,
  }));
  await page.goto(url);
  await page.evaluate(async () => {
    const t = (window as any).tracely;
    for (let i = 0; i < 400; i++) {
      // A new visit: the stored session has expired, so the SDK starts a new one.
      localStorage.setItem('_tracely_session', JSON.stringify({ id: 'expired', start: 0, last: 0 }));
      t.reportEvent('page_view', { i, n: 1 });
      t.reportError(new Error('session ' + i));
      t.reportEvent('page_view', { i, n: 2 });
      // Let the deferred builds run (at most 100 wait at a time).
      if (i % 25 == 24) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await t.flush(30_000);
  });
  await sleep(1000);
  const events = await collector.events();
  const errors = await collector.errors();
  const sessions = new Map<string, number[]>();
  for (const e of events) sessions.set(e.sessionId, [...(sessions.get(e.sessionId) || []), e.metadata.i]);
  // Binomial(400, 0.5): mean 200, sigma 10.
  expect(sessions.size).toBeGreaterThanOrEqual(160);
  expect(sessions.size).toBeLessThanOrEqual(240);
  for (const [id, list] of sessions) {
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    // Both events of a kept session arrive, under its own id, and no other visit's.
    expect(list).toEqual([list[0], list[0]]);
  }
  expect(new Set(errors.map((e) => e.sessionId))).toEqual(new Set(sessions.keys()));
  expect(errors.length).toBe(sessions.size);
});

test('without analytics consent there is no session: sampling is decided per page load', async ({ page, site, collector }) => {
  const url = site.page('/per-page.html', consentPage(collector.url, {
    options: `{ consent: { errors: 'granted', analytics: 'denied' }, sampleRate: 0.5, dialect: 'batch', batchDelayMs: 100 }`,
  }));
  const LOADS = 24;
  for (let load = 0; load < LOADS; load++) {
    await page.goto(url + '?load=' + load);
    await page.evaluate(async (load) => {
      const t = (window as any).tracely;
      for (let n = 0; n < 3; n++) t.reportError(new Error(`load ${load} error ${n}`));
      await t.flush(10_000);
    }, load);
  }
  await page.goto(site.page('/blank.html', blank));
  await sleep(1000);
  const errors = await collector.errors();
  const byLoad = new Map<string, number>();
  for (const e of errors) {
    const load = /load (\d+)/.exec(e.message)![1];
    byLoad.set(load, (byLoad.get(load) || 0) + 1);
    expect(e).not.toHaveProperty('sessionId');
  }
  // Each page load keeps all three or none; over 24 loads both answers occur (all the same: p < 1e-7).
  for (const count of byLoad.values()) expect(count).toBe(3);
  expect(byLoad.size).toBeGreaterThan(0);
  expect(byLoad.size).toBeLessThan(LOADS);
});
