// The batch dialect (PROTOCOL.md §2): the body spliced from the items, the query-string
// signature, the drop report, the answer's refused items, and the Dialect properties the
// engine reads.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { batch, batchBody, batchUrl, ENVELOPE_BYTES, ITEM_OVERHEAD } from '../../../../src/delivery/dialects/batch';
import { authenticate } from '../../../../src/delivery/sign';
import type { Entry } from '../../../../src/delivery/queue';
import { SDK_NAME, SDK_VERSION } from '../../../../src/tools/sdk';

const SDK = { name: SDK_NAME, version: SDK_VERSION };

const entry = (kind: Entry['_kind'], item: object): Entry => {
  const body = JSON.stringify(item);
  return { _kind: kind, _body: body, _size: Buffer.byteLength(body), _attempts: 0, _at: 0 };
};
const TO = { host: 'https://t.example', appId: 'app id&x', appSecret: 'secret' };

describe('batch dialect request', () => {
  it('splices item bodies into valid JSON with their kind, the SDK, the drop report and its id', () => {
    const items = [entry('error', { id: 'a'.repeat(32), type: 'jsError', message: 'x "quoted"\n' }), entry('event', { id: 'b'.repeat(32), eventName: 'purchase', metadata: { n: 1 } })];
    const body = batchBody(items, 1234, { i: 'c'.repeat(32), c: { queue_full: 2 } });
    expect(JSON.parse(body)).toEqual({
      sentAt: 1234,
      sdk: SDK,
      items: [
        { kind: 'error', id: 'a'.repeat(32), type: 'jsError', message: 'x "quoted"\n' },
        { kind: 'event', id: 'b'.repeat(32), eventName: 'purchase', metadata: { n: 1 } },
      ],
      dropped: { queue_full: 2 },
      dropsId: 'c'.repeat(32),
    });
    expect(JSON.parse(batchBody([], 1))).toEqual({ sentAt: 1, sdk: SDK, items: [] });
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

  it('writes the drop counts with toJson: a page\'s Object.prototype.toJSON does not change them', () => {
    const items = [entry('error', { id: 'a'.repeat(32) })];
    const proto = Object.prototype as any;
    proto.toJSON = function () {
      return 'hijacked';
    };
    try {
      const body = batchBody(items, 5, { i: 'd'.repeat(32), c: { queue_full: 3 } });
      expect(JSON.parse(body).dropped).toEqual({ queue_full: 3 });
    } finally {
      delete proto.toJSON;
    }
  });
});

describe('batch dialect, as the engine sees it', () => {
  it('puts many entries in one request, reserves room for the envelope, carries drops and exits by beacon', () => {
    expect(batch._perRequest).toBe(Infinity);
    expect(batch._envelope).toBe(ENVELOPE_BYTES);
    // The room holds the envelope as sent: sentAt, the SDK, and a drop report of four reasons.
    const report = { i: 'd'.repeat(32), c: { queue_full: 1_000, too_old: 1_000, retries_exhausted: 1_000, build_failed: 1_000 } };
    expect(batchBody([], Date.now(), report).length).toBeLessThanOrEqual(ENVELOPE_BYTES);
    expect(batch._perItem).toBe(ITEM_OVERHEAD);
    expect(batch._drops).toBe(true);
    expect(batch._beacon).toBe(true);
  });

  it('builds a header-less request signed at the corrected time and stamped with the page\'s', () => {
    const items = [entry('error', { id: 'a'.repeat(32), type: 'jsError' })];
    const req = batch._build(TO, items, 1_000, 1_700_000_000_500, { i: 'e'.repeat(32), c: { too_old: 1 } });
    expect(req.headers).toBeUndefined();
    const url = new URL(req.url);
    expect(url.pathname).toBe('/report/batch');
    expect(url.searchParams.get('ts')).toBe('1700000000');
    expect(JSON.parse(req.body)).toEqual({ sentAt: 1_000, sdk: SDK, items: [{ kind: 'error', id: 'a'.repeat(32), type: 'jsError' }], dropped: { too_old: 1 }, dropsId: 'e'.repeat(32) });
  });

  it('reads the refused items from the answer', async () => {
    const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    expect(await batch._refused!(answer({ accepted: 1, rejected: [{ index: 0, reason: 'x' }, { index: 2, reason: 'y' }] }))).toBe(2);
    expect(await batch._refused!(answer({ accepted: 3, rejected: [] }))).toBe(0);
  });
});
