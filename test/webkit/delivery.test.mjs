// Delivery in WebKit (WebKitGTK's MiniBrowser): page exit in both dialects (WebKit's own
// pagehide/visibilitychange order, keepalive fetch and sendBeacon), dwell on leave, and the
// consent gate: denied sends and stores nothing, pending then granted sends what was held.
//
//   node --test test/webkit/delivery.test.mjs      (build first; TRACELY_OUT picks the bundle dir)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, startCollector, startSite, useWebKit, waitFor, webkitPage } from './harness.mjs';

/** What a test page exposes to the test. @typedef {Window & typeof globalThis & Record<string, any>} PageWindow */

const webkit = useWebKit('delivery');

/** A fresh site (own origin, own storage) and collector; `done` closes both. */
async function fresh() {
  const collector = await startCollector();
  const site = await startSite();
  const next = site.page('/next.html', '<!doctype html><title>next</title>');
  return { collector, site, next, done: async () => { await site.close(); await collector.close(); } };
}

/** The SDK's keys in the page's storage and cookies (all start with `_tracely_`). */
const sdkKeys = () => [...Object.keys(localStorage), ...Object.keys(sessionStorage), ...document.cookie.split(';').map((c) => c.split('=')[0].trim())]
  .filter((k) => k.startsWith('_tracely_'));

/** The page's record of its exit events, kept in sessionStorage across the navigation. */
const EXIT_ORDER = `for (const [target, type] of [[window, 'pagehide'], [document, 'visibilitychange']])
  target.addEventListener(type, () => sessionStorage.setItem('exit', (sessionStorage.getItem('exit') || '') + type + ':' + document.visibilityState + ' '));`;

