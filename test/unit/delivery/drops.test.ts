// Drops: one owner counts them, makes the drop reports (with an id) and forgets a report once acknowledged.
import { describe, expect, it } from 'vitest';
import { drops, dropReport, MAX_DROP_REPORTS, type DropReason } from '../../../src/delivery/drops';

const counter = () => {
  const seen: Array<[DropReason, number]> = [];
  return { seen, onDrop: (reason: DropReason, n: number) => void seen.push([reason, n]) };
};

describe('drops', () => {
  it('makes reports with a fresh 32-hex id', () => {
    const a = dropReport({ queue_full: 1 });
    expect(a).toEqual({ i: expect.stringMatching(/^[0-9a-f]{32}$/), c: { queue_full: 1 } });
    expect(dropReport({}).i).not.toBe(a.i);
  });

  it('passes every drop to onDrop, and a throwing onDrop breaks nothing', () => {
    const { seen, onDrop } = counter();
    const d = drops(true, () => {}, onDrop);
    d._count('queue_full', 2);
    d._count('too_old', 1);
    expect(seen).toEqual([['queue_full', 2], ['too_old', 1]]);
    const throwing = drops(true, () => {}, () => {
      throw new Error('counter');
    });
    expect(() => throwing._count('final_4xx', 1)).not.toThrow();
    expect(throwing._next()?.c).toEqual({ final_4xx: 1 });
  });

  it('carried: adds fresh counts into one report, sent until acknowledged, then the next counts', () => {
    const d = drops(true, () => {});
    expect(d._next()).toBeUndefined();
    d._count('queue_full', 2);
    d._count('queue_full', 1);
    const first = d._next()!;
    expect(first.c).toEqual({ queue_full: 3 });
    // Counts arriving meanwhile wait for the next report; the unacknowledged one goes again.
    d._count('rejected', 1);
    expect(d._next()).toBe(first);
    d._ack(first);
    const second = d._next()!;
    expect(second.c).toEqual({ rejected: 1 });
    expect(second.i).not.toBe(first.i);
    d._ack(second);
    expect(d._next()).toBeUndefined();
  });

  it('not carried (the stock dialect): counts only go to onDrop, no report is ever made or restored', () => {
    const { seen, onDrop } = counter();
    const d = drops(false, () => {}, onDrop);
    d._count('queue_full', 4);
    d._restore([dropReport({ too_old: 1 })]);
    expect(seen).toEqual([['queue_full', 4]]);
    expect(d._next()).toBeUndefined();
    expect(d._unsent()).toEqual([]);
  });

  it('unsent: the unacknowledged reports and the fresh counts as one more, without taking them', () => {
    const d = drops(true, () => {});
    d._count('queue_full', 1);
    const first = d._next()!;
    d._count('too_old', 2);
    const unsent = d._unsent();
    expect(unsent).toEqual([first, { i: expect.stringMatching(/^[0-9a-f]{32}$/), c: { too_old: 2 } }]);
    // Still fresh: the page may yet send them itself.
    d._ack(first);
    expect(d._next()!.c).toEqual({ too_old: 2 });
  });

  it('restores reports left by earlier pages, oldest first, keeping the newest MAX_DROP_REPORTS', () => {
    const d = drops(true, () => {});
    const old = Array.from({ length: MAX_DROP_REPORTS + 3 }, (_, n) => dropReport({ queue_full: n }));
    d._restore(old.slice(0, 5));
    d._restore(old.slice(5));
    expect(d._unsent()).toEqual(old.slice(3));
    expect(d._next()).toBe(old[3]);
  });
});
