// The HTML view: groups with filters, search and pages; a group's page; the Pages view with
// web vitals; escaping of every reported string; the trace link; speed with 100 000 reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, errorItem, eventItem, newId, post, spawnServer, start } from './helpers.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';
import { ROWS_PER_PAGE } from '../../demo/collector/view/html.mjs';
import { summarize, VITALS } from '../../demo/collector/view/pages.mjs';

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
/** @param {import('./helpers.mjs').Server} c @param {string} path */
const html = async (c, path) => (await fetch(`${c.url}${path}`)).text();
/** The text of the cells of the row of table `id` whose first cell contains `key`. @param {string} page @param {string} id @param {string} key */
const rowOf = (page, id, key) => {
  const table = page.split(`<table id="${id}"`)[1]?.split('</table>')[0] ?? '';
  const row = table.split('<tr').find((r) => r.includes('<td') && r.includes(key)) ?? '';
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
};

describe('error groups', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => {
    c = await start();
    const items = [];
    // 3 users, 4 sessions, 2 releases, 2 environments for "checkout failed".
    for (let i = 0; i < 6; i++) {
      items.push({ kind: 'error', id: newId(), ...errorItem({ message: 'checkout failed', release: i < 4 ? 'v1' : 'v2', environment: i % 2 ? 'prod' : 'staging', userId: `user-${i % 3}`, sessionId: `session-${i % 4}` }) });
    }
    items.push({ kind: 'error', id: newId(), ...errorItem({ type: 'RangeError', message: 'out of range', release: 'v2', environment: 'prod' }) });
    await post(c, '/report/batch', { items }, { auth: 'query', headers: { 'User-Agent': CHROME_UA } });
    // The stock dialect counts every request: two more of the same group, no release.
    await post(c, '/report/error', errorItem({ message: 'checkout failed' }));
    await post(c, '/report/error', errorItem({ message: 'checkout failed' }));
  });
  afterAll(() => c.close());

  it('lists each group with its count, users, sessions and release', async () => {
    const page = await html(c, '/');
    const row = rowOf(page, 'groups', 'checkout failed');
    expect(row.slice(1, 4)).toEqual(['8', '3', '4']); // count, users, sessions
    expect(page).toContain('incl. suppressed repeats');
    expect(rowOf(page, 'groups', 'out of range').slice(1, 4)).toEqual(['1', '0', '0']);
    expect(page).toMatch(/<svg class="chart"/);
  });

  it('filters by app, type, release and environment, and searches messages', async () => {
    const messages = async (/** @type {string} */ query) => (await html(c, `/?${query}`)).split('<table id="groups"')[1].split('</table>')[0]
      .match(/checkout failed|out of range/g) ?? [];
    expect(await messages('type=RangeError')).toEqual(['out of range']);
    expect(await messages('release=v1')).toEqual(['checkout failed']);
    expect(await messages('release=v2&environment=prod')).toEqual(expect.arrayContaining(['checkout failed', 'out of range']));
    expect(await messages('release=v1&environment=nowhere')).toEqual([]);
    expect(await messages('q=range')).toEqual(['out of range']);
    expect(await messages('q=%25')).toEqual([]); // % is literal, not a wildcard
    expect(await messages('appId=other-app')).toEqual([]);
    expect(await messages(`appId=${APP}`)).toHaveLength(2);
  });

  it('narrows users and sessions to the chosen release', async () => {
    const row = rowOf(await html(c, '/?release=v2'), 'groups', 'checkout failed');
    expect(row.slice(1, 4)).toEqual(['8', '2', '2']); // the count stays the group's total
  });

  it('pages the group list', async () => {
    const d = await start();
    try {
      const items = Array.from({ length: ROWS_PER_PAGE + 5 }, (_, i) => ({ kind: 'error', id: newId(), ...errorItem({ message: `distinct #${i}` }) }));
      await post(d, '/report/batch', { items }, { auth: 'query' });
      const first = await html(d, '/');
      const second = await html(d, '/?page=2');
      const count = (/** @type {string} */ p) => (p.match(/distinct #\d+/g) ?? []).length;
      expect(count(first)).toBe(ROWS_PER_PAGE);
      expect(count(second)).toBe(5);
      expect(first).toContain('href="/?range=24h&#38;page=2"');
      expect(second).not.toContain('next →');
    } finally { await d.close(); }
  });
});

