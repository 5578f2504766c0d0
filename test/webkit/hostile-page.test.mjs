// Hostile pages in WebKit (test/support/hostile-cases.mjs, which Chromium runs in
// test/e2e/hostile-page.spec.ts and Firefox in test/firefox/hostile-page.test.mjs): each page
// once without the SDK and once with it, on a fresh site (its own origin: its own storage); what
// the page observed and left uncaught must be the same, and the reports each case expects must
// arrive. JavaScriptCore is where `String(fetch)`, a native function's `length`, frozen
// built-ins and the timing of unhandled rejections are its own.
//
//   npm run build && node --test test/webkit/hostile-page.test.mjs
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshSite, useWebKit } from './harness.mjs';
import { CASES, casePage, compareCase } from '../support/hostile-cases.mjs';

/** How long a case's page may take to call done(), in ms. */
const DONE_WAIT_MS = 15_000;

/** Between two entries of a list, and between the two lists, in the string read from the page. */
const SEPARATOR = '\u0001';
const KINDS = '\u0002';

const webkit = useWebKit('hostile pages');

for (const [name, c] of Object.entries(CASES)) {
  it(`hostile page: ${name}`, async () => {
    const { collector, site, done } = await freshSite();
    try {
      /** @param {boolean} withSdk */
      const observe = async (withSdk) => {
        const page = webkit();
        await page.goto(site.page(`/${name.replace(/\W+/g, '-')}-${withSdk}.html`, casePage(collector.url, c, withSdk)));
        // Read as one string: WebKit's driver hands results back through the page's JSON, which
        // a toJSON on Object.prototype or Array.prototype (one of the cases) would rewrite.
        const seen = await page.until(() => {
          const w = /** @type {any} */ (window);
          // Runs in the page: the separators written out (SEPARATOR, KINDS).
          return w.__done === true && [w.__obs.join('\u0001'), w.__uncaught.join('\u0001')].join('\u0002');
        }, DONE_WAIT_MS);
        assert.equal(typeof seen, 'string', 'the page never called done()');
        const [obs, uncaught] = String(seen).split(KINDS).map((list) => (list ? list.split(SEPARATOR) : []));
        return { obs, uncaught };
      };
      await compareCase(c, observe, collector.errors);
    } finally {
      await done();
    }
  });
}
