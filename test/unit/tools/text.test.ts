// Bounded strings: cut() keeps what fits (mark included) and never splits a surrogate pair;
// copyOf() gives the first characters as a string of their own.
import { describe, expect, it } from 'vitest';
import { copyOf, cut, TRUNCATED_MARK } from '../../../src/tools/text';

const LONE_HIGH = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

describe('copyOf', () => {
  // Its purpose, a fresh string that does not keep a long parent alive, is not observable
  // from JS (only in a heap snapshot): these tests check the characters, nothing more.
  it('returns the first `length` characters', () => {
    expect(copyOf('abcdef', 3)).toBe('abc');
    expect(copyOf('abcdef', 0)).toBe('');
  });

  it('returns the whole text when no length is given', () => {
    expect(copyOf('abcdef')).toBe('abcdef');
  });
});

describe('cut', () => {
  it('returns a text within the limit as it is', () => {
    expect(cut('short', 100)).toBe('short');
    const exact = 'x'.repeat(TRUNCATED_MARK.length + 8);
    expect(cut(exact, exact.length)).toBe(exact);
  });

  it('cuts a longer text to at most `max` UTF-16 units, mark included', () => {
    const max = TRUNCATED_MARK.length + 10;
    const out = cut('abcdefghij'.repeat(10), max);
    expect(out.length).toBeLessThanOrEqual(max);
    expect(out).toBe('abcdefghij' + TRUNCATED_MARK);
  });

  it('never leaves a lone high surrogate when an emoji straddles the cut point', () => {
    // Text before the mark is 5 units: 'abcd' + the first half of 😀 — that half must go.
    const max = TRUNCATED_MARK.length + 5;
    const out = cut('abcd😀'.repeat(20), max);
    expect(LONE_HIGH.test(out)).toBe(false);
    expect(out).toBe('abcd' + TRUNCATED_MARK);
    expect(out.length).toBeLessThanOrEqual(max);
  });

  it('keeps an emoji that ends right at the cut point', () => {
    const out = cut('abc😀'.repeat(20), TRUNCATED_MARK.length + 5);
    expect(out).toBe('abc😀' + TRUNCATED_MARK);
  });
});
