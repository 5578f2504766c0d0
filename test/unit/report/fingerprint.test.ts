// What makes two errors "the same" for the throttle: type, message, top in-app frame.
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/report/fingerprint';

const ORIGIN = 'https://example.com';
const stack = (...frames: string[]) => ['TypeError: x is undefined', ...frames.map((f) => `    at ${f}`)].join('\n');

describe('fingerprint', () => {
  const base = stack('render (https://example.com/app.js:10:5)', 'main (https://example.com/app.js:20:1)');

  it('is the same for the same type, message and top in-app frame', () => {
    expect(fingerprint('jsError', 'x is undefined', base, ORIGIN)).toBe(fingerprint('jsError', 'x is undefined', base, ORIGIN));
    // Frames below the top in-app one, and vendor frames above it, do not matter.
    const sameTop = stack('Object.invoke (https://cdn.example.net/vendor.js:1:1)', 'render (https://example.com/app.js:10:5)', 'other (https://example.com/app.js:99:9)');
    expect(fingerprint('jsError', 'x is undefined', sameTop, ORIGIN)).toBe(fingerprint('jsError', 'x is undefined', base, ORIGIN));
  });

  it('differs when the top in-app frame differs', () => {
    const elsewhere = stack('render (https://example.com/app.js:11:5)', 'main (https://example.com/app.js:20:1)');
    const otherColumn = stack('render (https://example.com/app.js:10:6)');
    const otherFile = stack('render (https://example.com/other.js:10:5)');
    const key = fingerprint('jsError', 'x is undefined', base, ORIGIN);
    for (const s of [elsewhere, otherColumn, otherFile]) expect(fingerprint('jsError', 'x is undefined', s, ORIGIN)).not.toBe(key);
  });

  it('differs when the type or the message differs', () => {
    const key = fingerprint('jsError', 'x is undefined', base, ORIGIN);
    expect(fingerprint('promiseError', 'x is undefined', base, ORIGIN)).not.toBe(key);
    expect(fingerprint('jsError', 'y is undefined', base, ORIGIN)).not.toBe(key);
  });

  it('uses only the first 300 characters of the message', () => {
    const head = 'm'.repeat(300);
    const a = fingerprint('jsError', head + ' request 1', base, ORIGIN);
    const b = fingerprint('jsError', head + ' request 2', base, ORIGIN);
    expect(a).toBe(b);
    expect(a).toBe(fingerprint('jsError', head, base, ORIGIN));
    expect(a.length).toBeLessThan(300 + 100);
    // A difference inside the first 300 characters still counts.
    expect(fingerprint('jsError', 'n' + head.slice(1), base, ORIGIN)).not.toBe(a);
  });

  it('works without a stack', () => {
    expect(fingerprint('manualError', 'boom', '', ORIGIN)).toBe(fingerprint('manualError', 'boom', '', ORIGIN));
    expect(fingerprint('manualError', 'boom', '', ORIGIN)).not.toBe(fingerprint('manualError', 'bang', '', ORIGIN));
  });
});
