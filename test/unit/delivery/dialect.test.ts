// Proof that the Dialect interface takes a third dialect as one new file: an OTLP/HTTP JSON
// logs dialect (PROTOCOL.md §4: static headers, POST /v1/logs, a JSON ExportLogsServiceRequest,
// an answer with an optional partialSuccess) written here against the interface alone, and
// driven by the real Transport. It is a sketch for the test, not a shipped dialect.
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/delivery/dialect';
import { Transport, type DropReason } from '../../../src/delivery/transport';
import { toJson } from '../../../src/tools/json';

const events = new EventTarget();
(globalThis as any).addEventListener ??= events.addEventListener.bind(events);
(globalThis as any).removeEventListener ??= events.removeEventListener.bind(events);

const text = (value: unknown) => ({ stringValue: String(value ?? '') });

/** What dialects/otlp.ts would hold: a factory closing over the receiver's static headers. */
function otlpDialect(headers: Record<string, string>): Dialect {
  return {
    _perRequest: Infinity,
    _envelope: 400,
    // The attribute keys each record adds around the item's own fields.
    _perItem: 300,
    _drops: false,
    // A JSON body with custom headers needs a preflight: no beacon; keepalive fetch at exit.
    _beacon: false,
    _build: (to, entries, sentAt) => ({
      url: `${to.host}/v1/logs`,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: toJson({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: text(to.appId) }] },
            scopeLogs: [
              {
                scope: { name: 'tracely' },
                logRecords: entries.map((e) => {
                  const item = JSON.parse(e._body);
                  const error = e._kind == 'error';
                  return {
                    timeUnixNano: String((item.time || sentAt) * 1e6),
                    severityText: error ? 'ERROR' : 'INFO',
                    body: text(error ? item.message : item.eventName),
                    attributes: error
                      ? [
                          { key: 'exception.type', value: text(item.type) },
                          { key: 'exception.message', value: text(item.message) },
                          { key: 'exception.stacktrace', value: text(item.stack) },
                        ]
                      : [{ key: 'event.name', value: text(item.eventName) }],
                  };
                }),
              },
            ],
          },
        ],
      }),
    }),
    _refused: async (answer) => Number((await answer.json()).partialSuccess?.rejectedLogRecords) || 0,
  };
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('a third dialect (OTLP logs) fits the Dialect interface', () => {
  it('batches, posts to /v1/logs with static headers, and counts the partialSuccess rejections', async () => {
    const sent: Array<{ url: string; init: RequestInit }> = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ partialSuccess: { rejectedLogRecords: '1', errorMessage: 'one too old' } }), { status: 200 });
    }) as any;
    const dropped: Partial<Record<DropReason, number>> = {};
    const t = new Transport({
      // No secret: what resolveConfig leaves for a dialect that signs nothing.
      host: 'https://otel.example:4318', appId: 'shop-web', appSecret: '',
      dialect: otlpDialect({ Authorization: 'Bearer t0ken' }),
      maxRequestsPerMinute: 30, maxQueueBytes: 256 * 1024, maxAttempts: 8, batchDelayMs: 50,
      maxSpoolBytes: 128 * 1024, maxSpoolAgeMs: 86_400_000, log: () => {},
      onDrop: (reason, n) => void (dropped[reason] = (dropped[reason] || 0) + n),
    });
    t.enqueue('error', JSON.stringify({ type: 'jsError', message: 'boom', stack: 'at x', time: 1_700_000_000_000 }));
    t.enqueue('event', JSON.stringify({ eventName: 'purchase', time: 1_700_000_000_001 }));
    expect(await t.flush(2_000)).toBe(true);
    t.close();
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://otel.example:4318/v1/logs');
    expect(sent[0].init.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer t0ken' });
    const body = JSON.parse(sent[0].init.body as string);
    const logs = body.resourceLogs[0];
    expect(logs.resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'shop-web' } }]);
    expect(logs.scopeLogs[0].logRecords.map((r: any) => [r.severityText, r.body.stringValue, r.timeUnixNano])).toEqual([
      ['ERROR', 'boom', '1700000000000000000'],
      ['INFO', 'purchase', '1700000000001000000'],
    ]);
    expect(dropped).toEqual({ rejected: 1 });
  });
});
