// Building the full report: frames, scrubbed URLs, and every limit.
import { describe, expect, it } from 'vitest';
import { buildError, buildEvent, errorMessage, MAX_SIZED_METADATA_BYTES, type ReportContext } from '../../../src/report/build';
import { FILTERED } from '../../../src/report/scrub';
import { LIMITS, TRUNCATED_MARK, boundDraft } from '../../../src/report/limits';
import { setTag } from '../../../src/report/context';
import { MAX_FIELD_CHARS } from '../../../src/report/manual';
import type { ErrorDraft } from '../../../src/tools/types';
import { countedArray } from '../support/counted-reads';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ctx: ReportContext = {
  appId: 'app-1',
  url: 'https://bob:pw@example.com/checkout?step=2&token=secret-token#access_token=xyz',
  page: '/checkout',
  origin: 'https://example.com',
  release: '1.4.0',
  environment: 'production',
  userId: 'user-7',
};

const STACK = [
  'TypeError: total is undefined',
  '    at pay (https://example.com/assets/app.js?session=s3cr3t:10:5)',
  '    at https://cdn.example.net/lib.js:1:2',
].join('\n');

const draft = (over: Partial<ErrorDraft> = {}): ErrorDraft => ({ type: 'jsError', message: 'TypeError: total is undefined', stack: STACK, time: 1_700_000_000_000, ...over });

describe('buildError: a normal error', () => {
  const { item, json } = buildError(draft(), 2, 'a'.repeat(32), ctx);

  it('carries the draft, the context and the repeat count', () => {
    expect(item).toMatchObject({
      id: 'a'.repeat(32),
      appId: 'app-1',
      type: 'jsError',
      message: 'TypeError: total is undefined',
      time: 1_700_000_000_000,
      page: '/checkout',
      release: '1.4.0',
      environment: 'production',
      userId: 'user-7',
      repeat: 2,
    });
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(item)));
  });

  it('is not marked truncated', () => {
    expect(item.truncated).toBeUndefined();
    expect(JSON.parse(json)).not.toHaveProperty('truncated');
  });

  it('parses the frames and scrubs their files', () => {
    expect(item.frames).toEqual([
      { file: `https://example.com/assets/app.js?session=${FILTERED}`, line: 10, column: 5, function: 'pay', inApp: true },
      { file: 'https://cdn.example.net/lib.js', line: 1, column: 2, inApp: false },
    ]);
  });

  it('scrubs the page URL and the URLs in the stack', () => {
    expect(item.url).toBe(`https://example.com/checkout?step=2&token=${FILTERED}#access_token=${FILTERED}`);
    expect(json).not.toContain('secret-token');
    expect(json).not.toContain('bob:pw');
    expect(json).not.toContain('s3cr3t');
    expect(item.stack).toContain(`app.js?session=${FILTERED}:10:5`);
  });

  it('says "(no message)" for an empty message and still reports without a stack', () => {
    const { item } = buildError(draft({ message: '', stack: '' }), 0, 'b'.repeat(32), ctx);
    expect(item.message).toBe('(no message)');
    expect(item.stack).toBe('');
    expect(item.frames).toEqual([]);
  });

  it('keeps the cause chain, cut to its limits', () => {
    // Cut at capture, as the pipeline does before the build.
    const { item } = buildError(boundDraft(draft({ cause: [{ message: 'c'.repeat(5_000), stack: 's'.repeat(5_000) }] })), 0, 'c'.repeat(32), ctx);
    expect(item.cause?.[0].message).toHaveLength(LIMITS.causeMessage);
    expect(item.cause?.[0].message.endsWith(TRUNCATED_MARK)).toBe(true);
    expect(item.cause?.[0].stack).toHaveLength(LIMITS.causeStack);
    expect(item.truncated).toEqual(['cause']);
  });

  it("cuts a repeat item's message (errorMessage) to the message's limit, once scrubbed", () => {
    const message = errorMessage(`${'m'.repeat(LIMITS.message)} https://x.example/?token=T`);
    expect(message).toBe('m'.repeat(LIMITS.message - TRUNCATED_MARK.length) + TRUNCATED_MARK);
    expect(errorMessage('')).toBe('(no message)');
  });
});

