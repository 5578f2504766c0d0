// toJson: native JSON's output, whatever the page did to the prototypes or (later) to JSON.stringify.
import { afterEach, describe, expect, it } from 'vitest';
import { describeJson, MAX_DESCRIBED_NODES, TOO_LARGE, toJson, toJsonWithin } from '../../../src/tools/json';
import { countedArray } from '../support/counted-reads';

const SAMPLES: unknown[] = [
  { a: 1, b: 'two', c: [1, 'x', null, true], d: { e: undefined, f: () => 1, g: Symbol('s') } },
  ['\u0000\u001f"\\\n\r\t\b\f', 'é', '😀', '\ud800 lone high', 'lone low \udc00', '\udc00\ud800'],
  { date: new Date(0), bad: new Date(NaN), nested: [[[]]], nan: NaN, inf: -Infinity },
  { own: { toJSON: () => 'own toJSON counts' } },
];

describe('toJson', () => {
  const saved = { object: Object.getOwnPropertyDescriptor(Object.prototype, 'toJSON'), array: Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON') };
  afterEach(() => {
    delete (Object.prototype as any).toJSON;
    delete (Array.prototype as any).toJSON;
    expect(saved.object ?? saved.array).toBeUndefined();
  });

  it('writes what native JSON writes', () => {
    for (const value of SAMPLES) expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('ignores a toJSON the page put on Array.prototype and Object.prototype', () => {
    const expected = SAMPLES.map((v) => JSON.stringify(v));
    // Prototype.js style: arrays and objects serialise as something else.
    Object.defineProperty(Array.prototype, 'toJSON', { value: () => 'array!', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'object!', configurable: true, writable: true });
    expect(JSON.stringify({ a: [1] })).toBe('"object!"');
    SAMPLES.forEach((value, i) => expect(toJson(value)).toBe(expected[i]));
  });

  it('is unaffected by a JSON.stringify the page replaces after the SDK loaded', () => {
    const native = JSON.stringify;
    JSON.stringify = (() => {
      throw new Error('hostile');
    }) as typeof JSON.stringify;
    try {
      expect(toJson({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
    } finally {
      JSON.stringify = native;
    }
  });

  it('throws where native JSON throws: cycles and BigInt', () => {
    Object.defineProperty(Array.prototype, 'toJSON', { value: () => 0, configurable: true, writable: true });
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(() => toJson(cyclic)).toThrow(TypeError);
    expect(() => toJson({ n: 1n })).toThrow(TypeError);
  });
});

/** What `run` throws (undefined when it returns). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('toJsonWithin (JSON up to a size)', () => {
  it('is toJson when the JSON fits, to the byte, and throws TOO_LARGE when it does not', () => {
    for (const value of SAMPLES) {
      const json = toJson(value)!;
      const bytes = Buffer.byteLength(json);
      expect(toJsonWithin(value, bytes)).toBe(json);
      expect(thrown(() => toJsonWithin(value, bytes - 1))).toBe(TOO_LARGE);
    }
    // Characters are not bytes: 600 'é' are 608 characters of JSON and 1 208 bytes.
    expect(thrown(() => toJsonWithin({ s: 'é'.repeat(600) }, 1024))).toBe(TOO_LARGE);
    expect(toJsonWithin(undefined, 10)).toBeUndefined();
  });

  it('stops reading once the text visited passes the limit: a million elements cost a thousand reads', () => {
    const huge = countedArray(1e6, 7);
    expect(thrown(() => toJsonWithin({ huge: huge.array }, 1024))).toBe(TOO_LARGE);
    expect(huge.reads()).toBeLessThan(1100);
  });

  it('stops before a later member: a getter after a string over the limit never runs', () => {
    let ran = 0;
    const value = {
      long: 'x'.repeat(50_000),
      get later() {
        return ++ran;
      },
    };
    expect(thrown(() => toJsonWithin(value, 1024))).toBe(TOO_LARGE);
    expect(ran).toBe(0);
  });

  it('ignores a toJSON on the built-in prototypes, and throws on a cycle as JSON does', () => {
    Object.defineProperty(Array.prototype, 'toJSON', { value: () => 'x'.repeat(5000), configurable: true, writable: true });
    try {
      expect(toJsonWithin({ a: [1, 2] }, 64)).toBe('{"a":[1,2]}');
      const cyclic: any = {};
      cyclic.self = cyclic;
      expect(() => toJsonWithin(cyclic, 1024)).toThrow(TypeError);
    } finally {
      delete (Array.prototype as any).toJSON;
    }
  });
});

describe('describeJson (describing a page value)', () => {
  it('reads own data properties only: no getter and no toJSON runs, not even an own one', () => {
    let ran = 0;
    const value = {
      a: 1,
      get b() {
        return ++ran;
      },
      toJSON: () => ++ran,
      nested: { get c() { return ++ran; }, d: [1, { toJSON: () => ++ran }] },
    };
    expect(describeJson(value)).toBe('{"a":1,"nested":{"d":[1,{}]}}');
    expect(ran).toBe(0);
  });

  it('bounds nodes and string length, writes BigInt as 5n, and throws on a cycle as JSON does', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i);
    const out = describeJson({ big, long: 'x'.repeat(1e6), n: 5n })!;
    expect(out.length).toBeLessThan(MAX_DESCRIBED_NODES * 8 + 2000);
    expect(describeJson(5n)).toBe('"5n"');
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    expect(() => describeJson(cyclic)).toThrow(TypeError);
  });

  it("runs none of the page's code for a Date or a BigInt: a Date is its ISO time, read from its own time value", () => {
    let ran = 0;
    const when = Object.assign(new Date(0), { toISOString: () => `page ${++ran}` });
    const get = (t: object, k: PropertyKey) => (ran++, Reflect.get(t, k));
    (BigInt.prototype as { toJSON?: unknown }).toJSON = () => `page ${++ran}`;
    try {
      expect(describeJson({ when, bad: new Date(NaN), amount: 12n })).toBe('{"when":"1970-01-01T00:00:00.000Z","bad":null,"amount":"12n"}');
      expect(describeJson(new Proxy(new Date(0), { get }))).toBe('{}');
    } finally {
      delete (BigInt.prototype as { toJSON?: unknown }).toJSON;
    }
    expect(ran).toBe(0);
  });

  // JSON walks them index by index: a million-element typed array took 1.5 s, a String object of a million characters 1.9 s.
  it('describes a typed array and a String object by nothing of their contents', () => {
    expect(describeJson({ bytes: new Uint8Array(1e6), text: new String('x'.repeat(1e6)) })).toBe('{"bytes":{},"text":{}}');
  });

  it("reads at most MAX_DESCRIBED_NODES of an object's properties, however many it has (a million: 1.9 s, now the 0.7 s of listing its keys)", () => {
    const target: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) target['k' + i] = i;
    let reads = 0;
    const proxy = new Proxy(target, { getOwnPropertyDescriptor: (t, k) => (reads++, Reflect.getOwnPropertyDescriptor(t, k)) });
    const out = JSON.parse(describeJson(proxy)!);
    expect(Object.keys(out).length).toBeLessThanOrEqual(MAX_DESCRIBED_NODES);
    expect(out.k0).toBe(0);
    expect(reads).toBeLessThanOrEqual(MAX_DESCRIBED_NODES + 10);
  });
});
