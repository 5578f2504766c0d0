// What zone.js hands its unhandled-rejection handler, and the reason the SDK reports from it
// (the hook itself, on real zone.js in real Chromium: test/e2e/zone.spec.ts).
import { describe, expect, it } from 'vitest';
import { zoneReason } from '../../../src/sources/zone';

describe('zoneReason', () => {
  it('is the value itself by default (zone.js hands over the reason it was rejected with)', () => {
    const reason = new Error('zone reject');
    expect(zoneReason(reason)).toBe(reason);
    for (const value of ['plain reason', 0, null, undefined, Symbol.for('s')]) expect(zoneReason(value)).toBe(value);
  });

  it("is the wrapper's `rejection` in zone.js's legacy wrapping (an Error with the reason and the promise as its own properties)", () => {
    const reason = new RangeError('zone reject');
    const wrapper = Object.assign(new Error('Uncaught (in promise): RangeError: zone reject'), { rejection: reason, promise: Promise.resolve(), zone: {}, task: null });
    expect(zoneReason(wrapper)).toBe(reason);
    expect(zoneReason(Object.assign(new Error('x'), { rejection: 'a string', promise: {} }))).toBe('a string');
  });

  it("takes a page's object with a `rejection` but no `promise` as the reason itself, and runs no getter", () => {
    const own = { rejection: 'mine' };
    expect(zoneReason(own)).toBe(own);
    let runs = 0;
    const withGetter = { get rejection() { return runs++; }, promise: {} };
    expect(zoneReason(withGetter)).toBe(withGetter);
    expect(runs).toBe(0);
  });
});
