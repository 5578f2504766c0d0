// Field limits: cutting text safely, and shrinking a body until it fits.
import { describe, expect, it } from 'vitest';
import { LIMITS, TRUNCATED_MARK, boundDraft, cut, fitBody, limitField } from '../../../src/report/limits';
import type { ErrorDraft } from '../../../src/tools/types';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('cut', () => {
  it('leaves text within the limit untouched', () => {
    expect(cut('short', 100)).toBe('short');
    expect(cut('x'.repeat(100), 100)).toBe('x'.repeat(100));
  });

  it('cuts longer text to the limit, mark included, keeping the beginning', () => {
    const out = cut('abcdefghij'.repeat(50), 100);
    expect(out).toHaveLength(100);
    expect(out.endsWith(TRUNCATED_MARK)).toBe(true);
    expect(out.startsWith('abcdefghij'.repeat(8))).toBe(true);
  });

  it('never splits a surrogate pair, wherever the cut falls', () => {
    for (const prefix of ['', 'a']) {
      const text = prefix + '😀'.repeat(200);
      for (let max = TRUNCATED_MARK.length + 1; max < 120; max++) {
        const out = cut(text, max);
        expect(out.length, `max ${max}`).toBeLessThanOrEqual(max);
        expect(out.endsWith(TRUNCATED_MARK)).toBe(true);
        expect(LONE_SURROGATE.test(out), `max ${max} prefix "${prefix}"`).toBe(false);
      }
    }
  });

  it('keeps CJK text whole up to the cut', () => {
    const out = cut('漢字'.repeat(100), 50);
    expect(out).toBe('漢字'.repeat(19) + TRUNCATED_MARK);
  });
});

describe('limitField', () => {
  it('cuts an over-long string field and names it once', () => {
    const target: Record<string, unknown> = { message: 'm'.repeat(50), other: 1 };
    const truncated: string[] = [];
    limitField(target, 'message', 20, truncated);
    limitField(target, 'message', 15, truncated);
    expect(target.message).toBe('m'.repeat(15 - TRUNCATED_MARK.length) + TRUNCATED_MARK);
    expect(truncated).toEqual(['message']);
  });

  it('leaves short and non-string fields alone', () => {
    const target: Record<string, unknown> = { a: 'ok', b: 12345678901234567890, c: undefined };
    const truncated: string[] = [];
    for (const field of ['a', 'b', 'c', 'missing']) limitField(target, field, 3, truncated);
    expect(target).toEqual({ a: 'ok', b: 12345678901234567890, c: undefined });
    expect(truncated).toEqual([]);
  });
});

// Capture keeps twice each limit (the V8 head excepted): the build scrubs, then cuts to the limit.
describe('boundDraft', () => {
  const frames = Array.from({ length: 5 }, (_, i) => `    at f${i} (https://site.test/app.js:${i + 1}:1)`).join('\n');
  const draft = (message: string, stack: string): ErrorDraft => ({ type: 'jsError', message, stack, time: 0 });

  it("keeps a V8 stack's frames when its message alone is over the limits: the head is cut", () => {
    const message = 'Error: ' + 'y'.repeat(3 * LIMITS.stack);
    const d = boundDraft(draft(message, `${message}\n${frames}`));
    expect(d.message).toHaveLength(2 * LIMITS.message);
    expect(d.stack).toBe(`${message.slice(0, LIMITS.message - TRUNCATED_MARK.length)}${TRUNCATED_MARK}\n${frames}`);
    expect(d.truncated).toEqual(['message', 'stack']);
  });

  it('cuts the frames too when they alone are over the limit', () => {
    const many = Array.from({ length: 800 }, (_, i) => `    at g${i} (https://site.test/app.js:${i}:1)`).join('\n');
    const d = boundDraft(draft('Error: ' + 'y'.repeat(5000), `Error: ${'y'.repeat(5000)}\n${many}`));
    expect(d.stack).toHaveLength(2 * LIMITS.stack);
    expect(d.stack).toContain('\n    at g0 (');
    expect(d.truncated).toEqual(['message', 'stack']);
  });

  it('leaves a stack whose message is short as it is, and one without V8 frames cut at its end', () => {
    const short = `Error: short\n${frames}`;
    expect(boundDraft(draft('Error: short', short)).stack).toBe(short);
    const firefox = 'f@https://site.test/app.js:1:1\n'.repeat(1000);
    const d = boundDraft(draft('Error: short', firefox));
    expect(d.stack).toBe(firefox.slice(0, 2 * LIMITS.stack - TRUNCATED_MARK.length) + TRUNCATED_MARK);
    expect(d.truncated).toEqual(['stack']);
  });

  it('cuts a cause and names it', () => {
    const d = boundDraft({ ...draft('E', ''), cause: [{ message: 'c'.repeat(5_000), stack: 's'.repeat(5_000) }, { message: 'short' }] });
    expect(d.cause).toEqual([
      { message: 'c'.repeat(2 * LIMITS.causeMessage - TRUNCATED_MARK.length) + TRUNCATED_MARK, stack: 's'.repeat(2 * LIMITS.causeStack - TRUNCATED_MARK.length) + TRUNCATED_MARK },
      { message: 'short', stack: undefined },
    ]);
    expect(d.truncated).toEqual(['cause']);
  });
});

describe('fitBody', () => {
  it('serialises as is when the item fits', () => {
    const item = { a: 1 };
    let calls = 0;
    expect(fitBody(item, [() => (calls++, true)], 100)).toBe('{"a":1}');
    expect(calls).toBe(0);
  });

  it('runs each step while it helps and the body is too big, in order', () => {
    const item: Record<string, unknown> = { list: Array.from({ length: 64 }, (_, i) => i), text: 'x'.repeat(400) };
    const order: string[] = [];
    const json = fitBody(
      item,
      [
        () => {
          const list = item.list as number[];
          if (!list.length) return false;
          order.push('list');
          list.splice(list.length >> 1);
          return true;
        },
        () => {
          order.push('text');
          item.text = (item.text as string).slice(0, 100);
          return true;
        },
      ],
      200,
    );
    expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(200);
    expect(JSON.parse(json)).toEqual(item);
    // The list was given up first, entirely, before the text was touched.
    expect(order.slice(0, 7)).toEqual(Array(7).fill('list'));
    expect(order[order.length - 1]).toBe('text');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const item: Record<string, unknown> = { text: '😀'.repeat(40) }; // 80 chars, 160 bytes
    const json = fitBody(item, [() => ((item.text = ''), true)], 100);
    expect(json).toBe('{"text":""}');
  });

  it('has a body bound under 16 KiB', () => {
    expect(LIMITS.bodyBytes).toBeLessThan(16 * 1024);
  });
});
