// The spool's bounds and its sharing between the tabs of one origin. Node has no
// localStorage: a minimal Web Storage with the browser's quota behaviour (setItem throws
// over the quota) stands in for the environment; the spool code under test is the real one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPOOL_KEY, takeSpool, writeSpool, type SpooledEntry } from '../../src/delivery/spool';

class MemoryStorage {
  data = new Map<string, string>();
  constructor(private readonly quota = 5_000_000) {}
  getItem(key: string) {
    return this.data.has(key) ? this.data.get(key)! : null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.data.set(key, String(value));
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as any).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as any).localStorage;
});

const item = (n: number, pad = 100): SpooledEntry => ['error', JSON.stringify({ id: String(n).padStart(32, '0'), message: 'm'.repeat(pad) }), 1000 + n];

describe('spool', () => {
  it('round-trips one page\'s entries and drop reports, and taking empties the storage', () => {
    expect(writeSpool('p1', [item(1), item(2)], [{ i: 'r'.repeat(32), c: { final_4xx: 1 } }], 10_000)).toBe(true);
    expect(storage.getItem(SPOOL_KEY)).not.toBeNull();
    const records = takeSpool();
    expect(records).toEqual([{ e: [item(1), item(2)], d: [{ i: 'r'.repeat(32), c: { final_4xx: 1 } }] }]);
    expect(storage.getItem(SPOOL_KEY)).toBeNull();
    expect(takeSpool()).toEqual([]);
  });

  it('keeps one record per page: a tab never overwrites another; rewriting replaces only its own', () => {
    writeSpool('tab-a', [item(1)], [], 10_000);
    writeSpool('tab-b', [item(2)], [], 10_000);
    writeSpool('tab-a', [item(3)], [], 10_000);
    const ids = takeSpool().flatMap((r) => r.e.map((e) => e[2]));
    expect(ids.sort()).toEqual([1002, 1003]);
  });

  it('an empty record is removed, and the key with it once no page has one', () => {
    writeSpool('tab-a', [item(1)], [], 10_000);
    writeSpool('tab-b', [item(2)], [], 10_000);
    expect(writeSpool('tab-a', [], [], 10_000)).toBe(false);
    expect(takeSpool()).toHaveLength(1);
    writeSpool('tab-a', [item(1)], [], 10_000);
    writeSpool('tab-a', [], [], 10_000);
    expect(storage.getItem(SPOOL_KEY)).toBeNull();
  });

  it('is bounded in size: the oldest entries are kept, the rest counted as spool_full in the record', () => {
    const entries = Array.from({ length: 50 }, (_, n) => item(n, 900));
    writeSpool('p', entries, [], 10_000);
    const raw = storage.getItem(SPOOL_KEY)!;
    expect(raw.length).toBeLessThanOrEqual(10_000);
    const [record] = takeSpool();
    expect(record.e.length).toBeGreaterThan(5);
    expect(record.e.length).toBeLessThan(50);
    expect(record.e).toEqual(entries.slice(0, record.e.length));
    expect(record.d).toEqual([{ i: expect.stringMatching(/^[0-9a-f]{32}$/), c: { spool_full: 50 - record.e.length } }]);
  });

  it('survives storage that is missing, throws, holds garbage or is over quota', () => {
    delete (globalThis as any).localStorage;
    expect(() => writeSpool('p', [item(1)], [], 10_000)).not.toThrow();
    expect(takeSpool()).toEqual([]);
    (globalThis as any).localStorage = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('SecurityError'); }, removeItem() { throw new Error('SecurityError'); } };
    expect(() => writeSpool('p', [item(1)], [], 10_000)).not.toThrow();
    expect(takeSpool()).toEqual([]);
    storage = new MemoryStorage(50);
    (globalThis as any).localStorage = storage;
    expect(() => writeSpool('p', [item(1)], [], 10_000)).not.toThrow();
    storage.setItem(SPOOL_KEY, '{not json');
    expect(takeSpool()).toEqual([]);
  });
});
