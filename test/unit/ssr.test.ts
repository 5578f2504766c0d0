// Importing the built package in Node (server rendering) throws nothing and does nothing
// until init(); even then, without a window, every call is a quiet no-op.
import { describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);

describe('server-side import of the built package (npm run build first)', () => {
  it('is built', () => {
    expect(existsSync(new URL('index.mjs', dist)) && existsSync(new URL('index.cjs', dist))).toBe(true);
  });

  const exercise = async (mod: any) => {
    expect(typeof mod.Tracely).toBe('function');
    expect(typeof mod.captureError).toBe('function');
    expect(typeof mod.onRouteChange).toBe('function');
    expect(typeof mod.reportEvent).toBe('function');
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const t = new mod.Tracely({ appId: 'a', appSecret: 's', host: 'https://tracely.example.com' });
    expect(t.init()).toBe(t);
    t.reportError(new Error('on the server'));
    t.reportEvent('page_view', { a: 1 });
    mod.captureError({ appId: 'a', appSecret: 's', host: 'https://tracely.example.com' }, new Error('x'));
    mod.reportEvent({ appId: 'a', appSecret: 's', host: 'https://tracely.example.com' }, 'page_view', {}, 'u');
    mod.onRouteChange('/next');
    expect(await t.flush(100)).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  };

  it('the ES module imports and idles', async () => {
    await exercise(await import(new URL('index.mjs', dist).href));
  });

  it('the CommonJS module requires and idles', async () => {
    await exercise(createRequire(import.meta.url)(new URL('index.cjs', dist).pathname));
  });

  it('touches no browser global at import time', async () => {
    expect(typeof (globalThis as any).window).toBe('undefined');
    expect(typeof (globalThis as any).document).toBe('undefined');
  });
});