describe('a group', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const fp = fingerprintOf(APP, 'TypeError', 'x is undefined');
  beforeAll(async () => {
    c = await start({ config: { view: { traceUrl: 'https://jaeger.test/trace/{traceId}?from=view' } } });
    const now = Date.now();
    await post(c, '/report/batch', { items: [
      { kind: 'error', id: newId(), ...errorItem({ release: 'v7', environment: 'prod', page: '/cart', traceId, spanId: '00f067aa0ba902b7', tags: { plan: 'pro' }, time: now,
        cause: [{ message: 'fetch failed', stack: 'Error: fetch failed\n    at load' }, { message: 'socket hang up' }],
        breadcrumbs: [{ type: 'click', time: now - 3000, message: 'button#buy' }, { type: 'http', time: now - 1000, category: 'fetch', message: 'POST /api/pay', data: { status: 502, traceId } }] }) },
    ] }, { auth: 'query', headers: { 'User-Agent': CHROME_UA } });
  });
  afterAll(() => c.close());

  it('shows the occurrence: page, browser and OS parsed, tags, cause chain, breadcrumbs in order, trace link', async () => {
    const page = await html(c, `/group?fp=${fp}`);
    expect(page).toContain('Latest occurrence');
    expect(page).toMatch(/<dt>Browser<\/dt><dd>Chrome 140\.0\.0\.0<\/dd>/);
    expect(page).toMatch(/<dt>OS<\/dt><dd>Linux<\/dd>/);
    expect(page).toMatch(/<dt>Page<\/dt><dd>\/cart<\/dd>/);
    expect(page).toContain('plan: pro');
    expect(page.indexOf('fetch failed')).toBeLessThan(page.indexOf('socket hang up'));
    expect(page.indexOf('button#buy')).toBeLessThan(page.indexOf('POST /api/pay'));
    expect(page).toContain('(-3.0 s)');
    expect(page).toContain(`<a href="https://jaeger.test/trace/${traceId}?from=view" rel="noreferrer noopener" target="_blank">${traceId}</a>`);
    expect(page).toContain('00f067aa0ba902b7');
    // The http breadcrumb's trace id links to the same trace.
    const crumbs = page.split('<ol class="timeline">')[1].split('</ol>')[0];
    expect(crumbs).toContain(`<a href="https://jaeger.test/trace/${traceId}?from=view"`);
  });

  it('shows a chosen occurrence, and answers 404 for an unknown group', async () => {
    await post(c, '/report/error', errorItem({ release: 'v8' }));
    const seqs = [...(await html(c, `/group?fp=${fp}`)).matchAll(/occ=(\d+)/g)].map((m) => Number(m[1]));
    const oldest = Math.min(...seqs);
    expect(await html(c, `/group?fp=${fp}`)).toMatch(/<dt>Release<\/dt><dd>v8<\/dd>/);
    const chosen = await html(c, `/group?fp=${fp}&occ=${oldest}`);
    expect(chosen).toContain('Chosen occurrence');
    expect(chosen).toMatch(/<dt>Release<\/dt><dd>v7<\/dd>/);
    expect((await fetch(`${c.url}/group?fp=nope`)).status).toBe(404);
  });

  it('links no trace id that is not 32 hex characters, and refuses a template that is not http(s)', async () => {
    await post(c, '/report/error', errorItem({ message: 'bad trace', traceId: '"><script>alert(1)</script>' }));
    const page = await html(c, `/group?fp=${fingerprintOf(APP, 'TypeError', 'bad trace')}`);
    expect(page).not.toContain('jaeger.test');
    expect(page).not.toContain('<script>alert');
    await expect(start({ config: { view: { traceUrl: 'javascript:alert({traceId})' } } })).rejects.toThrow(/view\.traceUrl must be an http or https URL/);
    await expect(start({ config: { view: { traceUrl: 'https://jaeger.test/trace/' } } })).rejects.toThrow(/must be a string holding \{traceId\}/);
  });
});

describe('--trace-url', () => {
  it('sets the view\'s trace link from the command line, and a bad template stops the start', async () => {
    const ok = await spawnServer(['demo/collector/main.mjs', '--port', '0', '--db', ':memory:', '--trace-url', 'http://jaeger.test/trace/{traceId}'], {}, /listening on (http:\/\/\S+)/);
    await ok.stop();
    await expect(spawnServer(['demo/collector/main.mjs', '--port', '0', '--db', ':memory:', '--trace-url', 'ftp://x/{traceId}'], {}, /listening on (http:\/\/\S+)/))
      .rejects.toThrow(/exited 1: Tracely collector failed to start: Invalid collector config: view\.traceUrl must be an http or https URL/);
  });
});

describe('escaping', () => {
  it('escapes every reported string on every page', async () => {
    const c = await start();
    try {
      const evil = '<script>alert(1)</script>';
      const fields = { type: evil, message: evil, stack: evil, release: evil, environment: evil, page: evil, url: evil, userId: evil, sessionId: evil,
        tags: { [evil]: evil }, cause: [{ message: evil, stack: evil }], frames: [{ file: evil, line: evil, column: 1, function: evil, inApp: true }],
        breadcrumbs: [{ type: evil, time: 1, category: evil, message: evil, data: { x: evil } }] };
      await post(c, '/report/batch', { items: [{ kind: 'error', id: newId(), ...errorItem(fields) }] }, { auth: 'query', headers: { 'User-Agent': evil } });
      await post(c, '/report/batch', { items: [
        { kind: 'event', id: newId(), ...eventItem({ eventName: '_active', userId: evil, metadata: { page: evil, duration: 3 } }) },
        { kind: 'event', id: newId(), ...eventItem({ eventName: 'web_vitals', metadata: { page: evil, LCP: { value: evil } } }) },
      ] }, { auth: 'query' });
      const fp = fingerprintOf(APP, evil, evil);
      for (const path of ['/', `/?q=${encodeURIComponent(evil)}&release=${encodeURIComponent(evil)}`, `/group?fp=${fp}`, '/pages']) {
        const page = await html(c, path);
        expect(page, path).toContain('&#60;script&#62;');
        expect(page.match(/<script/g), path).toHaveLength(1); // the page's own refresher only
      }
    } finally { await c.close(); }
  });
});

