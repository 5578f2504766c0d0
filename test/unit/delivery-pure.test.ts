// The small pure pieces of delivery: backoff schedule, Retry-After, the batch body and URL,
// the clock correction, the pacer and the byte-bounded queue.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay, isRetryable, parseRetryAfter } from '../../src/delivery/backoff';
import { batchBody, batchUrl, ITEM_OVERHEAD } from '../../src/delivery/batch';
import { CLOCK_TOLERANCE_MS, clockSkew } from '../../src/delivery/clock';
import { PACE_WINDOW_MS, Pacer } from '../../src/delivery/pacer';
import { Queue, type Entry } from '../../src/delivery/queue';
import { authenticate } from '../../src/delivery/sign';

const entry = (kind: Entry['kind'], item: object): Entry => {
  const body = JSON.stringify(item);
  return { _kind: kind, _body: body, _size: Buffer.byteLength(body), _attempts: 0, _at: 0 };
};

describe('backoff', () => {
  it('doubles from 1 s with equal jitter, capped at 5 minutes', () => {
    expect(backoffDelay(1, 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(4, 0)).toBe(4_000);
    expect(backoffDelay(4, 1)).toBe(8_000);
    expect(backoffDelay(30, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(30, 0)).toBe(BACKOFF_CAP_MS / 2);
    for (let n = 1; n < 12; n++) for (const r of [0, 0.3, 0.99]) {
      expect(backoffDelay(n, r)).toBeGreaterThanOrEqual(backoffDelay(n, 0));
      expect(backoffDelay(n, r)).toBeLessThanOrEqual(backoffDelay(n, 1));
    }
  });

  it('reads Retry-After as seconds or an HTTP date, and 0 when absent or unreadable', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    for (const v of [null, undefined, '', 'soon']) expect(parseRetryAfter(v, now)).toBe(0);
  });

  it('retries network failures, 408, 429 and 5xx; every other answer is final', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryable(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryable(s)).toBe(false);
  });
});

describe('batch dialect request', () => {
  it('splices item bodies into valid JSON with their kind, the drop report and its id', () => {
    const items = [entry('error', { id: 'a'.repeat(32), type: 'jsError', message: 'x "quoted"\n' }), entry('event', { id: 'b'.repeat(32), eventName: 'purchase', metadata: { n: 1 } })];
    const body = batchBody(items, 1234, { i: 'c'.repeat(32), c: { queue_full: 2 } });
    expect(JSON.parse(body)).toEqual({
      sentAt: 1234,
      items: [
        { kind: 'error', id: 'a'.repeat(32), type: 'jsError', message: 'x "quoted"\n' },
        { kind: 'event', id: 'b'.repeat(32), eventName: 'purchase', metadata: { n: 1 } },
      ],
      dropped: { queue_full: 2 },
      dropsId: 'c'.repeat(32),
    });
    expect(JSON.parse(batchBody([], 1))).toEqual({ sentAt: 1, items: [] });
    // A beforeSend may turn an item into an empty object: the batch stays valid JSON.
    expect(JSON.parse(batchBody([{ ...items[0], _body: '{}', _size: 2 }, items[1]], 1)).items).toEqual([
      { kind: 'error' },
      { kind: 'event', id: 'b'.repeat(32), eventName: 'purchase', metadata: { n: 1 } },
    ]);
    // The per-item overhead the size bound reserves is what wrapping really adds.
    const one = batchBody([items[0]], 1).length - batchBody([], 1).length - items[0]._size;
    expect(one).toBeLessThanOrEqual(ITEM_OVERHEAD);
  });

  it('carries the protocol signature in the query string', () => {
    const auth = authenticate('app id&x', 'secret', 1_700_000_000_500);
    const url = new URL(batchUrl('https://t.example', auth));
    expect(url.pathname).toBe('/report/batch');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toEqual({ appId: 'app id&x', ts: '1700000000', nonce: auth.nonce, sig: auth.signature });
    expect(q.sig).toBe(createHmac('sha256', 'secret').update(`app id&x${q.ts}${q.nonce}`).digest('hex'));
  });
});

describe('clock correction', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('is the server time minus ours when they disagree by more than the tolerance', () => {
    expect(clockSkew('Thu, 01 Jan 2026 01:00:00 GMT', now)).toBe(3_600_000);
    expect(clockSkew('Wed, 31 Dec 2025 23:50:00 GMT', now)).toBe(-600_000);
  });
  it('is 0 within the tolerance, without a Date, or with an unreadable one', () => {
    expect(clockSkew('Thu, 01 Jan 2026 00:00:59 GMT', now)).toBe(0);
    expect(CLOCK_TOLERANCE_MS).toBeLessThan(300_000); // under the server's 300 s window
    for (const d of [null, undefined, '', 'not a date']) expect(clockSkew(d, now)).toBe(0);
  });
});

describe('pacer', () => {
  it('allows the budget per 61 s window, counting every request (retries too)', () => {
    const p = new Pacer(3);
    expect(p.available(0)).toBe(3);
    p.record(0);
    p.record(10);
    p.record(20);
    expect(p.available(30)).toBe(0);
    expect(p.delay(30)).toBe(PACE_WINDOW_MS - 30);
    expect(p.available(PACE_WINDOW_MS)).toBe(1);
    expect(p.delay(PACE_WINDOW_MS)).toBe(0);
  });
});

describe('queue', () => {
  it('is bounded in bytes: an item over the bound is refused; a retry keeps its place at the head', () => {
    const q = new Queue(100);
    const a = entry('error', { id: 'a', pad: 'x'.repeat(40) });
    const b = entry('error', { id: 'b', pad: 'x'.repeat(40) });
    expect(q.push(a)).toBe(true);
    expect(q.push(b)).toBe(false);
    expect(q.bytes).toBe(a._size);
    const head = q.shift()!;
    expect(q.push(b)).toBe(true);
    q.unshift(head);
    expect(q.list.map((e) => JSON.parse(e._body).id)).toEqual(['a', 'b']);
    expect(q.remove((e) => JSON.parse(e._body).id === 'a')).toBe(1);
    expect(q.bytes).toBe(b._size);
  });
});
