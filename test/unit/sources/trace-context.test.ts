import { describe, expect, it } from 'vitest';
import { isTarget, traceId, traceparent, withTraceparent, TRACEPARENT } from '../../../src/sources/trace-context';

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

  it('leaves no-cors requests and inits that are no object alone', () => {
    expect(withTraceparent(['https://shop.example/api', { mode: 'no-cors' }], VALUE)).toBeUndefined();
    expect(withTraceparent(['https://shop.example/api', 'nonsense'], VALUE)).toBeUndefined();
  });
});
