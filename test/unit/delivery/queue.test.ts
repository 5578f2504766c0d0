// The send queue: bounded in bytes, retries go back to the head.
import { describe, expect, it } from 'vitest';
import { Queue, type Entry } from '../../../src/delivery/queue';

const entry = (id: string, bytes: number): Entry => ({ _kind: 'error', _body: JSON.stringify({ id }), _size: bytes, _attempts: 0, _at: 0 });
const ids = (q: Queue) => q.list.map((e) => JSON.parse(e._body).id);

describe('Queue', () => {
  it('accepts items up to exactly the byte bound and refuses one that would exceed it', () => {
    const q = new Queue(100);
    expect(q.push(entry('a', 40))).toBe(true);
    expect(q.push(entry('b', 60))).toBe(true); // exactly 100
    expect(q.push(entry('c', 1))).toBe(false);
    expect(q.length).toBe(2);
    expect(q.bytes).toBe(100);
    expect(ids(q)).toEqual(['a', 'b']);
  });

  it('refuses a single item larger than the bound, even when empty', () => {
    const q = new Queue(100);
    expect(q.push(entry('big', 101))).toBe(false);
    expect(q.length).toBe(0);
    expect(q.bytes).toBe(0);
  });

  it('accepts a smaller item after refusing a larger one (refusal is per item)', () => {
    const q = new Queue(100);
    q.push(entry('a', 70));
    expect(q.push(entry('b', 40))).toBe(false);
    expect(q.push(entry('c', 30))).toBe(true);
    expect(ids(q)).toEqual(['a', 'c']);
  });

  it('shifts oldest first and keeps the byte count in step', () => {
    const q = new Queue(1_000);
    q.push(entry('a', 10));
    q.push(entry('b', 20));
    q.push(entry('c', 30));
    expect(q.peek()?._size).toBe(10);
    expect(q.bytes).toBe(60);
    expect(JSON.parse(q.shift()!._body).id).toBe('a');
    expect(q.bytes).toBe(50);
    expect(JSON.parse(q.shift()!._body).id).toBe('b');
    expect(JSON.parse(q.shift()!._body).id).toBe('c');
    expect(q.bytes).toBe(0);
    expect(q.shift()).toBeUndefined();
    expect(q.bytes).toBe(0);
    expect(q.length).toBe(0);
  });

  it('puts retries back at the head in their original order', () => {
    const q = new Queue(1_000);
    for (const id of ['a', 'b', 'c', 'd']) q.push(entry(id, 10));
    const first = q.shift()!;
    const second = q.shift()!;
    // Both failed; the sender puts them back last-taken first so the order is kept.
    q.unshift(second);
    q.unshift(first);
    expect(ids(q)).toEqual(['a', 'b', 'c', 'd']);
    expect(q.bytes).toBe(40);
  });

  it('lets a retry back in even when new items filled the space meanwhile', () => {
    // The retry was already accepted once: dropping it now would lose an accepted report.
    const q = new Queue(20);
    q.push(entry('a', 10));
    const a = q.shift()!;
    q.push(entry('b', 10));
    q.push(entry('c', 10));
    q.unshift(a);
    expect(ids(q)).toEqual(['a', 'b', 'c']);
    expect(q.bytes).toBe(30);
    // While over the bound, new items are refused.
    expect(q.push(entry('d', 1))).toBe(false);
  });

  it('removes selected entries and recomputes the bytes', () => {
    const q = new Queue(1_000);
    q.push(entry('a', 10));
    q.push(entry('b', 20));
    q.push(entry('c', 30));
    expect(q.remove((e) => e._size >= 20)).toBe(2);
    expect(ids(q)).toEqual(['a']);
    expect(q.bytes).toBe(10);
    expect(q.remove(() => false)).toBe(0);
  });
});

// From the former delivery-pure tests.
describe('queue', () => {
  const sized = (item: object): Entry => {
    const body = JSON.stringify(item);
    return { _kind: 'error', _body: body, _size: Buffer.byteLength(body), _attempts: 0, _at: 0 };
  };

  it('is bounded in bytes: an item over the bound is refused; a retry keeps its place at the head', () => {
    const q = new Queue(100);
    const a = sized({ id: 'a', pad: 'x'.repeat(40) });
    const b = sized({ id: 'b', pad: 'x'.repeat(40) });
    expect(q.push(a)).toBe(true);
    expect(q.push(b)).toBe(false);
    expect(q.bytes).toBe(a._size);
    const head = q.shift()!;
    expect(q.push(b)).toBe(true);
    q.unshift(head);
    expect(q.list.map((e) => JSON.parse(e._body).id)).toEqual(['a', 'b']);
    expect(q.remove((e) => JSON.parse(e._body).id === 'a')).toBe(1);
    expect(q.bytes).toBe(b._size);
  });
});
