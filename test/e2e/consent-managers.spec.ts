// Consent managers drive the gate: vanilla-cookieconsent and Klaro through their real
// banners (installed from npm), a TCF v2.2 CMP built on IAB's @iabtcf/cmpapi and
// @iabtcf/core emitting real TC strings, Google Consent Mode through the standard gtag
// snippet, and OneTrust and Cookiebot through their documented globals and events.
import type { Page } from '@playwright/test';
import { TCString } from '@iabtcf/core';
import { test, expect, type CollectorClient } from './support/fixtures';
import { NO_KEYS, consentPage, sdkKeys, sleep, watchRequests } from './cmp/page';
import { tcfCmpScript } from './cmp/bundle';

/** The page's stub: a consent manager may answer before the SDK has loaded (README: consent). */
const STUB = `<script>window.tracelyConsent = window.tracelyConsent || function (v) { tracelyConsent.value = v; };</script>`;

/** Captures an error, an event and (after a second in the foreground) a route change's `_active`. */
async function activity(page: Page, tag: string): Promise<void> {
  await page.evaluate((tag) => {
    const t = (window as any).tracely;
    t.reportError(new Error('error ' + tag));
    t.reportEvent('purchase', { tag });
  }, tag);
}

async function settle(collector: CollectorClient, errors: number, events: number) {
  await collector.waitFor(async () => [await collector.errors(), await collector.events()], ([e, v]) => e.length >= errors && v.length >= events);
  await sleep(1200);
  return { errors: await collector.errors(), events: await collector.events() };
}

const tags = (items: any[]) => items.map((i) => i.metadata?.tag ?? /error (\w+)/.exec(i.message)?.[1]).sort();

// ── vanilla-cookieconsent ─────────────────────────────────────────────────────

function cookieConsentPage(host: string): string {
  return consentPage(host, {
    before: STUB + '<link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">',
    options: `{ consent: 'pending' }`,
    body: `<script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
      <script>
        // The recipe: on consent and on every change, tell Tracely what each category allows.
        const sync = () => tracelyConsent({
          errors: CookieConsent.acceptedCategory('monitoring') ? 'granted' : 'denied',
          analytics: CookieConsent.acceptedCategory('analytics') ? 'granted' : 'denied',
        });
        CookieConsent.run({
          hideFromBots: false,
          categories: { necessary: { enabled: true, readOnly: true }, monitoring: {}, analytics: {} },
          onConsent: sync,
          onChange: sync,
          language: { default: 'en', translations: { en: {
            consentModal: { title: 'Cookies', description: 'We use cookies.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage' },
            preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [
              { title: 'Necessary', linkedCategory: 'necessary' },
              { title: 'Error monitoring', linkedCategory: 'monitoring' },
              { title: 'Analytics', linkedCategory: 'analytics' },
            ] },
          } } },
        });
      </script>`,
  });
}

/** Switches a category on in vanilla-cookieconsent's preferences modal, as a visitor does. */
async function toggleCookieConsent(page: Page, title: string) {
  await page.getByRole('checkbox', { name: title }).check();
}

