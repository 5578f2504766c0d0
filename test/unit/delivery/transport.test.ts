// The transport's send loop on timers, with a request function standing in for fetch: times
// that lie far ahead (a spooled entry's, a server's Retry-After) neither stall it nor make it
// spin. Against the real collector: test/integration/delivery/transport.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Transport, type TransportOptions } from '../../../src/delivery/transport';
import { batch } from '../../../src/delivery/dialects/batch';
import { SPOOL_KEY } from '../../../src/delivery/spool';
import type { Post } from '../../../src/delivery/request';
import { useWebStorage } from '../support/web-storage';

// The transport listens for `online`: Node's global has no event target of its own.
const events = new EventTarget();
(globalThis as any).addEventListener ??= events.addEventListener.bind(events);
(globalThis as any).removeEventListener ??= events.removeEventListener.bind(events);

const storage = useWebStorage();
const NOW = 1_700_000_000_000;
const DAY_MS = 86_400_000;
const BATCH_DELAY_MS = 2_000;

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

const transport = (post: Post, options: Partial<TransportOptions> = {}) =>
  new Transport({
    host: 'https://collector.example',
    appId: 'app',
    appSecret: 'secret',
    dialect: batch,
    maxRequestsPerMinute: 30,
    maxQueueBytes: 256 * 1024,
    maxAttempts: 8,
    batchDelayMs: BATCH_DELAY_MS,
    maxSpoolBytes: 128 * 1024,
    maxSpoolAgeMs: DAY_MS,
    log: () => {},
    post,
    ...options,
  });

const report = (id: string) => JSON.stringify({ id: id.repeat(32), type: 'jsError', message: 'boom' });

describe('Transport: times far ahead', () => {
  it('a spooled entry stamped a year ahead (a clock set back since) does not hold the batch back', () => {
    storage.local.setItem(SPOOL_KEY, JSON.stringify({ p1: { e: [['error', report('a'), NOW + 365 * DAY_MS]], d: [] } }));
    const bodies: string[] = [];
    const t = transport((_url, init, _read, done) => (bodies.push(String(init.body)), done(200)));
    t.replay();
    t.enqueue('error', report('b'));
    vi.advanceTimersByTime(2 * BATCH_DELAY_MS);
    t.close();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('a'.repeat(32));
    expect(bodies[0]).toContain('b'.repeat(32));
  });

  it("a 30-day Retry-After pauses sending without waking the loop every millisecond (beyond a timer's range)", () => {
    let posts = 0;
    const t = transport((_url, _init, _read, done) => {
      posts++;
      done(503, new Response(null, { status: 503, headers: { 'Retry-After': String(30 * 86_400) } }));
    }, { batchDelayMs: 0 });
    t.enqueue('error', report('a'));
    vi.advanceTimersByTime(10);
    expect(posts).toBe(1);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    vi.advanceTimersByTime(1_000);
    t.close();
    expect(posts).toBe(1);
    expect(timers.mock.calls.length).toBeLessThan(10);
  });
});
