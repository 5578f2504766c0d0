// The async loader (src/loader, dist/loader.min.js) in WebKit (WebKitGTK's MiniBrowser: Safari's
// engine), which enforces Trusted Types as Chromium and Firefox do: under a nonce-only CSP with
// Trusted Types required, the bundle loads with the snippet's nonce, its URL made by the loader's
// policy (test/e2e/loader.spec.ts and test/firefox/loader.test.mjs prove the rest of the loader).
//
//   node --test test/webkit/loader.test.mjs       (build first; TRACELY_OUT picks the bundle dir)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshSite, useWebKit, waitFor } from './harness.mjs';

const LOADER = join(process.env.TRACELY_OUT || 'dist', 'loader.min.js');
const webkit = useWebKit('loader');

it("under a nonce-only CSP with Trusted Types enforced, the bundle loads with the snippet's nonce through the `tracely` policy", async () => {
  const { collector, site, done } = await freshSite();
  try {
    const nonce = `n0nce-${Date.now()}`;
    const csp = `default-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self' ${collector.url}; require-trusted-types-for 'script'; trusted-types tracely`;
    const options = JSON.stringify({ appId: 'test-app', appSecret: 'test-secret', host: collector.url, webVitals: false, dwell: false });
    const url = site.page('/strict-csp.html', `<!doctype html><html><head><meta charset="utf-8"><title>strict csp</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script nonce="${nonce}" data-src="/dist/tracely.min.js">${readFileSync(LOADER, 'utf8').trim()}</script>
<script nonce="${nonce}">window.violations = [];
  addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });
  window.t = new Tracely(${options}).init();
  t.flush(5000).then(function (ok) { window.flushed = ok; });
  setTimeout(function () { throw new Error('after the snippet'); }, 0);</script>
</head><body></body></html>`);
    await webkit().goto(url);
    const [item] = await waitFor(collector.errors, (i) => i.length >= 1, 20_000);
    assert.equal(item?.message, 'Error: after the snippet');
    const state = await webkit().until(() => {
      const w = /** @type {any} */ (window);
      return w.flushed !== undefined ? { flushed: w.flushed, violations: w.violations } : undefined;
    });
    assert.deepEqual(state, { flushed: true, violations: [] });
    assert.equal(site.bundleRequests(), 1);
  } finally {
    await done();
  }
});