// boundDraft cuts at capture, the build scrubs later: a cut inside a secret (before the `@` of
// `user:password@`, inside a JWT's payload) would hide it from the scrubber.
describe('buildError: a limit that falls inside a secret', () => {
  // {"alg":"HS256"} . {"email":"alice@example.com"} . signature
  const HEADER = 'eyJhbGciOiJIUzI1NiJ9';
  const PAYLOAD = 'eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIn0';
  const JWT = `${HEADER}.${PAYLOAD}.c2lnbmF0dXJl`;
  const URL = 'https://admin:hunter2secret@api.example/v1/orders';
  /** Text whose cut at `max` keeps `kept` characters of `secret` (what follows `prefix`), and still cuts once it is scrubbed. */
  const cutIn = (max: number, secret: string, kept: number, prefix = ' ') => 'x'.repeat(max - TRUNCATED_MARK.length - prefix.length - kept) + prefix + secret + ' and more'.repeat(20);
  /** As the pipeline does: boundDraft at capture, then the build. */
  const report = (over: Partial<ErrorDraft>) => {
    const { item, json } = buildError(boundDraft(draft({ stack: '', ...over })), 0, 'p'.repeat(32), ctx);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain(PAYLOAD.slice(0, 30));
    return item;
  };

  it('scrubs the message before cutting it: no password, no JWT payload', () => {
    // "https://admin:hunter2" (21 characters) before the cut.
    expect(report({ message: cutIn(LIMITS.message, URL, 21) }).message).toHaveLength(LIMITS.message);
    // The header, its dot and 30 characters of the payload before the cut.
    const { message, truncated } = report({ message: cutIn(LIMITS.message, JWT, HEADER.length + 31, 'Bearer ') });
    expect(message).toHaveLength(LIMITS.message);
    expect(truncated).toEqual(['message']);
  });

  it("halves a V8 stack's head cut at capture (its message) once scrubbed, keeping its frames", () => {
    const message = cutIn(LIMITS.message, URL, 21);
    const { stack, frames } = report({ message, stack: `${message}\n    at f (https://example.com/app.js:1:1)` });
    expect(stack).toBe(`${'x'.repeat(LIMITS.message / 2 - TRUNCATED_MARK.length)}${TRUNCATED_MARK}\n    at f (https://example.com/app.js:1:1)`);
    expect(frames).toHaveLength(1);
  });

  it('scrubs the frames of a stack before cutting them', () => {
    const { stack, truncated } = report({ stack: cutIn(LIMITS.stack, `f@${URL}/app.js:1:1`, 23) });
    expect(stack).toHaveLength(LIMITS.stack);
    expect(truncated).toEqual(['stack']);
  });

  it("scrubs a cause's message and stack before cutting them", () => {
    const { cause, truncated } = report({ cause: [{ message: cutIn(LIMITS.causeMessage, URL, 21), stack: cutIn(LIMITS.causeStack, JWT, HEADER.length + 31, '/reset/') }] });
    expect(cause![0].message).toHaveLength(LIMITS.causeMessage);
    expect(cause![0].stack).toHaveLength(LIMITS.causeStack);
    expect(truncated).toEqual(['cause']);
  });
});

