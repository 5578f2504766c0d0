// beforeSend: edit, replace, drop; a hook that throws never breaks the pipeline.
import { describe, expect, it } from 'vitest';
import { applyBeforeSend } from '../../../src/gates/before-send';
import { TOO_LARGE } from '../../../src/tools/json';
import { countedArray } from '../support/counted-reads';
import type { ErrorItem, EventItem } from '../../../src/tools/types';

const item = () => ({ id: 'a'.repeat(32), type: 'jsError', message: 'boom', stack: '', url: 'https://x.example/', appId: 'app', time: 1, frames: [], repeat: 0, page: '/' }) as ErrorItem;
const logged: unknown[][] = [];
/** The queue's bytes (maxQueueBytes' default): what beforeSend's item is serialised up to. */
const MAX = 256 * 1024;
const log = (...args: unknown[]) => void logged.push(args);

describe('applyBeforeSend', () => {
  it('sends an item edited in place', () => {
    const it1 = item();
    const json = applyBeforeSend((i) => void ((i as ErrorItem).message = 'edited'), it1, 'error', JSON.stringify(it1), MAX, log);
    expect(JSON.parse(json as string).message).toBe('edited');
  });

  it('sends the item the hook returns', () => {
    const it1 = item();
    const json = applyBeforeSend((i) => ({ ...i, tags: { plan: 'pro' } }), it1, 'error', JSON.stringify(it1), MAX, log);
    expect(JSON.parse(json as string).tags).toEqual({ plan: 'pro' });
  });

  it('drops the item on null or false', () => {
    const it1 = item();
    expect(applyBeforeSend(() => null, it1, 'error', JSON.stringify(it1), MAX, log)).toBe('');
    expect(applyBeforeSend(() => false, it1, 'error', JSON.stringify(it1), MAX, log)).toBe('');
  });

  it('tells the hook which kind of item it sees', () => {
    const kinds: string[] = [];
    const ev = { id: 'b'.repeat(32), eventName: 'purchase', appId: 'app', userId: 'u', time: 1, page: '/' } as EventItem;
    applyBeforeSend((_, kind) => void kinds.push(kind), ev, 'event', JSON.stringify(ev), MAX, log);
    expect(kinds).toEqual(['event']);
  });

  it('keeps the item as it was built when the hook throws, even after editing it, and says why', () => {
    const it1 = item();
    const built = JSON.stringify(it1);
    logged.length = 0;
    const json = applyBeforeSend((i) => {
      (i as ErrorItem).message = 'half-edited';
      throw new Error('bug in hook');
    }, it1, 'error', built, MAX, log);
    expect(json).toBe(built);
    expect(logged.length).toBe(1);
    expect(String(logged[0][0])).toContain('beforeSend');
  });

  it('keeps the item as built when the hook returns something JSON cannot hold', () => {
    const it1 = item();
    const built = JSON.stringify(it1);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(applyBeforeSend(() => cyclic as never, it1, 'error', built, MAX, log)).toBe(built);
  });

  it('drops an item the hook made larger than the queue holds, serialising no further than that, and says why', () => {
    const it1 = item();
    const built = JSON.stringify(it1);
    const state = countedArray(2_000_000, 'row');
    logged.length = 0;
    expect(applyBeforeSend((i) => ({ ...i, state: state.array }), it1, 'error', built, MAX, log)).toBe(TOO_LARGE);
    // About 4 characters a row counted: the serialiser stops near MAX / 4 rows, not 2 million.
    expect(state.reads()).toBeLessThan(MAX / 2);
    expect(String(logged[0][0])).toContain('maxQueueBytes');
    // One byte of room is enough: the bound is the JSON's UTF-8 size.
    const fits = applyBeforeSend((i) => ({ ...i, note: 'é'.repeat(100) }), it1, 'error', built, MAX, log) as string;
    expect(applyBeforeSend((i) => ({ ...i, note: 'é'.repeat(100) }), it1, 'error', built, new TextEncoder().encode(fits).length, log)).toBe(fits);
    expect(applyBeforeSend((i) => ({ ...i, note: 'é'.repeat(100) }), it1, 'error', built, new TextEncoder().encode(fits).length - 1, log)).toBe(TOO_LARGE);
  });

  it("keeps the item as built when the hook throws a RangeError of its own", () => {
    const it1 = item();
    const built = JSON.stringify(it1);
    const deep = (): never => deep();
    expect(applyBeforeSend(() => deep(), it1, 'error', built, MAX, log)).toBe(built);
  });
});
