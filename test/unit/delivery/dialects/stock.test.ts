// The stock dialect (PROTOCOL.md §1): one item per request, the body as it is with the SDK's name and version, four auth headers.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { stock } from '../../../../src/delivery/dialects/stock';
import { SDK_MEMBER, SDK_NAME, SDK_VERSION } from '../../../../src/tools/sdk';
import type { Entry } from '../../../../src/delivery/queue';

const TO = { host: 'https://t.example', appId: 'my-app', appSecret: 'secret' };
const entry = (kind: Entry['_kind'], body: string): Entry => ({ _kind: kind, _body: body, _size: body.length, _attempts: 0, _at: 0 });

describe('stock dialect', () => {
  it('takes one entry per request, adds only the sdk member to it, carries no drops and exits by keepalive fetch', () => {
    expect(stock._perRequest).toBe(1);
    expect(stock._envelope).toBe(SDK_MEMBER.length + 1);
    expect(stock._perItem).toBe(0);
    expect(stock._drops).toBe(false);
    expect(stock._beacon).toBe(false);
    expect(stock._refused).toBeUndefined();
  });

  it('posts the item with the SDK named first to /report/<kind>, signed in four headers at the corrected time', () => {
    for (const kind of ['error', 'event'] as const) {
      const body = JSON.stringify({ id: 'a'.repeat(32), kind });
      const req = stock._build(TO, [entry(kind, body)], 1, 1_700_000_000_999);
      expect(req.url).toBe(`https://t.example/report/${kind}`);
      expect(req.body).toBe(`{${SDK_MEMBER},${body.slice(1)}`);
      expect(JSON.parse(req.body)).toEqual({ sdk: { name: SDK_NAME, version: SDK_VERSION }, ...JSON.parse(body) });
      expect(req.body.length - body.length).toBe(stock._envelope);
      const h = req.headers!;
      expect(h['Content-Type']).toBe('application/json');
      expect(h['X-App-Id']).toBe('my-app');
      expect(h['X-Timestamp']).toBe('1700000000');
      expect(h['X-Nonce']).toMatch(/^[0-9a-f]{32}$/);
      expect(h['X-Signature']).toBe(createHmac('sha256', 'secret').update(`my-app1700000000${h['X-Nonce']}`).digest('hex'));
    }
  });

  it('names the SDK in an empty object too (a beforeSend may return one): the body stays JSON', () => {
    const req = stock._build(TO, [entry('error', '{}')], 1, 1_700_000_000_999);
    expect(JSON.parse(req.body)).toEqual({ sdk: { name: SDK_NAME, version: SDK_VERSION } });
  });
});