for (const dialect of /** @type {const} */ (['stock', 'batch'])) {
  describe(`WebKit, ${dialect} dialect, page exit`, () => {
    it('five errors thrown 5 ms before navigating away are all stored, once each', async () => {
      const { collector, site, next, done } = await fresh();
      try {
        await webkit().goto(site.page('/leave.html', webkitPage(collector.url, {
          options: { dialect, dwell: false, webVitals: false },
          inline: `${EXIT_ORDER}
            window.go = () => {
              for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('thrown before leaving #' + i); }, 0);
              setTimeout(() => { location.href = ${JSON.stringify(next)}; }, 5);
            };`,
        })));
        await webkit().run(() => /** @type {PageWindow} */ (window).go());
        await waitFor(webkit().url, (u) => u === next);
        const items = await waitFor(collector.errors, (i) => i.length >= 5);
        await sleep(500);
        assert.deepEqual(items.map((i) => i.message).sort(), [0, 1, 2, 3, 4].map((i) => `Error: thrown before leaving #${i}`));
        assert.equal((await collector.errors()).length, 5);
        assert.ok((await collector.groups()).every((g) => g.count === 1), 'an error was stored twice');
        const posts = await collector.posts();
        console.log(`# WebKit ${dialect}: exit order ${await webkit().run(() => sessionStorage.getItem('exit'))}; posts ${posts.map((p) => `${p.path} ${p.contentType} ${p.auth}`).join(', ')}`);
        if (dialect === 'batch') assert.ok(posts.every((p) => p.path === '/report/batch' && p.auth === 'query'));
        else assert.ok(posts.every((p) => p.path === '/report/error' && p.auth === 'header'));
      } finally {
        await done();
      }
    });

    it('a window closed 5 ms after five errors: all stored, in each of 5 closes', async () => {
      const outcomes = [];
      const thrown = [];
      const first = await webkit().window();
      for (let run = 0; run < 5; run++) {
        const { collector, site, done } = await fresh();
        try {
          const url = site.page('/close.html', webkitPage(collector.url, {
            options: { dialect, dwell: false, webVitals: false },
            // Each timer counts itself in localStorage: read after the close, it tells an error never
            // thrown (the window closed first) from one thrown and not delivered.
            inline: "window.throwFive = () => { for (let i = 0; i < 5; i++) setTimeout(() => { localStorage.setItem('thrown', String(i + 1)); throw new Error('thrown before closing #' + i); }, 0); };",
          }));
          await webkit().switchTo(await webkit().newWindow());
          await webkit().goto(url);
          await webkit().run(() => /** @type {PageWindow} */ (window).throwFive());
          await sleep(5);
          await webkit().closeWindow();
          await webkit().switchTo(first);
          const items = await waitFor(collector.errors, (i) => i.length >= 5, 5_000);
          assert.ok((await collector.groups()).every((g) => g.count === 1), 'an error was stored twice');
          await webkit().goto(site.page('/after.html', '<!doctype html><title>after</title>'));
          outcomes.push(items.length);
          thrown.push(await webkit().run(() => localStorage.getItem('thrown')));
        } finally {
          await done();
        }
      }
      console.log(`# WebKit ${dialect}: window closed 5 ms after 5 errors, stored per close: ${outcomes.join(', ')} (thrown before the close: ${thrown.join(', ')})`);
      assert.deepEqual(outcomes, [5, 5, 5, 5, 5]);
    });

    it('a page left during an outage spools its reports in localStorage; reopened after it, they are stored once', async () => {
      const { collector, site, next, done } = await fresh();
      try {
        const url = site.page('/outage.html', webkitPage(collector.url, {
          options: { dialect, dwell: false, webVitals: false },
          inline: "window.throwSome = (n) => { for (let i = 0; i < n; i++) setTimeout(() => { throw new Error('during the outage #' + i); }, 0); };",
        }));
        await webkit().goto(url);
        await collector.stop();
        await webkit().run(() => /** @type {PageWindow} */ (window).throwSome(5));
        // Long enough for a first attempt to fail (batch: after the 2 s batch delay), with margin for a loaded machine.
        await sleep(dialect === 'batch' ? 6_000 : 3_000);
        await webkit().goto(next);
        const spooled = await webkit().run(() => localStorage.getItem('_tracely_spool'));
        assert.ok(spooled && spooled.includes('during the outage'), 'nothing was spooled at the exit');
        await collector.restart();
        await webkit().goto(url);
        const items = await waitFor(collector.errors, (i) => i.length >= 5);
        await sleep(500);
        assert.equal((await collector.errors()).length, 5);
        assert.equal(new Set(items.map((i) => i.message)).size, 5);
        assert.equal(await webkit().run(() => localStorage.getItem('_tracely_spool')), null);
      } finally {
        await done();
      }
    });

    it('dwell: the foreground time is one `_active` on leaving, counted once through both exit events', async () => {
      const { collector, site, next, done } = await fresh();
      try {
        await webkit().goto(site.page('/dwell.html', webkitPage(collector.url, { options: { dialect, webVitals: false } })));
        assert.equal(await webkit().run(() => document.visibilityState), 'visible');
        const shownAt = Date.now();
        await sleep(2_200);
        await webkit().run((/** @type {string} */ to) => void setTimeout(() => { location.href = to; }), next);
        const leftAt = Date.now();
        await waitFor(webkit().url, (u) => u === next);
        const events = await waitFor(collector.events, (e) => e.some((x) => x.eventName === '_active'));
        await sleep(500);
        const actives = (await collector.events()).filter((e) => e.eventName === '_active');
        assert.equal(actives.length, 1, `${actives.length} _active events`);
        assert.equal(actives[0].metadata.page, '/dwell.html');
        // Whole seconds of a visible time between 2.2 s and the time to leave (plus the load before shownAt).
        assert.ok(actives[0].metadata.duration >= 2, `duration ${actives[0].metadata.duration}`);
        assert.ok(actives[0].metadata.duration <= Math.ceil((leftAt - shownAt) / 1000) + 1, `duration ${actives[0].metadata.duration}`);
        assert.ok(events.length >= 1);
      } finally {
        await done();
      }
    });
  });
}

