// The page-wide pairs (app id, server) of initialised clients: one Set on the window for every
// copy of the SDK, found by its global symbol. (Two copies on a real page, and what a client
// does with the pairs: test/e2e/loaded-twice.spec.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pagePairs } from '../../../src/root/registry';

afterEach(() => vi.unstubAllGlobals());

describe('pagePairs', () => {
  it('is one Set per window, under the global symbol, out of for-in, Object.keys and JSON', () => {
    const w: Record<PropertyKey, unknown> = {};
    vi.stubGlobal('window', w);
    pagePairs().add('app\nhttps://t.example.com');
    expect(pagePairs()).toBe(w[Symbol.for('tracely.pairs')]);
    expect([...pagePairs()]).toEqual(['app\nhttps://t.example.com']);
    expect(Object.keys(w)).toEqual([]);
    expect(JSON.stringify(w)).toBe('{}');
  });

  it("is the Set another copy of the SDK made: a copy's pairs are every copy's", () => {
    const made = new Set(['by\nanother copy']);
    vi.stubGlobal('window', { [Symbol.for('tracely.pairs')]: made });
    expect(pagePairs()).toBe(made);
    expect(pagePairs().has('by\nanother copy')).toBe(true);
  });
});