describe('buildError: oversize errors fit in 16 KiB', () => {
  const frames = (n: number) => Array.from({ length: n }, (_, i) => `    at fn${i} (https://example.com/assets/app.js:${i + 1}:${i + 7})`).join('\n');

  it.each([
    ['ASCII', 'Request failed, retrying later. '],
    ['emoji (4-byte UTF-8)', '😀🎉🔥'],
    ['CJK (3-byte UTF-8)', '漢字のテキスト'],
  ])('a 1 MB message and a 1 MB stack of %s text', (_name, unit) => {
    const message = unit.repeat(Math.ceil(1_000_000 / unit.length));
    // A V8 stack begins with the message; make the frames part 1 MB too.
    const stack = `Error: ${message}\n${frames(20_000)}`;
    expect(message.length).toBeGreaterThanOrEqual(1_000_000);
    expect(stack.length).toBeGreaterThan(2_000_000);

    const { item, json } = buildError(draft({ message, stack }), 0, 'd'.repeat(32), ctx);

    expect(bytes(json)).toBeLessThan(16_384);
    expect(item.truncated).toEqual(expect.arrayContaining(['message', 'stack']));
    expect(JSON.parse(json).truncated).toEqual(item.truncated);
    expect(item.message.startsWith(unit.repeat(10))).toBe(true);
    expect(item.message.endsWith(TRUNCATED_MARK)).toBe(true);
    expect(item.stack.startsWith(`Error: ${unit.repeat(10)}`)).toBe(true);
    expect(item.stack.endsWith(TRUNCATED_MARK)).toBe(true);
    expect(LONE_SURROGATE.test(json)).toBe(false);
    expect(json).not.toContain('\\ud8'); // no escaped lone surrogate either
    // Frames given up to fit are named too.
    if (item.frames.length < 40) expect(item.truncated).toContain('frames');
  });

  it('keeps the parsed frames of a 1 MB ASCII error', () => {
    const message = 'Request failed, retrying later. '.repeat(31_250);
    const { item, json } = buildError(draft({ message, stack: `Error: ${message}\n${frames(20_000)}` }), 0, 'd'.repeat(32), ctx);
    expect(bytes(json)).toBeLessThan(16_384);
    expect(item.frames).toHaveLength(40);
    expect(item.frames[0]).toEqual({ file: 'https://example.com/assets/app.js', line: 1, column: 7, function: 'fn0', inApp: true });
    expect(item.truncated).toEqual(['message', 'stack']);
  });

  it('fits a message full of characters JSON escapes', () => {
    const message = '\u0001"\\'.repeat(300_000);
    const { item, json } = buildError(draft({ message, stack: '' }), 0, 'e'.repeat(32), ctx);
    expect(bytes(json)).toBeLessThan(16_384);
    expect(item.truncated).toContain('message');
    expect(JSON.parse(json).message.startsWith('\u0001"\\')).toBe(true);
  });

  it('gives up breadcrumbs before the message', () => {
    const breadcrumbs = Array.from({ length: 100 }, (_, i) => ({ type: 'click', message: `button #${i} `.padEnd(400, '.') }));
    const { item, json } = buildError(draft(), 0, 'f'.repeat(32), { ...ctx, extra: { breadcrumbs } });
    expect(bytes(json)).toBeLessThan(16_384);
    expect(item.truncated).toEqual(['breadcrumbs']);
    expect((item.breadcrumbs as unknown[]).length).toBeGreaterThan(0);
    expect((item.breadcrumbs as unknown[]).length).toBeLessThan(100);
    expect(item.message).toBe('TypeError: total is undefined');
  });

  it('drops the tags last, and names them, when nothing else is left to shrink', () => {
    const tags: Record<string, string> = {};
    // 50 tags of 200 CJK characters (3 bytes each in UTF-8), within setTag's limits: 30 KB.
    for (let i = 0; i < 50; i++) setTag(tags, `tag-${i}`, '注文の状態'.repeat(40));
    const { item, json } = buildError(draft({ stack: '' }), 0, 'f'.repeat(32), { ...ctx, extra: { tags } });
    expect(bytes(json)).toBeLessThanOrEqual(LIMITS.bodyBytes);
    expect(item.truncated).toEqual(['tags']);
    expect(item).not.toHaveProperty('tags');
    expect(item.message).toBe('TypeError: total is undefined');
  });

  it("drops reportError's object-form fields one by one, the last listed first, until it fits", () => {
    const field = '注'.repeat(MAX_FIELD_CHARS - 2); // each at its limit: 12 KB
    const extra = { extra: { note: field }, componentStack: field, lifecycle: field, tags: { plan: 'pro' } };
    const { item, json } = buildError(draft({ type: 'manualError', stack: '', extra }), 0, 'f'.repeat(32), ctx);
    expect(bytes(json)).toBeLessThanOrEqual(LIMITS.bodyBytes);
    expect(item.truncated).toEqual(['lifecycle', 'componentStack']);
    expect(item.extra).toEqual({ note: field });
    expect(item.tags).toEqual({ plan: 'pro' });
  });

  it('cuts an over-long page URL and says so', () => {
    const { item } = buildError(draft(), 0, 'g'.repeat(32), { ...ctx, url: `https://example.com/?q=${'a'.repeat(10_000)}` });
    expect(item.url).toHaveLength(LIMITS.url);
    expect(item.truncated).toContain('url');
  });
});

