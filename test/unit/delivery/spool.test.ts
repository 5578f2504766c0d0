// The spool's bounds, its sharing between the tabs of one origin, and the checks on what it
// reads back (issue 8, item 6: a corrupt spool never costs the page's new reports). Node has no
// localStorage: a minimal Web Storage with the browser's quota behaviour (setItem throws
// over the quota) stands in for the environment; the spool code under test is the real one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DROP_REASONS, readSpool, SPOOL_KEY, takeSpool as take, writeSpool as write, type SpooledEntry } from '../../../src/delivery/spool';
import type { DropReport } from '../../../src/delivery/drops';

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
/** What the spool counted as invalid (its `invalid` callback). */
let invalid = 0;
const count = (n: number) => (invalid += n);
const takeSpool = (maxChars = 10_000) => take(maxChars, count);
/** Reads, then writes page `page`'s record, as the transport does. */
const writeSpool = (page: string, entries: SpooledEntry[], reports: DropReport[], maxChars: number) => write(readSpool(maxChars, count)[0], page, entries, reports, maxChars);
beforeEach(() => {
  invalid = 0;
  storage = new MemoryStorage();
  (globalThis as any).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as any).localStorage;
});

const item = (n: number, pad = 100): SpooledEntry => ['error', JSON.stringify({ id: String(n).padStart(32, '0'), message: 'm'.repeat(pad) }), 1000 + n];

