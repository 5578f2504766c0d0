// The shared request wrapper, on Node's own fetch (data: URLs need no server). XMLHttpRequest
// does not exist in Node: its wrapping is proven in the browser (test/e2e/breadcrumbs.spec.ts,
// test/e2e/trace-context.spec.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeRequests, ownRequests, type PageRequest } from '../../../src/sources/requests';

const g = globalThis as any;
const nativeFetch = g.fetch;
const DATA = 'data:text/plain,hello';

beforeEach(() => {
  g.window = g;
  g.fetch = nativeFetch;
});
afterEach(() => {
  g.fetch = nativeFetch;
  delete g.window;
});

describe('the shared request wrapper', () => {
  it('wraps fetch once for every observer, and restores it when the last one stops', () => {
    const stopA = observeRequests({});
    const wrapped = g.fetch;
    expect(wrapped).not.toBe(nativeFetch);
    const stopB = observeRequests({});
    expect(g.fetch).toBe(wrapped);
    stopA();
    expect(g.fetch).toBe(wrapped);
    stopA();
    expect(g.fetch).toBe(wrapped);
    stopB();
    expect(g.fetch).toBe(nativeFetch);
  });

  it('lets an observer replace the arguments, and tells every observer the outcome with what others set', async () => {
    const ends: Array<[string, number, unknown]> = [];
    let sent: unknown[] = [];
    const stopTrace = observeRequests({
      _fetch(request: PageRequest, args) {
        request._ids = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) };
        sent = [args[0], { method: 'GET', headers: { 'X-Added': '1' } }];
        return sent;
      },
    });
    const stopCrumbs = observeRequests({ _end: (request, status) => void ends.push([request._method + ' ' + request._url, status, request._ids]) });
    const res: Response = await g.fetch(DATA);
    expect(await res.text()).toBe('hello');
    expect(ends).toEqual([['GET ' + DATA, 200, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }]]);
    expect(sent[0]).toBe(DATA);
    stopTrace();
    stopCrumbs();
  });

  it('passes a rejection on as the same value, and tells the observers with status 0', async () => {
    const ends: Array<[number, unknown]> = [];
    const stop = observeRequests({ _end: (_request, status, error) => void ends.push([status, error]) });
    const error = await g.fetch('data:bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(ends).toEqual([[0, error]]);
    stop();
  });

  it('keeps the page call going when an observer throws', async () => {
    const stop = observeRequests({
      _fetch() {
        throw new Error('observer bug');
      },
      _end() {
        throw new Error('observer bug');
      },
    });
    expect((await g.fetch(DATA)).status).toBe(200);
    stop();
  });
});

describe('ownRequests', () => {
  it("tells the SDK's own report endpoints (every dialect's) from the page's requests to the same server, relative URLs resolved", () => {
    g.location = new URL('https://app.example.com/shop/cart');
    try {
      const own = ownRequests('https://tracely.example.com');
      for (const url of ['https://tracely.example.com/report/error', 'https://tracely.example.com/report/batch?appId=a', 'https://tracely.example.com/v1/logs']) expect(own(url), url).toBe(true);
      for (const url of ['https://tracely.example.com/api/orders', 'https://tracely.example.com.evil.test/report/error', '/report/error', 'not a url:']) expect(own(url), url).toBe(false);
      expect(ownRequests('https://app.example.com')('/report/error')).toBe(true);
    } finally {
      delete g.location;
    }
  });
});