describe('buildEvent', () => {
  it('keeps metadata within the limit as it is', () => {
    const metadata = { plan: 'pro', seats: 3, tags: ['a', 'b'] };
    const { item, json } = buildEvent('purchase', metadata, 'user-7', 1_700_000_000_000, 'h'.repeat(32), ctx);
    expect(item).toMatchObject({ eventName: 'purchase', userId: 'user-7', appId: 'app-1', page: '/checkout', metadata });
    expect(item.truncated).toBeUndefined();
    expect(JSON.parse(json).metadata).toEqual(metadata);
  });

  it('replaces metadata over 8 KiB with a note and marks it', () => {
    const metadata = { blob: 'x'.repeat(9_000) };
    const { item, json } = buildEvent('upload', metadata, 'u', 1, 'i'.repeat(32), ctx);
    expect(item.metadata).toEqual({ truncated: true, bytes: bytes(JSON.stringify(metadata)) });
    expect(item.truncated).toEqual(['metadata']);
    expect(json).not.toContain('xxxxxxxx');
    expect(bytes(json)).toBeLessThan(16_384);
  });

  it('measures metadata in UTF-8 bytes (3 000 CJK characters are 9 000 bytes)', () => {
    const { item } = buildEvent('e', { text: '漢'.repeat(3_000) }, 'u', 1, 'j'.repeat(32), ctx);
    expect(item.truncated).toEqual(['metadata']);
  });

  it('tells the size of metadata up to 1 MiB, and reads no more of a larger one than that', () => {
    const sized = { blob: 'x'.repeat(MAX_SIZED_METADATA_BYTES - '{"blob":""}'.length) };
    expect(buildEvent('sized', sized, 'u', 1, 'm'.repeat(32), ctx).item.metadata).toEqual({ truncated: true, bytes: MAX_SIZED_METADATA_BYTES });
    const rows = countedArray(2e6, 1);
    const { item } = buildEvent('rows', { rows: rows.array }, 'u', 1, 'n'.repeat(32), ctx);
    expect(item.metadata).toEqual({ truncated: true });
    expect(item.truncated).toEqual(['metadata']);
    expect(rows.reads()).toBeLessThan(MAX_SIZED_METADATA_BYTES + 100);
  });

  it('does not throw on cyclic metadata, and replaces it', () => {
    const metadata: Record<string, unknown> = { a: 1 };
    metadata.self = metadata;
    let built: ReturnType<typeof buildEvent> | undefined;
    expect(() => (built = buildEvent('cyclic', metadata, 'u', 1, 'k'.repeat(32), ctx))).not.toThrow();
    expect(built!.item.metadata).toMatchObject({ truncated: true });
    expect(built!.item.truncated).toEqual(['metadata']);
    expect(JSON.parse(built!.json).eventName).toBe('cyclic');
  });

  it('has no metadata when none was given, and cuts a long event name', () => {
    const { item } = buildEvent('n'.repeat(1_000), undefined, 'u', 1, 'l'.repeat(32), ctx);
    expect(item).not.toHaveProperty('metadata');
    expect(item.eventName).toHaveLength(200);
    expect(item.eventName.endsWith(TRUNCATED_MARK)).toBe(true);
  });
});

// Regressions found by review: each of these once froze a page or lost a report's location.
describe('regressions', () => {
  const ctx = { appId: 'a', url: 'https://example.com/', page: '/', origin: 'https://example.com' };

  it('the stack is shortened before frames are given up, so a huge message keeps its frames', () => {
    const message = '😀🎉🔥'.repeat(350_000);
    let stack = `Error: ${message}\n`;
    for (let i = 0; i < 50; i++) stack += `    at fn${i} (https://example.com/assets/app.js:${i + 1}:1)\n`;
    const { item, json } = buildError({ type: 'jsError', message, stack, time: 1 }, 0, 'id', ctx);
    expect(new TextEncoder().encode(json).length).toBeLessThan(16 * 1024);
    expect(item.frames.length).toBeGreaterThan(0);
    expect(item.truncated).not.toContain('frames');
  });
});
