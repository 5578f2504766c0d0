// The CSP violation draft: what a securitypolicyviolation event becomes (the rest of errors.ts
// is proven in real browsers: test/e2e/capture.spec.ts, test/firefox/capture.test.mjs).
import { describe, expect, it } from 'vitest';
import { violationDraft } from '../../../src/sources/errors';

const SERVER = 'https://tracely.example.com';
/** The fields of a SecurityPolicyViolationEvent the draft reads (Node has no such event). */
const violation = (fields: Partial<SecurityPolicyViolationEvent>) =>
  ({ effectiveDirective: 'img-src', blockedURI: 'https://cdn.example.net/a.png', sourceFile: '', lineNumber: 0, columnNumber: 0, disposition: 'enforce', sample: '', ...fields }) as SecurityPolicyViolationEvent;

describe('violationDraft', () => {
  it('names the directive and what it blocked, with the page line that tried as its frame', () => {
    const draft = violationDraft(violation({ effectiveDirective: 'script-src', blockedURI: 'eval', sourceFile: 'https://shop.example/app.js', lineNumber: 12, columnNumber: 5 }), SERVER, 1000);
    expect(draft).toEqual({
      type: 'cspError',
      message: 'CSP script-src: eval',
      stack: '    at https://shop.example/app.js:12:5',
      extra: { csp: { disposition: 'enforce', sample: undefined } },
      time: 1000,
    });
  });

  it("scrubs the URLs in a violation's sample (page code: a token in a URL it holds is filtered)", () => {
    const draft = violationDraft(violation({ effectiveDirective: 'script-src-elem', blockedURI: 'inline', sample: "fetch('/cb?code=SECRET&step=2')" }), SERVER);
    expect(draft?.extra).toEqual({ csp: { disposition: 'enforce', sample: "fetch('/cb?code=[Filtered]&step=2')" } });
  });

  it('calls a violation with no blocked URI inline, keeps a report-only disposition and the sample, and has no frame without a source file', () => {
    const draft = violationDraft(violation({ effectiveDirective: 'style-src-attr', blockedURI: '', disposition: 'report', sample: 'color: red' }), SERVER);
    expect(draft).toMatchObject({ message: 'CSP style-src-attr: inline', stack: '', extra: { csp: { disposition: 'report', sample: 'color: red' } } });
  });

  it("leaves out what an extension injected and the SDK's own requests to its server", () => {
    expect(violationDraft(violation({ blockedURI: 'chrome-extension' }), SERVER)).toBeUndefined();
    expect(violationDraft(violation({ blockedURI: 'moz-extension://0c3f/inject.js' }), SERVER)).toBeUndefined();
    expect(violationDraft(violation({ effectiveDirective: 'connect-src', blockedURI: `${SERVER}/report/error` }), SERVER)).toBeUndefined();
    expect(violationDraft(violation({ effectiveDirective: 'connect-src', blockedURI: 'https://api.example.com/cart' }), SERVER)).toMatchObject({ message: 'CSP connect-src: https://api.example.com/cart' });
  });

  it("leaves out the async loader's Trusted Types policy where the page's list leaves it out, and keeps the page's own policies", () => {
    // What Chromium fires for trustedTypes.createPolicy(name) under `trusted-types` without that name.
    const policy = (sample: string) => violation({ effectiveDirective: 'trusted-types', blockedURI: 'trusted-types-policy', sample });
    expect(violationDraft(policy('tracely'), SERVER)).toBeUndefined();
    expect(violationDraft(policy('app-html'), SERVER)).toMatchObject({ message: 'CSP trusted-types: trusted-types-policy', extra: { csp: { sample: 'app-html' } } });
  });
});
