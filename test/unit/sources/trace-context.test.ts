import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTarget, traceContext, traceId, traceparent, withTraceparent, TRACEPARENT } from '../../../src/sources/trace-context';
import type { PartHost } from '../../../src/tools/part';

const PAGE = 'https://shop.example/cart';
const VALUE = traceparent({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }, true);
const headerOf = (args: unknown[] | undefined) => (args ? new Request(args[0] as string, args[1] as RequestInit).headers.get(TRACEPARENT) : undefined);

describe('trace ids and the traceparent header', () => {
  it('are lowercase hex of the W3C lengths, random, never all zero', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const t = traceId(16);
      const s = traceId(8);
      expect(t).toMatch(/^[0-9a-f]{32}$/);
      expect(s).toMatch(/^[0-9a-f]{16}$/);
      expect(t).not.toMatch(/^0+$/);
      ids.add(t);
    }
    expect(ids.size).toBe(200);
  });

  it('is version 00, the ids and the sampled flag', () => {
    expect(VALUE).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(traceparent({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, false)).toMatch(/-00$/);
  });
});

describe('targets', () => {
  it('default to the page origin only', () => {
    expect(isTarget('/api/pay', PAGE)).toBe(true);
    expect(isTarget('https://shop.example/api', PAGE)).toBe(true);
    expect(isTarget('https://api.shop.example/pay', PAGE)).toBe(false);
    expect(isTarget('http://shop.example/api', PAGE)).toBe(false);
    expect(isTarget('https://shop.example:8443/api', PAGE)).toBe(false);
  });

  it('match strings as URL prefixes of the resolved URL, never a longer host', () => {
    const targets = ['https://api.shop.example', '/internal/'];
    expect(isTarget('https://api.shop.example/pay', PAGE, targets)).toBe(true);
    expect(isTarget('https://api.shop.example.evil.test/pay', PAGE, targets)).toBe(false);
    expect(isTarget('/internal/x', PAGE, targets)).toBe(true);
    expect(isTarget('/public/x', PAGE, targets)).toBe(false);
    // Named targets replace the default: the page's own origin is no longer one by itself.
    expect(isTarget('https://shop.example/api', PAGE, targets)).toBe(false);
  });

  it('match RegExps against the absolute URL, global ones too', () => {
    const g = /^https:\/\/[a-z]+\.shop\.example\//g;
    for (let i = 0; i < 3; i++) expect(isTarget('https://api.shop.example/x', PAGE, [g])).toBe(true);
    expect(isTarget('https://cdn.other.example/x', PAGE, [g])).toBe(false);
  });

  it('resolve a relative URL against the document base, which a <base> may set to another origin', () => {
    expect(isTarget('data/items.json', PAGE, undefined, 'https://cdn.other.example/static/')).toBe(false);
    expect(isTarget('data/items.json', PAGE, undefined, 'https://shop.example/static/')).toBe(true);
    expect(isTarget('data/items.json', PAGE, ['/static/'], 'https://shop.example/static/')).toBe(true);
  });

  it('never match a URL that does not parse, nor targets of another type', () => {
    expect(isTarget('http://[bad', PAGE)).toBe(false);
    expect(isTarget('/api', PAGE, [42 as never])).toBe(false);
  });
});