describe('spool', () => {
  it('round-trips one page\'s entries and drop reports, and taking empties the storage', () => {
    expect(writeSpool('p1', [item(1), item(2)], [{ i: 'f'.repeat(32), c: { final_4xx: 1 } }], 10_000)).toBe(true);
    expect(storage.getItem(SPOOL_KEY)).not.toBeNull();
    const records = takeSpool();
    expect(records).toEqual([{ e: [item(1), item(2)], d: [{ i: 'f'.repeat(32), c: { final_4xx: 1 } }] }]);
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

  it('keeps already-sent entries (delivery unknown) after the unsent as room allows, never counting those that do not fit', () => {
    const unsent = Array.from({ length: 4 }, (_, n) => item(n, 900));
    const sent = Array.from({ length: 20 }, (_, n) => item(100 + n, 900));
    write(readSpool(10_000, count)[0], 'p', unsent, [], 10_000, sent);
    const [record] = takeSpool();
    expect(record.e.slice(0, 4)).toEqual(unsent);
    expect(record.e.length).toBeGreaterThan(4);
    expect(record.e.length).toBeLessThan(24);
    expect(record.d).toEqual([]);
    // Sent entries alone make a record too (the next page load re-sends them).
    write(readSpool(10_000, count)[0], 'p', [], [], 10_000, [item(7)]);
    expect(takeSpool()).toEqual([{ e: [item(7)], d: [] }]);
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
    expect(invalid).toBe(1);
  });
});

describe('spool read back from a corrupt store: the valid goes on, the invalid is discarded and counted', () => {
  const REPORT: DropReport = { i: 'a'.repeat(32), c: { final_4xx: 2 } };
  const store = (value: unknown) => storage.setItem(SPOOL_KEY, typeof value == 'string' ? value : JSON.stringify(value));
  const ids = (records: ReturnType<typeof takeSpool>) => records.flatMap((r) => r.e.map((e) => e[2])).sort((a, b) => a - b);

  it('counts every entry of the wrong shape: wrong types, unknown kinds, NaN and absurd times, bodies that are not JSON objects', () => {
    const bad: unknown[] = [
      ['log', item(1)[1], 1001], // unknown kind
      [5, item(1)[1], 1001],
      ['error', { id: 'x' }, 1001], // an object where the JSON text belongs
      ['error', 42, 1001],
      ['error', item(1)[1], '1001'], // a time that is text
      ['error', item(1)[1], null], // NaN and ±Infinity are written as null by JSON
      ['error', item(1)[1], -5],
      ['error', item(1)[1], 0],
      ['error', '{not json', 1001],
      ['error', '{"a":1} and then garbage', 1001],
      ['error', '[1,2,3]', 1001], // an array where an object belongs
      ['error', '"a string"', 1001],
      ['error', 'null', 1001],
      ['error'],
      null,
      'error',
      { kind: 'error', body: item(1)[1], at: 1001 }, // an object where the tuple belongs
    ];
    store({ p1: { e: [item(1), ...bad, item(2)], d: [] } });
    const records = takeSpool();
    expect(ids(records)).toEqual([1001, 1002]);
    expect(invalid).toBe(bad.length);
    expect(storage.getItem(SPOOL_KEY)).toBeNull();
  });

  it('reads a time ahead of the clock (set back since) as now: such an entry ages, and is no reason to wait', () => {
    const ahead = Date.now() + 365 * 86_400_000;
    store({ p1: { e: [['error', '{}', ahead]], d: [] } });
    const [{ e }] = takeSpool();
    expect(e[0][2]).toBeLessThanOrEqual(Date.now());
    expect(e[0][2]).toBeGreaterThan(ahead - 366 * 86_400_000);
    expect(invalid).toBe(0);
  });

  it('counts a time that JSON reads as Infinity', () => {
    storage.setItem(SPOOL_KEY, `{"p1":{"e":[["error","{}",1e400],["event","{}",5]],"d":[]}}`);
    expect(takeSpool()).toEqual([{ e: [['event', '{}', 5]], d: [] }]);
    expect(invalid).toBe(1);
  });

  it('counts huge strings: a body beyond the spool bound, a reason or an id of a megabyte', () => {
    const huge = 'x'.repeat(1_000_000);
    store({
      p1: {
        e: [['error', JSON.stringify({ id: '1', message: huge }), 1001], item(2)],
        d: [{ i: 'a'.repeat(32), c: { [huge]: 1 } }, { i: huge, c: { final_4xx: 1 } }, REPORT],
      },
    });
    expect(takeSpool(128 * 1024)).toEqual([{ e: [item(2)], d: [REPORT] }]);
    expect(invalid).toBe(3);
  });

  it('counts drop reports the collector could not take or that would break a batch', () => {
    const bad: unknown[] = [
      { i: 'a'.repeat(31) + '"', c: { final_4xx: 1 } }, // a quote in the id would end the body's string
      { i: 'A'.repeat(32), c: { final_4xx: 1 } },
      { i: 7, c: { final_4xx: 1 } },
      { i: 'a'.repeat(32) }, // no counts
      { i: 'a'.repeat(32), c: [1, 2] }, // an array where an object belongs
      { i: 'a'.repeat(32), c: 'queue_full' },
      { i: 'a'.repeat(32), c: { final_4xx: -1 } },
      { i: 'a'.repeat(32), c: { final_4xx: 1.5 } },
      { i: 'a'.repeat(32), c: { final_4xx: '3' } },
      { i: 'a'.repeat(32), c: { final_4xx: 1e300 } },
      { i: 'a'.repeat(32), c: { '': 1 } },
      { i: 'a'.repeat(32), c: { 'Final 4xx': 1 } },
      { i: 'a'.repeat(32), c: Object.fromEntries(Array.from({ length: MAX_DROP_REASONS + 1 }, (_, n) => [`r${n}`, 1])) },
      null,
      [REPORT.i, REPORT.c],
    ];
    store({ p1: { e: [], d: [...bad, REPORT] } });
    expect(takeSpool()).toEqual([{ e: [], d: [REPORT] }]);
    expect(invalid).toBe(bad.length);
  });

  it('counts records of the wrong shape, one each, and keeps the other pages\' records', () => {
    store({
      good: { e: [item(1)], d: [] },
      array: [item(2)], // an array where the record belongs
      noEntries: { d: [] },
      entriesObject: { e: { 0: item(3) }, d: [] },
      reportsNull: { e: [item(4)], d: null },
      text: 'a record',
      nothing: null,
      other: { e: [item(5)], d: [REPORT] },
    });
    expect(ids(takeSpool())).toEqual([1001, 1005]);
    expect(invalid).toBe(6);
  });

  it('counts one for a value that is not a spool at all: truncated JSON, an array, a number, a string, null', () => {
    const valid = JSON.stringify({ p1: { e: [item(1), item(2)], d: [REPORT] } });
    for (const value of [valid.slice(0, valid.length / 2), valid.slice(0, -1), '', '[]', '42', '"spool"', 'null', 'undefined']) {
      invalid = 0;
      storage.setItem(SPOOL_KEY, value);
      expect(takeSpool(), value).toEqual([]);
      // An empty string holds nothing to lose; an empty array, no record: nothing counted.
      expect(invalid, value).toBe(value === '' || value === '[]' ? 0 : 1);
      // Taken out all the same: it is counted once, not at every page load.
      expect(storage.getItem(SPOOL_KEY), value).toBeNull();
    }
  });

  it('a page id is only a name: "__proto__" neither loses its record nor changes the spool\'s prototype', () => {
    storage.setItem(SPOOL_KEY, `{"__proto__":{"e":[${JSON.stringify(item(1))}],"d":[]},"p2":{"e":[${JSON.stringify(item(2))}],"d":[]}}`);
    expect(ids(takeSpool())).toEqual([1001, 1002]);
    expect(invalid).toBe(0);
    expect(({} as any).e).toBeUndefined();
  });

  it('writing over a corrupt store discards and counts the invalid, keeps other tabs\' valid records, and writes this page\'s', () => {
    store({ other: { e: [item(1), ['log', '{}', 1]], d: [] }, broken: 'x' });
    expect(writeSpool('mine', [item(2)], [REPORT], 10_000)).toBe(true);
    expect(invalid).toBe(2);
    const stored = JSON.parse(storage.getItem(SPOOL_KEY)!);
    expect(stored).toEqual({ other: { e: [item(1)], d: [] }, mine: { e: [item(2)], d: [REPORT] } });
    // A value that is no spool at all is replaced, counted once.
    invalid = 0;
    storage.setItem(SPOOL_KEY, '[1,2');
    writeSpool('mine', [item(3)], [], 10_000);
    expect(invalid).toBe(1);
    expect(JSON.parse(storage.getItem(SPOOL_KEY)!)).toEqual({ mine: { e: [item(3)], d: [] } });
  });

  it('writes with toJson: a page\'s Array.prototype.toJSON does not change the spool\'s shape', () => {
    const proto = Array.prototype as any;
    proto.toJSON = function () {
      return 'hijacked';
    };
    try {
      writeSpool('p1', [item(1)], [REPORT], 10_000);
    } finally {
      delete proto.toJSON;
    }
    expect(takeSpool()).toEqual([{ e: [item(1)], d: [REPORT] }]);
    expect(invalid).toBe(0);
  });
});
