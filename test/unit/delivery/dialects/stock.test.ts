// The stock dialect (PROTOCOL.md §1): one item per request, the body as it is, four auth headers.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { stock } from '../../../../src/delivery/dialects/stock';
import type { Entry } from '../../../../src/delivery/queue';

const TO = { host: 'https://t.example', appId: 'my-app', appSecret: 'secret' };
const entry = (kind: Entry['_kind'], body: string): Entry => ({ _kind: kind, _body: body, _size: body.length, _attempts: 0, _at: 0 });

describe('stock dialect', () => {
  it('takes one entry per request, adds nothing around it, carries no drops and exits by keepalive fetch', () => {
    expect(stock._perRequest).toBe(1);
    expect(stock._envelope).toBe(0);
    expect(stock._perItem).toBe(0);
    expect(stock._drops).toBe(false);
    expect(stock._beacon).toBe(false);
    expect(stock._refused).toBeUndefined();
  });

  it('posts the item as it is to /report/<kind>, signed in four headers at the corrected time', () => {
    for (const kind of ['error', 'event'] as const) {
      const body = JSON.stringify({ id: 'a'.repeat(32), kind });
      const req = stock._build(TO, [entry(kind, body)], 1, 1_700_000_000_999);
      expect(req.url).toBe(`https://t.example/report/${kind}`);
      expect(req.body).toBe(body);
      const h = req.headers!;
      expect(h['Content-Type']).toBe('application/json');
      expect(h['X-App-Id']).toBe('my-app');
      expect(h['X-Timestamp']).toBe('1700000000');
      expect(h['X-Nonce']).toMatch(/^[0-9a-f]{32}$/);
      expect(h['X-Signature']).toBe(createHmac('sha256', 'secret').update(`my-app1700000000${h['X-Nonce']}`).digest('hex'));
    }
  });
});
