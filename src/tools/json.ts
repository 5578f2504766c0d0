// JSON the page cannot bend. Native JSON.stringify looks up `toJSON` on every object, so a
// library that defines it on Array.prototype or Object.prototype (Prototype.js, MooTools
// style) changes what is sent. When no built-in prototype carries one (nearly always), the
// value goes to JSON.stringify as it is; otherwise through a Proxy that hides every toJSON
// but the object's own. The same Proxy, reading own data properties only, describes a page's
// value for a report without running its getters or its toJSON (`describeJson`).
import { cut } from './text';
import { byteLength } from './env';

/** Properties and array elements a description visits; the rest is left out. */
export const MAX_DESCRIBED_NODES = 100;
/** Characters kept of each string in a description. */
export const MAX_DESCRIBED_STRING = 1000;

// Taken at load: a page that replaces JSON.stringify later does not reach the SDK.
const stringify = JSON.stringify;

type Read = (target: object, key: PropertyKey) => unknown;

/** An own data property's value; undefined for an accessor, whose getter never runs. */
const dataValue: Read = (target, key) => {
  const d = Object.getOwnPropertyDescriptor(target, key);
  return d && 'value' in d ? d.value : undefined;
};

/**
 * `value` as JSON.stringify will read it: every property it reads answered by `read`. A Proxy
 * of an array is an array to JSON; a Date is left alone (its toJSON needs the real Date).
 * One Proxy per object, so JSON still sees a cycle as a cycle.
 */
function through(value: unknown, read: Read, made = new Map<object, object>()): unknown {
  // JSON leaves functions out, unless one inherits a toJSON: none does here.
  if (typeof value == 'function') return undefined;
  if (!value || typeof value != 'object' || value instanceof Date) return value;
  let proxy = made.get(value);
  if (!proxy) {
    const get = (target: object, key: PropertyKey) => (key == 'toJSON' ? read(target, key) : through(read(target, key), read, made));
    made.set(value, (proxy = new Proxy(value, { get })));
  }
  return proxy;
}

/** Only the object's own toJSON counts. */
const withoutInherited: Read = (target, key) => (key == 'toJSON' ? dataValue(target, key) : (target as Record<PropertyKey, unknown>)[key]);

/** True when Object.prototype or Array.prototype carries a toJSON (read without running a getter). */
const tampered = () => !!(Object.getOwnPropertyDescriptor(Object.prototype, 'toJSON') || Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON'));

/** JSON.stringify(value), except that a toJSON on a built-in prototype changes nothing. */
export function toJson(value: unknown): string {
  return stringify(tampered() ? through(value, withoutInherited) : value);
}

/**
 * What toJsonWithin throws for a value over its bound, told apart from the page's own errors (a
 * stack overflow is a RangeError) by identity. A symbol, not an Error: an Error made while the
 * bundle evaluates costs its start about 8 ms in Chromium (its stack is captured there; 21 fresh
 * pages, A/B in one run), every page load, for a value thrown almost never.
 */
export const TOO_LARGE: unique symbol = Symbol();

/**
 * `toJson(value)` when it is at most `maxBytes` of UTF-8; throws TOO_LARGE when it is larger, a
 * TypeError on a cycle (as JSON). It stops as soon as the text already visited passes `maxBytes`
 * (a lower bound of the JSON's length: each value's characters and each key, or an array's
 * comma), so a 50 MB string or a million-element array costs what a value of `maxBytes` does.
 */
export function toJsonWithin(value: unknown, maxBytes: number): string | undefined {
  let chars = 0;
  const json = stringify(tampered() ? through(value, withoutInherited) : value, function (this: unknown, key: string, v: unknown) {
    // undefined, functions and symbols are left out of objects (and are `null` in arrays): none counted.
    if (v !== undefined && typeof v != 'function' && typeof v != 'symbol' && (chars += (typeof v == 'string' ? v.length : 1) + (Array.isArray(this) ? 1 : key.length)) > maxBytes) throw TOO_LARGE;
    return v;
  });
  if (json && byteLength(json) > maxBytes) throw TOO_LARGE;
  return json;
}

// Taken at load: a Date is described from its time value, with no method of the page's.
const timeOf = Date.prototype.getTime;
const isoOf = Date.prototype.toISOString;

/**
 * What a description shows instead of a value JSON would run the page's code for (a BigInt's or
 * a Date's toJSON, a Date's own toISOString, a Proxy's `get`) or walk index by index (a String
 * object's characters, a typed array's elements: described by their class alone).
 */
function leaf(v: unknown): unknown {
  if (typeof v == 'bigint') return `${v}n`;
  if (v instanceof Date) {
    try {
      const time = timeOf.call(v);
      return time == time ? isoOf.call(new Date(time)) : null;
    } catch {
      // A Proxy of a Date has no time value of its own.
      return {};
    }
  }
  if (v instanceof String || ArrayBuffer.isView(v)) return {};
  if (!v || typeof v != 'object' || Array.isArray(v)) return v;
  // An object of more keys than are described: a copy of the first ones (JSON would read every
  // key's descriptor, through a Proxy three times: a million keys took 1.9 s; listing them takes 0.7 s).
  const keys = Reflect.ownKeys(v);
  if (keys.length <= MAX_DESCRIBED_NODES) return v;
  const some: Record<PropertyKey, unknown> = Object.create(null);
  for (const key of keys.slice(0, MAX_DESCRIBED_NODES)) some[key] = dataValue(v, key);
  return some;
}

/**
 * A page's value as JSON, for a report: own data properties only (no getter, toJSON or other
 * code of the page's runs), bounded in nodes and string length, a BigInt as `12n`, a Date as its
 * ISO time. Throws on a cycle, as JSON does.
 */
export function describeJson(value: unknown): string | undefined {
  let nodes = 0;
  const read: Read = (target, key) =>
    key == 'toJSON' ? undefined : key == 'length' && Array.isArray(target) ? Math.min(target.length, MAX_DESCRIBED_NODES) : leaf(dataValue(target, key));
  return stringify(through(leaf(value), read), (_key, v: unknown) =>
    ++nodes > MAX_DESCRIBED_NODES ? undefined : typeof v == 'string' ? cut(v, MAX_DESCRIBED_STRING) : v,
  );
}
