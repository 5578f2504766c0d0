// The folder's four consent-manager helpers together (each a package subpath export,
// `@tracely/browser/consent/*`): all of them import in Node without touching anything.
import { describe, expect, it } from 'vitest';

describe('consent-manager helpers', () => {
  it('import in Node (no window) without touching anything', async () => {
    expect(typeof (globalThis as any).window).toBe('undefined');
    const modules = await Promise.all([
      import('../../../src/integrations/consent/tcf'),
      import('../../../src/integrations/consent/google-consent-mode'),
      import('../../../src/integrations/consent/onetrust'),
      import('../../../src/integrations/consent/cookiebot'),
    ]);
    expect(modules.map((m) => Object.keys(m).filter((k) => k.startsWith('connect')))).toEqual([['connectTcf'], ['connectGoogleConsentMode'], ['connectOneTrust'], ['connectCookiebot']]);
  });
});