describe('pages', () => {
  it('counts views, visitors and foreground time from _active, and web vitals p75 with rating shares', async () => {
    const c = await start();
    try {
      const active = [[ 'a', '/home', 10 ], [ 'a', '/home', 5 ], [ 'b', '/home', 20 ], [ 'b', '/cart', 7 ]]
        .map(([userId, page, duration]) => ({ kind: 'event', id: newId(), ...eventItem({ eventName: '_active', userId, metadata: { page, duration } }) }));
      const lcps = [1000, 2000, 3000, 5000]; // p75 (nearest rank) = 3000: needs improvement; shares 50/25/25
      const vitals = lcps.map((value) => ({ kind: 'event', id: newId(), ...eventItem({ eventName: 'web_vitals', metadata: { page: '/home', LCP: { value }, CLS: { value: 0.01 } } }) }));
      await post(c, '/report/batch', { items: [...active, ...vitals] }, { auth: 'query' });
      const page = await html(c, '/pages');
      const home = rowOf(page, 'pages', '/home');
      expect(home.slice(0, 4)).toEqual(['/home', '3', '2', '35 s 12 s per view']);
      expect(home[4]).toBe('3000 ms needs improvement 50% good · 25% NI · 25% poor · n=4');
      expect(home[6]).toMatch(/^0\.010 good 100% good/);
      expect(rowOf(page, 'pages', '/cart').slice(0, 3)).toEqual(['/cart', '1', '1']);
      expect(rowOf(page, 'page-totals', '')).toEqual(['4', '2', '42 s']);
      expect(await html(c, '/pages?range=1h')).toContain('/home');
    } finally { await c.close(); }
  });

  it('rates by web.dev thresholds: at the threshold is still the better rating', () => {
    expect(summarize([2500, 4000, 4001], VITALS.LCP)).toEqual({ p75: 4001, shares: [1 / 3, 1 / 3, 1 / 3], n: 3 });
    expect(summarize([0.1, 0.25], VITALS.CLS)?.shares).toEqual([0.5, 0.5, 0]);
    expect(summarize([], VITALS.INP)).toBeNull();
  });
});

describe('100 000 stored reports', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'collector-view-'));
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  const ERRORS = 70_000;
  const EVENTS = 30_000;
  beforeAll(async () => {
    c = await start({ dbPath: join(tmp, 'view.sqlite') });
    const now = Date.now();
    /** @param {number} at */
    const meta = (at) => ({ receivedAt: at, userAgent: CHROME_UA, dialect: /** @type {const} */ ('batch'), ip: '127.0.0.1' });
    c.store.transaction(() => {
      // 500 groups, and one hot group holding 20 000 of the occurrences.
      for (let i = 0; i < ERRORS; i++) {
        c.store.addError({ id: newId(), ...errorItem({ message: i < 20_000 ? 'hot' : `boom #${i % 500}`, release: `r${i % 5}`, environment: i % 2 ? 'prod' : 'staging',
          userId: `u${i % 3000}`, sessionId: `s${i % 9000}`, time: now, frames: [{ file: 'https://x.test/app.js', line: 1, column: 5, function: 'q', inApp: true }] }) }, meta(now - (i * 37) % 86_400_000));
      }
      for (let i = 0; i < EVENTS; i++) {
        const metadata = i % 2 ? { page: `/p${i % 80}`, duration: i % 60 } : { page: `/p${i % 80}`, LCP: { value: i % 5000 }, INP: { value: i % 700 }, CLS: { value: (i % 40) / 100 } };
        c.store.addEvent({ id: newId(), ...eventItem({ eventName: i % 2 ? '_active' : 'web_vitals', userId: `u${i % 3000}`, metadata }) }, meta(now - (i * 53) % 86_400_000));
      }
    });
  }, 180_000);
  afterAll(async () => { await c.close(); rmSync(tmp, { recursive: true, force: true }); });

  it('renders every page; the figures are logged', async () => {
    const hot = fingerprintOf(APP, 'TypeError', 'hot');
    const paths = ['/', '/?release=r2&environment=prod', '/?q=boom%20%2342', '/?page=5', `/group?fp=${hot}`, `/group?fp=${hot}&page=100`, '/pages', '/pages?range=all'];
    const figures = [];
    for (const path of paths) {
      await html(c, path); // warm
      const started = performance.now();
      const page = await html(c, path);
      figures.push(`${path} ${Math.round(performance.now() - started)} ms ${Buffer.byteLength(page)} B`);
      expect(page).toContain('</main>');
    }
    console.log(`[figures] view over ${ERRORS + EVENTS} stored reports: ${figures.join('; ')}`);
    expect(rowOf(await html(c, `/?q=hot`), 'groups', 'hot')[1]).toBe('20000');
  }, 120_000);
});
