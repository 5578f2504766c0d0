import { describe, expect, it } from 'vitest';
import { wrap } from '../../../src/tools/wrap';
import { quietly } from '../../../src/tools/guard';

describe('wrap', () => {
  it('is transparent: this, arguments, return value and exceptions', () => {
    const target = {
      factor: 3,
      times(this: { factor: number }, n: number) {
        if (n < 0) throw new RangeError('negative');
        return n * this.factor;
      },
    };
    const seen: number[] = [];
    const undo = wrap(target, 'times', (original, self, args) => {
      quietly(() => seen.push(args[0]));
      return original.apply(self, args);
    });
    expect(target.times(2)).toBe(6);
    expect(() => target.times(-1)).toThrow(RangeError);
    expect(seen).toEqual([2, -1]);
    undo();
    expect(target.times(1)).toBe(3);
    expect(seen).toEqual([2, -1]);
  });

  it('undone under a later wrapper, stays in the chain as a pass-through', () => {
    const target = { f: (x: number) => x + 1 };
    const original = target.f;
    const calls: string[] = [];
    const undo = wrap(target, 'f', (fn, self, args) => {
      calls.push('ours');
      return fn.apply(self, args);
    });
    const ours = target.f;
    target.f = (x: number) => {
      calls.push('theirs');
      return ours(x);
    };
    const theirs = target.f;
    undo();
    expect(target.f).toBe(theirs);
    expect(target.f(1)).toBe(2);
    expect(calls).toEqual(['theirs']);
    expect(original(1)).toBe(2);
  });

  it('leaves a missing method alone', () => {
    const target: Record<string, unknown> = {};
    wrap(target, 'absent', () => 1)();
    expect('absent' in target).toBe(false);
  });
});