test.describe('vanilla-cookieconsent', () => {
  test('accept all: held items arrive, identifiers are stored', async ({ page, site, collector }) => {
    const requests = watchRequests(page, collector.url);
    await page.goto(site.page('/cc.html', cookieConsentPage(collector.url)));
    await activity(page, 'held');
    await sleep(800);
    expect(requests).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
    await page.click('.cm__btn[data-role=all]');
    const { errors, events } = await settle(collector, 1, 1);
    expect(tags(errors)).toEqual(['held']);
    expect(tags(events)).toEqual(['held']);
    expect(errors[0].userId).toBe(events[0].userId);
    expect((await sdkKeys(page)).local).toContain('_tracely_uid');
  });

  test('reject all: nothing is ever sent or stored', async ({ page, site, collector }) => {
    const requests = watchRequests(page, collector.url);
    await page.goto(site.page('/cc.html', cookieConsentPage(collector.url)));
    await activity(page, 'held');
    await page.click('.cm__btn[data-role=necessary]');
    await activity(page, 'after');
    await sleep(1500);
    expect(requests).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
  });

  test('accept some (error monitoring only), then change later (analytics too)', async ({ page, site, collector }) => {
    await page.goto(site.page('/cc.html', cookieConsentPage(collector.url)));
    await activity(page, 'held');
    await page.click('.cm__btn[data-role=show]');
    await toggleCookieConsent(page, 'Error monitoring');
    await page.click('.pm__btn[data-role=save]');
    let { errors, events } = await settle(collector, 1, 0);
    expect(tags(errors)).toEqual(['held']);
    expect(errors[0]).not.toHaveProperty('userId');
    expect(events).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);

    // Later, from a "cookie settings" link: analytics too. Only what follows is sent.
    await page.evaluate(() => (window as any).CookieConsent.showPreferences());
    await toggleCookieConsent(page, 'Analytics');
    await page.click('.pm__btn[data-role=save]');
    await activity(page, 'later');
    ({ errors, events } = await settle(collector, 2, 1));
    expect(tags(errors)).toEqual(['held', 'later']);
    expect(tags(events)).toEqual(['later']);
    expect(events[0].userId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// ── Klaro ─────────────────────────────────────────────────────────────────────

function klaroPage(host: string): string {
  // The recipe: one Klaro service per category; its handlers tell Tracely. Before the visitor
  // has confirmed anything, Klaro declines every service: that is "pending", not "denied".
  const service = (name: string, title: string, category: string) => `{
    name: '${name}', title: '${title}', purposes: ['${category}'],
    onAccept: () => tracelyConsent({ ${category}: 'granted' }),
    onDecline: (opts) => tracelyConsent({ ${category}: opts.confirmed ? 'denied' : 'pending' }),
  }`;
  return consentPage(host, {
    before: STUB + `<script>window.klaroConfig = { storageMethod: 'cookie', acceptAll: true, services: [
      ${service('tracely-errors', 'Error monitoring', 'errors')}, ${service('tracely-analytics', 'Analytics', 'analytics')}] };</script>
      <script defer src="/node_modules/klaro/dist/klaro.js"></script>`,
    options: `{ consent: 'pending' }`,
  });
}

test.describe('Klaro', () => {
  test('accept all: held items arrive', async ({ page, site, collector }) => {
    await page.goto(site.page('/klaro.html', klaroPage(collector.url)));
    await page.waitForSelector('.cookie-notice');
    await activity(page, 'held');
    await sleep(800);
    expect(await collector.requests()).toEqual([]);
    await page.click('.cookie-notice .cm-btn-success');
    const { errors, events } = await settle(collector, 1, 1);
    expect(tags(errors)).toEqual(['held']);
    expect(tags(events)).toEqual(['held']);
  });

  test('decline: nothing is sent or stored, before or after', async ({ page, site, collector }) => {
    const requests = watchRequests(page, collector.url);
    await page.goto(site.page('/klaro.html', klaroPage(collector.url)));
    await page.waitForSelector('.cookie-notice');
    await activity(page, 'held');
    await page.click('.cookie-notice .cn-decline');
    await activity(page, 'after');
    await sleep(1500);
    expect(requests).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
  });

  test('accept some (errors only), then change later: analytics on, then off again (revoked)', async ({ page, site, collector }) => {
    await page.goto(site.page('/klaro.html', klaroPage(collector.url)));
    await page.waitForSelector('.cookie-notice');
    await activity(page, 'held');
    await page.click('.cookie-notice .cn-learn-more');
    await page.click('label[for=purpose-item-errors]');
    await page.click('.cm-btn-accept');
    let { errors, events } = await settle(collector, 1, 0);
    expect(tags(errors)).toEqual(['held']);
    expect(errors[0]).not.toHaveProperty('userId');
    expect(events).toEqual([]);

    await page.evaluate(() => (window as any).klaro.show());
    await page.click('label[for=purpose-item-analytics]');
    await page.click('.cm-btn-accept');
    await activity(page, 'later');
    ({ errors, events } = await settle(collector, 2, 1));
    expect(tags(events)).toEqual(['later']);
    expect((await sdkKeys(page)).local).toContain('_tracely_uid');

    await page.evaluate(() => (window as any).klaro.show());
    await page.click('label[for=purpose-item-analytics]');
    await page.click('.cm-btn-accept');
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
    await activity(page, 'revoked');
    ({ errors, events } = await settle(collector, 3, 1));
    expect(tags(errors)).toEqual(['held', 'later', 'revoked']);
    expect(tags(events)).toEqual(['later']);
  });
});

// ── IAB TCF v2.2 ──────────────────────────────────────────────────────────────

async function tcfPage(host: string, cmpFirst = false): Promise<string> {
  const cmp = `<script>${await tcfCmpScript()}</script>`;
  const sdkSide = `<script src="/dist/consent/tcf.min.js"></script><script>TracelyConsent.connectTcf(tracely);</script>`;
  return consentPage(host, {
    // IAB's stub first, as every CMP asks: __tcfapi exists (and queues) before the CMP loads.
    before: '<script src="/node_modules/@iabtcf/stub/lib/stub.js"></script>',
    options: `{ consent: 'pending' }`,
    after: cmpFirst ? '' : sdkSide,
    body: cmpFirst ? cmp + sdkSide : cmp,
  });
}

/** The TC string the CMP holds now, decoded by @iabtcf/core in Node: proof it is a real one. */
async function tcString(page: Page) {
  const encoded: string = await page.evaluate(() => new Promise((resolve) => (window as any).__tcfapi('getTCData', 2, (data: any) => resolve(data.tcString))));
  return TCString.decode(encoded);
}

test.describe('TCF v2.2', () => {
  test('accept all: purposes 1 and 8 consented in a real TC string; held items arrive', async ({ page, site, collector }) => {
    await page.goto(site.page('/tcf.html', await tcfPage(collector.url)));
    await page.waitForSelector('#tcf-accept-all');
    await activity(page, 'held');
    await sleep(800);
    expect(await collector.requests()).toEqual([]);
    await page.click('#tcf-accept-all');
    const { errors, events } = await settle(collector, 1, 1);
    expect(tags(errors)).toEqual(['held']);
    expect(tags(events)).toEqual(['held']);
    const tc = await tcString(page);
    expect(tc.policyVersion).toBe(4);
    expect(tc.purposeConsents.has(1) && tc.purposeConsents.has(8)).toBe(true);
  });

  test('reject all: errors (special purpose, no consent needed) without identifiers; no analytics', async ({ page, site, collector }) => {
    await page.goto(site.page('/tcf.html', await tcfPage(collector.url)));
    await page.waitForSelector('#tcf-reject-all');
    await activity(page, 'held');
    await page.click('#tcf-reject-all');
    const { errors, events } = await settle(collector, 1, 0);
    expect(tags(errors)).toEqual(['held']);
    expect(errors[0]).not.toHaveProperty('userId');
    expect(events).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
    const tc = await tcString(page);
    expect(tc.purposeConsents.size).toBe(0);
  });

  test('accept some (purpose 1 only), then change later to accept all', async ({ page, site, collector }) => {
    await page.goto(site.page('/tcf.html', await tcfPage(collector.url)));
    await page.waitForSelector('#tcf-accept-some');
    await activity(page, 'held');
    await page.click('#tcf-accept-some');
    let { errors, events } = await settle(collector, 1, 0);
    expect(events).toEqual([]);
    expect((await tcString(page)).purposeConsents.has(8)).toBe(false);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);

    await page.click('#tcf-settings');
    await page.click('#tcf-accept-all');
    await activity(page, 'later');
    ({ errors, events } = await settle(collector, 2, 1));
    expect(tags(errors)).toEqual(['held', 'later']);
    expect(tags(events)).toEqual(['later']);
  });

  test('a returning visitor: the CMP answers before the SDK is there, nothing waits for a click', async ({ page, site, collector }) => {
    await page.goto(site.page('/tcf.html', await tcfPage(collector.url)));
    await page.click('#tcf-accept-all');
    // The next page: the CMP reads its stored string and answers first; then the SDK connects.
    await page.goto(site.page('/tcf-again.html', await tcfPage(collector.url, true)));
    await activity(page, 'again');
    const { events } = await settle(collector, 1, 1);
    expect(tags(events)).toEqual(['again']);
    expect(await page.isVisible('#tcf-banner')).toBe(false);
  });
});

// ── Google Consent Mode v2 ────────────────────────────────────────────────────

function gcmPage(host: string, defaultAnalytics: 'granted' | 'denied'): string {
  return consentPage(host, {
    // Google's standard snippet: gtag pushes its arguments onto the dataLayer.
    before: `<script>
      window.dataLayer = window.dataLayer || [];
      function gtag() { dataLayer.push(arguments); }
      gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: '${defaultAnalytics}' });
      gtag('js', new Date());
    </script>`,
    options: `{ consent: 'pending' }`,
    helpers: ['google-consent-mode'],
    after: `<script>TracelyConsent.connectGoogleConsentMode(tracely);</script>`,
    body: `<button id="accept" onclick="gtag('consent', 'update', { analytics_storage: 'granted', ad_storage: 'granted' })">accept</button>
      <button id="reject" onclick="gtag('consent', 'update', { analytics_storage: 'denied', ad_storage: 'denied' })">reject</button>`,
  });
}

test.describe('Google Consent Mode v2', () => {
  test('default denied holds analytics (errors go); the update grants it; a later update revokes it', async ({ page, site, collector }) => {
    await page.goto(site.page('/gcm.html', gcmPage(collector.url, 'denied')));
    await activity(page, 'held');
    let { errors, events } = await settle(collector, 1, 0);
    expect(tags(errors)).toEqual(['held']);
    expect(events).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);

    await page.click('#accept');
    ({ errors, events } = await settle(collector, 1, 1));
    expect(tags(events)).toEqual(['held']);
    expect((await sdkKeys(page)).local).toContain('_tracely_uid');

    await page.click('#reject');
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
    await activity(page, 'after');
    ({ errors, events } = await settle(collector, 2, 1));
    expect(tags(events)).toEqual(['held']);
  });

  test('default granted (no banner needed there): analytics is granted at once', async ({ page, site, collector }) => {
    await page.goto(site.page('/gcm.html', gcmPage(collector.url, 'granted')));
    await activity(page, 'now');
    const { events } = await settle(collector, 1, 1);
    expect(tags(events)).toEqual(['now']);
  });
});

// ── OneTrust and Cookiebot: their documented globals and events ───────────────

/**
 * What OneTrust's script does, as its documentation describes it: it keeps the active groups
 * in `OnetrustActiveGroups`, says whether the banner was answered through
 * `OneTrust.IsAlertBoxClosed()`, calls the page's `OptanonWrapper` once loaded and after every
 * change, and fires `OneTrustGroupsUpdated` on window.
 */
const ONETRUST = `<script>
  window.oneTrustDecide = (groups, closed) => {
    window.OnetrustActiveGroups = ',' + groups.join(',') + ',';
    window.OneTrust = { IsAlertBoxClosed: () => closed };
    if (typeof window.OptanonWrapper === 'function') window.OptanonWrapper();
    dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: groups }));
  };
  setTimeout(() => oneTrustDecide(['C0001'], false), 50);
</script>`;

test.describe('OneTrust', () => {
  test('before the banner is answered analytics is pending; accepting C0002 sends the held items; withdrawing revokes', async ({ page, site, collector }) => {
    const url = site.page('/onetrust.html', consentPage(collector.url, {
      options: `{ consent: 'pending' }`,
      helpers: ['onetrust'],
      after: `<script>function OptanonWrapper() {}</script><script>TracelyConsent.connectOneTrust(tracely);</script>`,
      body: ONETRUST,
    }));
    await page.goto(url);
    await page.waitForFunction(() => (window as any).OnetrustActiveGroups);
    await activity(page, 'held');
    let { errors, events } = await settle(collector, 1, 0);
    expect(tags(errors)).toEqual(['held']);
    expect(events).toEqual([]);

    await page.evaluate(() => (window as any).oneTrustDecide(['C0001', 'C0002'], true));
    ({ errors, events } = await settle(collector, 1, 1));
    expect(tags(events)).toEqual(['held']);

    await page.evaluate(() => (window as any).oneTrustDecide(['C0001'], true));
    expect(await sdkKeys(page)).toEqual(NO_KEYS);
    await activity(page, 'after');
    ({ errors, events } = await settle(collector, 2, 1));
    expect(tags(events)).toEqual(['held']);
  });
});

/**
 * What Cookiebot's script does, as its documentation describes it: `Cookiebot.consent` holds the
 * categories, `Cookiebot.hasResponse` whether the visitor answered, and it fires
 * `CookiebotOnConsentReady`, `CookiebotOnAccept` and `CookiebotOnDecline` on window.
 */
const COOKIEBOT = `<script>
  window.Cookiebot = { consent: { necessary: true, preferences: false, statistics: false, marketing: false }, hasResponse: false };
  window.cookiebotAnswer = (statistics) => {
    Object.assign(Cookiebot.consent, { statistics, preferences: statistics, marketing: statistics });
    Cookiebot.hasResponse = true;
    dispatchEvent(new Event(statistics ? 'CookiebotOnAccept' : 'CookiebotOnDecline'));
  };
  setTimeout(() => dispatchEvent(new Event('CookiebotOnConsentReady')), 50);
</script>`;

test.describe('Cookiebot', () => {
  test('no response yet: pending; decline: the held analytics are discarded; accept later: only later items', async ({ page, site, collector }) => {
    const url = site.page('/cookiebot.html', consentPage(collector.url, {
      before: COOKIEBOT,
      options: `{ consent: 'pending' }`,
      helpers: ['cookiebot'],
      after: `<script>TracelyConsent.connectCookiebot(tracely);</script>`,
    }));
    await page.goto(url);
    await activity(page, 'held');
    let { errors, events } = await settle(collector, 1, 0);
    expect(events).toEqual([]);

    await page.evaluate(() => (window as any).cookiebotAnswer(false));
    await activity(page, 'declined');
    await sleep(1000);
    expect(await collector.events()).toEqual([]);
    expect(await sdkKeys(page)).toEqual(NO_KEYS);

    await page.evaluate(() => (window as any).cookiebotAnswer(true));
    await activity(page, 'accepted');
    ({ errors, events } = await settle(collector, 3, 1));
    expect(tags(errors)).toEqual(['accepted', 'declined', 'held']);
    expect(tags(events)).toEqual(['accepted']);
  });
});
