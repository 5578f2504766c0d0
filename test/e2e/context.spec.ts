// Context on every report: release, environment, tags, user, session, page, viewport and the SDK that sent it.
import { test, expect, sdkPage, PACKAGE_VERSION } from './support/fixtures';

const SESSION = /^[0-9a-f]{32}$/;

for (const dialect of ['stock', 'batch'] as const) {
  test(`${dialect}: errors and events carry release, environment, tags, user, session, page, viewport and the SDK's version`, async ({ page, site, collector }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    const url = site.page('/ctx.html', sdkPage(collector.url, {
      options: { dialect, release: '4.5.6', environment: 'staging', webVitals: false, dwell: false },
      script: `t.setTag('plan', 'pro'); t.setTag('build', 77); t.setTag('gone', 'x'); t.setTag('gone', null);
               t.setUser('user-42');
               t.reportError(new Error('with context'));
               t.reportEvent('purchase', { amount: 3 });
               t.setUser(null);
               t.reportError(new Error('anonymous again'));`,
    }));
    await page.goto(url + '?token=secret');
    const errors = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
    const [event] = await collector.waitFor(() => collector.events('?eventName=purchase'), (i) => i.length >= 1);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('_tracely_session')))!);
    const common = {
      release: '4.5.6',
      environment: 'staging',
      tags: { plan: 'pro', build: '77' },
      sessionId: stored.id,
      page: '/ctx.html',
      viewport: { w: 900, h: 700 },
      sdk: { name: '@tracely/browser', version: PACKAGE_VERSION },
    };
    expect(await page.evaluate(() => (window as unknown as { Tracely: { SDK_VERSION: string } }).Tracely.SDK_VERSION)).toBe(PACKAGE_VERSION);
    expect(stored.id).toMatch(SESSION);
    expect(errors[0]).toMatchObject({ ...common, userId: 'user-42', message: 'with context' });
    expect(event).toMatchObject({ ...common, userId: 'user-42' });
    // setUser(null): back to the anonymous visitor id.
    expect(errors[1]).toMatchObject({ ...common, userId: await page.evaluate(() => localStorage.getItem('_tracely_uid')) });
  });
}

test('the session lives across page loads, ends after 30 idle minutes or 4 hours', async ({ page, site, collector }) => {
  const url = site.page('/s.html', sdkPage(collector.url, {
    options: { webVitals: false, dwell: false },
    script: `t.reportEvent('page_view');`,
  }));
  const read = async () => JSON.parse((await page.evaluate(() => localStorage.getItem('_tracely_session')))!);
  const sessions = async (n: number) => (await collector.waitFor(() => collector.events('?eventName=page_view'), (e) => e.length >= n)).map((e: any) => e.sessionId);
  await page.goto(url);
  await page.reload();
  expect(await sessions(2)).toEqual([(await read()).id, (await read()).id]);
  const first = (await read()).id;
  // 31 minutes without activity.
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('_tracely_session')!);
    s.last = Date.now() - 31 * 60_000;
    localStorage.setItem('_tracely_session', JSON.stringify(s));
  });
  await page.reload();
  const second = (await read()).id;
  expect(second).not.toBe(first);
  expect((await sessions(3))[2]).toBe(second);
  // Active all along, but started more than 4 hours ago.
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('_tracely_session')!);
    s.start = Date.now() - 4 * 3600_000 - 1000;
    s.last = Date.now() - 1000;
    localStorage.setItem('_tracely_session', JSON.stringify(s));
  });
  await page.reload();
  const third = (await read()).id;
  expect(third).not.toBe(second);
  expect((await sessions(4))[3]).toBe(third);
  for (const id of [first, second, third]) expect(id).toMatch(SESSION);
});

test('a click is activity: it keeps the session alive', async ({ page, site, collector }) => {
  const url = site.page('/act.html', sdkPage(collector.url, { options: { webVitals: false, dwell: false }, body: '<button id="b">b</button>' }));
  await page.goto(url);
  await page.click('#b');
  const before = await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('_tracely_session')!);
    s.last = Date.now() - 20 * 60_000;
    localStorage.setItem('_tracely_session', JSON.stringify(s));
    return s;
  });
  // Not within a second of the first click (that would be the same crumb, not new activity).
  await page.waitForTimeout(1100);
  await page.click('#b');
  const after = await page.evaluate(() => JSON.parse(localStorage.getItem('_tracely_session')!));
  expect(after.id).toBe(before.id);
  expect(after.last).toBeGreaterThan(Date.now() - 60_000);
});
