// The consent gate's pure parts: reading consent values, and the bounded hold for pending items.
import { describe, expect, it } from 'vitest';
import { CurrentConsent, Held, MAX_HELD, MAX_HELD_CHARS, heldSize, nextConsent, type Consents } from '../../../src/gates/consent';

const ALL: Consents = { errors: 'granted', analytics: 'granted' };

describe('nextConsent', () => {
  it('takes one state for every category', () => {
    for (const state of ['granted', 'pending', 'denied'] as const) {
      expect(nextConsent(state, ALL)).toEqual({ errors: state, analytics: state });
    }
  });

  it('changes only the categories an object names', () => {
    expect(nextConsent({ analytics: 'denied' }, ALL)).toEqual({ errors: 'granted', analytics: 'denied' });
    expect(nextConsent({ errors: 'pending' }, { errors: 'denied', analytics: 'denied' })).toEqual({ errors: 'pending', analytics: 'denied' });
    expect(nextConsent({}, { errors: 'denied', analytics: 'pending' })).toEqual({ errors: 'denied', analytics: 'pending' });
  });

  it('refuses anything else, whole', () => {
    for (const bad of ['yes', 'GRANTED', '', null, undefined, 1, true, { errors: 'deny' }, { errors: 'granted', analytics: false }]) {
      expect(nextConsent(bad, ALL), String(JSON.stringify(bad))).toBeUndefined();
    }
  });

  // A typo must not leave granted what the page meant to deny: the whole value is invalid (pending).
  it('refuses an object with a key that is no category, or an array', () => {
    for (const bad of [{ error: 'denied' }, { errors: 'denied', analytic: 'denied' }, ['denied'], { Errors: 'denied' }]) {
      expect(nextConsent(bad, ALL), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('never changes the current object', () => {
    const current = { ...ALL };
    nextConsent('denied', current);
    expect(current).toEqual(ALL);
  });
});

describe('Held', () => {
  it('gives back a category\'s items oldest first and keeps the other category\'s', () => {
    const held = new Held();
    const order: string[] = [];
    held.add('errors', 10, () => order.push('e1'));
    held.add('analytics', 10, () => order.push('a1'));
    held.add('errors', 10, () => order.push('e2'));
    for (const run of held.take('errors')) run();
    expect(order).toEqual(['e1', 'e2']);
    expect(held.take('errors')).toEqual([]);
    for (const run of held.take('analytics')) run();
    expect(order).toEqual(['e1', 'e2', 'a1']);
  });

  it(`holds at most ${MAX_HELD} items`, () => {
    const held = new Held();
    for (let i = 0; i < MAX_HELD; i++) expect(held.add('errors', 1, () => {})).toBe(true);
    expect(held.add('errors', 1, () => {})).toBe(false);
    expect(held.add('analytics', 1, () => {})).toBe(false);
    held.take('errors');
    expect(held.add('analytics', 1, () => {})).toBe(true);
  });

  it(`holds at most ${MAX_HELD_CHARS} characters, and taking frees them`, () => {
    const held = new Held();
    expect(held.add('errors', MAX_HELD_CHARS - 10, () => {})).toBe(true);
    expect(held.add('analytics', 11, () => {})).toBe(false);
    expect(held.add('analytics', 10, () => {})).toBe(true);
    held.take('errors');
    expect(held.add('errors', MAX_HELD_CHARS - 10, () => {})).toBe(true);
  });

  it('sizes a held value by its JSON', () => {
    expect(heldSize({ a: 'x'.repeat(100) })).toBe(JSON.stringify({ a: 'x'.repeat(100) }).length);
    expect(heldSize(undefined)).toBe(0);
  });

  // Its size is unknown, and the page's object (1 MB here) is what would wait for the decision.
  it('counts a value JSON cannot hold (a BigInt, a cycle) as too large to hold', () => {
    const cyclic: Record<string, unknown> = { blob: 'x'.repeat(1_000_000) };
    cyclic.self = cyclic;
    for (const meta of [{ blob: 'x'.repeat(1_000_000), count: 1n }, cyclic, { count: 1n }]) expect(heldSize(meta)).toBeGreaterThan(MAX_HELD_CHARS);
  });

  it('pending consent holds none of 100 such events', () => {
    const consent = new CurrentConsent({ errors: 'pending', analytics: 'pending' });
    const outcomes: unknown[] = [];
    const blob = 'x'.repeat(1_000_000);
    for (let i = 0; i < 100; i++) {
      const meta = { count: 1n, blob };
      consent._allows('analytics', () => [heldSize(meta), () => {}], (...args: unknown[]) => outcomes.push(args[1]));
    }
    expect(outcomes).toEqual(Array(100).fill('dropped'));
  });
});