describe('adding traceparent to fetch arguments', () => {
  it('adds it to a URL alone and to an init without headers', () => {
    expect(headerOf(withTraceparent(['https://shop.example/api'], VALUE))).toBe(VALUE);
    const init = { method: 'POST', body: 'x' };
    const out = withTraceparent(['https://shop.example/api', init], VALUE)!;
    expect(headerOf(out)).toBe(VALUE);
    expect(new Request('https://shop.example/api', out[1] as RequestInit).method).toBe('POST');
    expect(init).toEqual({ method: 'POST', body: 'x' });
  });

  it('keeps every header the page gave, in every form, and changes none of the page objects', () => {
    const headers = new Headers({ 'X-Page': '1' });
    const forms: unknown[] = [headers, [['X-Page', '1']], { 'X-Page': '1' }];
    for (const form of forms) {
      const init = { headers: form };
      const out = withTraceparent(['https://shop.example/api', init], VALUE)!;
      const sent = new Request('https://shop.example/api', out[1] as RequestInit).headers;
      expect(sent.get('x-page')).toBe('1');
      expect(sent.get(TRACEPARENT)).toBe(VALUE);
      expect(init.headers).toBe(form);
    }
    expect([...headers.keys()]).toEqual(['x-page']);
  });

  it('never replaces a traceparent the page set, in any form or case', () => {
    const mine = '00-11111111111111111111111111111111-2222222222222222-00';
    const forms: unknown[] = [new Headers({ TraceParent: mine }), [['TRACEPARENT', mine]], { traceparent: mine }];
    for (const headers of forms) expect(withTraceparent(['https://shop.example/api', { headers }], VALUE)).toBeUndefined();
    expect(withTraceparent([new Request('https://shop.example/api', { headers: { traceparent: mine } })], VALUE)).toBeUndefined();
  });

  it('builds a new init over a Request, leaving the page Request untouched and its referrer policy kept', () => {
    const request = new Request('https://shop.example/api', { method: 'PUT', body: 'b', headers: { 'X-Page': '1' }, referrerPolicy: 'no-referrer' });
    const out = withTraceparent([request], VALUE)!;
    expect(out[0]).toBe(request);
    expect(request.headers.has(TRACEPARENT)).toBe(false);
    const sent = new Request(request, out[1] as RequestInit);
    expect(sent.headers.get('x-page')).toBe('1');
    expect(sent.headers.get(TRACEPARENT)).toBe(VALUE);
    expect(sent.method).toBe('PUT');
    expect(sent.referrerPolicy).toBe('no-referrer');
  });

  it('uses the init headers over the Request ones, as fetch does', () => {
    const request = new Request('https://shop.example/api', { headers: { 'X-Request': '1' } });
    const out = withTraceparent([request, { headers: { 'X-Init': '1' } }], VALUE)!;
    const sent = new Request(request, out[1] as RequestInit);
    expect(sent.headers.get('x-init')).toBe('1');
    expect(sent.headers.has('x-request')).toBe(false);
  });

  it('reads inherited init members through the new init', () => {
    const init = Object.create({ method: 'DELETE' });
    const out = withTraceparent(['https://shop.example/api', init], VALUE)!;
    expect(new Request('https://shop.example/api', out[1] as RequestInit).method).toBe('DELETE');
  });

  it('leaves an init with accessors up its chain alone: they would run on another object (a Request as init: Illegal invocation)', () => {
    class Options {
      #method = 'DELETE';
      get method() {
        return this.#method;
      }
    }
    expect(withTraceparent(['https://shop.example/api', new Options()], VALUE)).toBeUndefined();
    expect(withTraceparent(['https://shop.example/api', new Request('https://shop.example/other')], VALUE)).toBeUndefined();
    // An init without a prototype is read through ours.
    const out = withTraceparent(['https://shop.example/api', Object.assign(Object.create(null), { method: 'DELETE' })], VALUE)!;
    expect(new Request('https://shop.example/api', out[1] as RequestInit).method).toBe('DELETE');
  });

  it('leaves no-cors requests and inits that are no object alone', () => {
    expect(withTraceparent(['https://shop.example/api', { mode: 'no-cors' }], VALUE)).toBeUndefined();
    expect(withTraceparent(['https://shop.example/api', 'nonsense'], VALUE)).toBeUndefined();
  });

  it("throws, as fetch would, on invalid headers (null): the page's call then goes as it was", () => {
    expect(() => withTraceparent(['https://shop.example/api', { headers: null }], VALUE)).toThrow(TypeError);
  });

  it("leaves another realm's Request (an iframe's) alone: its headers could not be kept", () => {
    const Native = globalThis.Request;
    vi.stubGlobal('Request', class PageRealmRequest extends Native {});
    try {
      expect(withTraceparent([new Native('https://shop.example/pay', { headers: { Authorization: 'Bearer abc' } })], VALUE)).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

// The part installed in a page made of fakes: fetch and XMLHttpRequest as the browser has them
// (zone.js's originals kept under its symbols), the page at https://shop.example/cart.
describe('trace context in a page', () => {
  const g = globalThis as any;
  const host = { _server: 'https://tracely.example', _log: () => {}, _sampled: () => true } as unknown as PartHost;
  const NativeRequest = globalThis.Request;
  let stop: (() => void) | void;
  afterEach(() => {
    if (stop) stop();
    stop = undefined;
    vi.unstubAllGlobals();
  });

  /** What the browser sent, and the calls the page's (zone's) patched addEventListener saw. */
  function inPage(baseURI = 'https://shop.example/cart') {
    const sent: Request[] = [];
    const patched: string[] = [];
    class FakeXHR {
      url = '';
      headers: Record<string, string> = {};
      readyState = 0;
      status = 0;
      open(method: string, url: string) {
        // The browser checks the method before anything changes.
        if (/^(CONNECT|TRACE|TRACK)$/i.test(method)) throw new DOMException('forbidden method', 'SecurityError');
        this.url = new URL(url, baseURI).href;
        this.readyState = 1;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name.toLowerCase()] = value;
      }
      send() {
        sent.push(new NativeRequest(this.url, { headers: this.headers }));
      }
      addEventListener(type: string) {
        patched.push(type);
      }
      removeEventListener() {}
      __zone_symbol__addEventListener() {}
      __zone_symbol__removeEventListener() {}
    }
    vi.stubGlobal('window', g);
    vi.stubGlobal('location', { href: 'https://shop.example/cart', origin: 'https://shop.example' });
    vi.stubGlobal('document', { baseURI });
    vi.stubGlobal('Zone', { __symbol__: (name: string) => '__zone_symbol__' + name });
    vi.stubGlobal('XMLHttpRequest', FakeXHR);
    // The browser's fetch: a relative URL resolved against the document base.
    vi.stubGlobal('fetch', async (input: RequestInfo, init?: RequestInit) => {
      sent.push(new NativeRequest(typeof input == 'string' ? new URL(input, baseURI) : input, init));
      return new Response('ok');
    });
    const outcomes = async (calls: Array<() => Promise<unknown>>) => {
      const out: string[] = [];
      for (const call of calls) out.push(await call().then(() => 'resolved', (e) => 'rejected ' + (e as Error).name));
      return out;
    };
    return { sent, patched, outcomes };
  }
  const start = () => (stop = traceContext()._start(host));

  it('adds a traceparent to a same-origin fetch (the control), none where a <base> sends a relative URL to another origin', async () => {
    const { sent } = inPage();
    start();
    await g.fetch('/api/items');
    expect(sent[0].headers.has(TRACEPARENT)).toBe(true);
    stop!();
    vi.unstubAllGlobals();

    const other = inPage('https://cdn.other.example/static/');
    start();
    await g.fetch('data/items.json');
    expect(other.sent[0].url).toBe('https://cdn.other.example/static/data/items.json');
    expect(other.sent[0].headers.has(TRACEPARENT)).toBe(false);
  });

  it('lets fetch with invalid headers reject as without the SDK', async () => {
    const { outcomes } = inPage();
    const calls = [null, '', false, 0].map((headers) => () => g.fetch('/api/pay', { headers }));
    const without = await outcomes(calls);
    expect(without).toEqual(Array(4).fill('rejected TypeError'));
    start();
    expect(await outcomes(calls)).toEqual(without);
  });

  it('passes an init of a class (getters on private fields) as it is: the request goes, untraced', async () => {
    class Options {
      #method = 'DELETE';
      get method() {
        return this.#method;
      }
    }
    const { sent, outcomes } = inPage();
    start();
    expect(await outcomes([() => g.fetch('/api/items', new Options())])).toEqual(['resolved']);
    expect(sent[0].method).toBe('DELETE');
  });

  it("keeps an iframe's Request as it is: its headers, and no traceparent", async () => {
    const { sent } = inPage();
    vi.stubGlobal('Request', class PageRealmRequest extends NativeRequest {});
    start();
    await g.fetch(new NativeRequest('https://shop.example/pay', { headers: { Authorization: 'Bearer abc' } }));
    expect(sent[0].headers.get('authorization')).toBe('Bearer abc');
    expect(sent[0].headers.has(TRACEPARENT)).toBe(false);
  });

  it("adds the XHR listeners through zone.js's originals: the page's patched addEventListener sees none", () => {
    const { sent, patched } = inPage();
    start();
    const xhr = new g.XMLHttpRequest();
    xhr.open('GET', '/api/items');
    xhr.send();
    expect(sent[0].headers.has(TRACEPARENT)).toBe(true);
    expect(patched).toEqual([]);
  });

  it('takes the URL an XHR is opened on, not that of an open that threw', () => {
    const { sent } = inPage();
    start();
    const xhr = new g.XMLHttpRequest();
    xhr.open('GET', 'https://api.other.example/items');
    expect(() => xhr.open('TRACE', '/api/items')).toThrow('forbidden method');
    xhr.send();
    expect(sent[0].url).toBe('https://api.other.example/items');
    expect(sent[0].headers.has(TRACEPARENT)).toBe(false);
  });
});
