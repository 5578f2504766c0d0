import { describe, expect, it } from 'vitest';
import { anyValue, exceptionType, otlpBody, otlpDialect, SEVERITY_ERROR, SEVERITY_INFO } from '../../../../src/delivery/dialects/otlp';
import type { Entry } from '../../../../src/delivery/queue';
import { stock } from '../../../../src/delivery/dialects/stock';
import { batchDialect } from '../../../../src/delivery/dialects/batch';
import { decodeLogs, records } from '../../support/otlp-schema';
import { SDK_NAME, SDK_VERSION } from '../../../../src/tools/sdk';

const entry = (kind: Entry['_kind'], body: object): Entry => {
  const text = JSON.stringify(body);
  return { _kind: kind, _body: text, _size: text.length, _attempts: 0, _at: 0 };
};

const ERROR = {
  id: 'a'.repeat(32),
  type: 'promiseError',
  message: 'TypeError: Failed to fetch',
  stack: 'TypeError: Failed to fetch\n    at https://shop.example/app.js:1:2',
  url: 'https://shop.example/cart?id=',
  appId: 'shop',
  time: 1_700_000_000_123,
  frames: [{ file: 'https://shop.example/app.js', line: 1, column: 2, function: 'pay', inApp: true }],
  breadcrumbs: [{ type: 'http', time: 1_700_000_000_000, data: { method: 'GET', url: 'https://api.shop.example/pay', status: 0 } }],
  repeat: 3,
  release: '1.4.0',
  environment: 'production',
  page: '/cart',
  sessionId: 's'.repeat(32),
  userId: 'u-17',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  tags: { plan: 'pro' },
  ratio: 0.5,
  handled: false,
};
const EVENT = { id: 'b'.repeat(32), eventName: 'purchase', metadata: { amount: 42 }, appId: 'shop', userId: 'v-1', time: 1_700_000_000_456, page: '/done', release: '1.4.0', environment: 'production' };