describe('WebKit: consent', () => {
  it('denied: an error, an event and a page exit send nothing and store nothing', async () => {
    const { collector, site, next, done } = await fresh();
    try {
      await webkit().goto(site.page('/denied.html', webkitPage(collector.url, {
        options: { consent: 'denied' },
        inline: `window.act = () => {
          setTimeout(() => { throw new Error('never sent'); });
          Promise.reject(new Error('never sent either'));
          t.reportEvent('purchase', { amount: 1 });
        };`,
      })));
      await webkit().run(() => /** @type {PageWindow} */ (window).act());
      await sleep(1_200);
      assert.deepEqual(await webkit().run(sdkKeys), []);
      await webkit().run((/** @type {string} */ to) => void setTimeout(() => { location.href = to; }), next);
      await waitFor(webkit().url, (u) => u === next);
      assert.deepEqual(await webkit().run(sdkKeys), []);
      // Long enough for an exit request or a retry to have arrived, had one been sent.
      await sleep(1_500);
      assert.deepEqual(await collector.requests(), []);
    } finally {
      await done();
    }
  });

  it('pending: nothing sent or stored; granted later, the held error and event are sent', async () => {
    const { collector, site, done } = await fresh();
    try {
      await webkit().goto(site.page('/pending.html', webkitPage(collector.url, {
        options: { consent: 'pending', webVitals: false, dwell: false },
        inline: `window.act = () => {
          setTimeout(() => { throw new Error('held until granted'); });
          t.reportEvent('purchase', { amount: 12 });
        };`,
      })));
      await webkit().run(() => /** @type {PageWindow} */ (window).act());
      await sleep(1_500);
      assert.deepEqual(await collector.requests(), []);
      assert.deepEqual(await webkit().run(sdkKeys), []);
      await webkit().run(() => /** @type {PageWindow} */ (window).t.setConsent('granted'));
      const [error] = await waitFor(collector.errors, (i) => i.length >= 1);
      const [event] = await waitFor(collector.events, (e) => e.length >= 1);
      assert.equal(error.message, 'Error: held until granted');
      assert.equal(error.page, '/pending.html');
      assert.deepEqual([event.eventName, event.metadata], ['purchase', { amount: 12 }]);
      // Granted: the visitor id is made and kept, and both items carry it.
      const uid = await webkit().run(() => localStorage.getItem('_tracely_uid'));
      assert.match(String(uid), /^[0-9a-f-]{36}$/);
      assert.equal(event.userId, uid);
      assert.equal(error.userId, uid);
    } finally {
      await done();
    }
  });
});

describe('WebKit: back/forward cache', () => {
  // WebKitGTK keeps the page in its back/forward cache (also with the site's no-store pages on http).
  it('a page restored from the cache is a new visit: its dwell counted anew, its errors still delivered', async () => {
    const { collector, site, next, done } = await fresh();
    try {
      const url = site.page('/cached.html', webkitPage(collector.url, {
        options: { webVitals: false },
        inline: `window.shows = []; addEventListener('pageshow', (e) => shows.push(e.persisted));
          window.fail = (m) => setTimeout(() => { throw new Error(m); });`,
      }));
      await webkit().goto(url);
      await sleep(1_300);
      await webkit().run(() => /** @type {PageWindow} */ (window).fail('before leaving'));
      await webkit().goto(next);
      await waitFor(collector.events, (e) => e.length >= 1);
      await webkit().back();
      assert.deepEqual(await webkit().until(() => /** @type {PageWindow} */ (window).shows?.length >= 2 && /** @type {PageWindow} */ (window).shows), [false, true]);
      await sleep(1_300);
      await webkit().run(() => /** @type {PageWindow} */ (window).fail('after the restore'));
      await webkit().goto(next);
      const errors = await waitFor(collector.errors, (i) => i.length >= 2);
      const actives = await waitFor(collector.events, (e) => e.length >= 2);
      await sleep(500);
      assert.deepEqual(errors.map((i) => i.message), ['Error: before leaving', 'Error: after the restore']);
      // One `_active` per visit, each of its own second or so: the restored visit's clock started again at pageshow.
      const stored = await collector.events();
      assert.deepEqual(stored.map((e) => [e.eventName, e.metadata.page]), [['_active', '/cached.html'], ['_active', '/cached.html']]);
      // Visible 1.3 s and a little more each time (a loaded machine may make it 2): never the time spent in the cache.
      for (const e of stored) assert.ok(e.metadata.duration >= 1 && e.metadata.duration <= 2, `duration ${e.metadata.duration}`);
      assert.equal(actives.length, 2);
    } finally {
      await done();
    }
  });
});