describe('OTLP dialect', () => {
  it('posts OTLP/HTTP JSON to {host}/v1/logs with the static headers and no signature', () => {
    const d = otlpDialect({ headers: { Authorization: 'Bearer k' } });
    const out = d._build({ host: 'https://otel.example:4318', appId: 'shop', appSecret: 'unused' }, [entry('error', ERROR)], 1_700_000_001_000, 0);
    expect(out.url).toBe('https://otel.example:4318/v1/logs');
    expect(out.headers).toEqual({ Authorization: 'Bearer k', 'Content-Type': 'application/json' });
    expect(out.url + JSON.stringify(out.headers)).not.toMatch(/sig|X-Signature|unused/);
    expect(d._beacon).toBe(false);
    expect(d._drops).toBe(false);
  });

  it('signs nothing, so it says the options need no secret (the stock and batch dialects sign)', () => {
    expect(otlpDialect()._unsigned).toBe(true);
    expect(stock._unsigned).toBeUndefined();
    expect(batchDialect()._unsigned).toBeUndefined();
    // Without a secret (resolveConfig leaves it empty) the request is the same.
    const to = { host: 'https://otel.example:4318', appId: 'shop' };
    const d = otlpDialect({ headers: { Authorization: 'Bearer k' } });
    const [withSecret, without] = [d._build({ ...to, appSecret: 's' }, [entry('event', EVENT)], 1, 0), d._build({ ...to, appSecret: '' }, [entry('event', EVENT)], 1, 0)];
    expect(without).toEqual(withSecret);
  });

  it('names the SDK as the OpenTelemetry resource conventions ask (telemetry.sdk.*) and as the scope', () => {
    const decoded = decodeLogs(JSON.parse(otlpBody('shop', [entry('error', ERROR)], 1)));
    const [{ resource }] = records(decoded);
    expect(resource).toMatchObject({ 'telemetry.sdk.name': SDK_NAME, 'telemetry.sdk.language': 'webjs', 'telemetry.sdk.version': SDK_VERSION });
    expect(decoded.resourceLogs[0].scopeLogs[0].scope).toMatchObject({ name: SDK_NAME, version: SDK_VERSION });
  });

  it('maps an error to an exception log record that the official OTLP schema decodes', () => {
    const decoded = decodeLogs(JSON.parse(otlpBody('shop', [entry('error', ERROR)], 1_700_000_001_000)));
    const [{ resource, record, attributes }] = records(decoded);
    expect(resource).toMatchObject({ 'service.name': 'shop', 'service.version': '1.4.0', 'deployment.environment.name': 'production' });
    expect(record).toMatchObject({ timeUnixNano: '1700000000123000000', observedTimeUnixNano: '1700000001000000000', severityNumber: SEVERITY_ERROR, severityText: 'ERROR' });
    expect(record.traceId).toBe(ERROR.traceId);
    expect(record.spanId).toBe(ERROR.spanId);
    expect(record.body).toEqual({ stringValue: ERROR.message });
    expect(attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': ERROR.message,
      'exception.stacktrace': ERROR.stack,
      'tracely.type': 'promiseError',
      'log.record.uid': ERROR.id,
      'url.full': ERROR.url,
      'session.id': ERROR.sessionId,
      'user.id': 'u-17',
      'tracely.page': '/cart',
      'tracely.repeat': '3',
      'tracely.ratio': 0.5,
      'tracely.handled': false,
    });
    expect(JSON.parse(attributes['tracely.frames'] as string)).toEqual(ERROR.frames);
    expect(JSON.parse(attributes['tracely.breadcrumbs'] as string)).toEqual(ERROR.breadcrumbs);
    // Fields in their own slots are not repeated as attributes.
    expect(Object.keys(attributes)).not.toContain('tracely.traceId');
  });

  it('maps an event to a log record named by event.name, grouped by release and environment', () => {
    const other = { ...EVENT, release: '1.5.0' };
    const decoded = decodeLogs(JSON.parse(otlpBody('shop', [entry('event', EVENT), entry('error', ERROR), entry('event', other)], 1_700_000_001_000)));
    expect(decoded.resourceLogs).toHaveLength(2);
    const all = records(decoded);
    expect(all.map((r) => r.resource['service.version'])).toEqual(['1.4.0', '1.4.0', '1.5.0']);
    const event = all[0];
    expect(event.record).toMatchObject({ severityNumber: SEVERITY_INFO, severityText: 'INFO', body: { stringValue: 'purchase' } });
    expect(event.record.traceId).toBeUndefined();
    expect(event.attributes['event.name']).toBe('purchase');
    expect(JSON.parse(event.attributes['tracely.metadata'] as string)).toEqual({ amount: 42 });
  });

  it('leaves out malformed or all-zero ids, and a span id without a trace id', () => {
    const bad = [{ traceId: '0'.repeat(32), spanId: '1'.repeat(16) }, { traceId: 'XYZ', spanId: '1'.repeat(16) }, { traceId: undefined, spanId: '1'.repeat(16) }];
    for (const ids of bad) {
      const [{ record }] = records(decodeLogs(JSON.parse(otlpBody('shop', [entry('error', { ...ERROR, ...ids })], 1))));
      expect(record.traceId).toBeUndefined();
      expect(record.spanId).toBeUndefined();
    }
  });

  it('counts the records a partial success rejected, and none from an empty answer', async () => {
    const d = otlpDialect();
    const answer = (body: string) => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    expect(await d._refused!(answer('{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"too old"}}'))).toBe(2);
    expect(await d._refused!(answer('{"partialSuccess":{}}'))).toBe(0);
    await expect(d._refused!(answer('{}'))).rejects.toThrow();
  });

  it('types an exception by the name its stack or message starts with, else by the SDK kind', () => {
    expect(exceptionType({ stack: 'RangeError: bad\n at x', message: 'bad', type: 'jsError' })).toBe('RangeError');
    expect(exceptionType({ stack: '', message: 'ChunkLoadError: chunk 3', type: 'jsError' })).toBe('ChunkLoadError');
    expect(exceptionType({ stack: '    at f (a.js:1:1)', message: 'boom', type: 'manualError' })).toBe('manualError');
  });

  it('keeps scalars typed and sends anything else as JSON text', () => {
    expect(anyValue(3)).toEqual({ intValue: '3' });
    expect(anyValue(1.5)).toEqual({ doubleValue: 1.5 });
    expect(anyValue(true)).toEqual({ boolValue: true });
    expect(anyValue({ a: [1] })).toEqual({ stringValue: '{"a":[1]}' });
  });

  it('the schema check refuses a body it does not describe (the check can fail)', () => {
    const body = JSON.parse(otlpBody('shop', [entry('error', ERROR)], 1));
    body.resourceLogs[0].scopeLogs[0].logRecords[0].severity = 17;
    expect(() => decodeLogs(body)).toThrow(/unchanged/);
    body.resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber = 'loud';
    expect(() => decodeLogs(body)).toThrow(/ExportLogsServiceRequest/);
  });
  it("is not bent by a page's toJSON on Array.prototype or Object.prototype (the SDK's own JSON)", () => {
    const entries = [entry('error', ERROR), entry('event', EVENT)];
    const clean = otlpBody('shop', entries, 1_700_000_001_000);
    const proto = Array.prototype as unknown as { toJSON?: () => unknown };
    const object = Object.prototype as unknown as { toJSON?: () => unknown };
    proto.toJSON = () => 'bent';
    object.toJSON = () => 'bent';
    try {
      expect(otlpBody('shop', entries, 1_700_000_001_000)).toBe(clean);
    } finally {
      delete proto.toJSON;
      delete object.toJSON;
    }
  });
});
