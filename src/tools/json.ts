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

/**
 * A page's value as JSON, for a report: own data properties only (no getter or toJSON runs),
 * bounded in nodes and string length, a BigInt as `12n`. Throws on a cycle, as JSON does.
 */
export function describeJson(value: unknown): string | undefined {
  let nodes = 0;
  const read: Read = (target, key) =>
    key == 'toJSON' ? undefined : key == 'length' && Array.isArray(target) ? Math.min(target.length, MAX_DESCRIBED_NODES) : dataValue(target, key);
  return stringify(through(value, read), (_key, v: unknown) =>
    ++nodes > MAX_DESCRIBED_NODES ? undefined : typeof v == 'bigint' ? `${v}n` : typeof v == 'string' ? cut(v, MAX_DESCRIBED_STRING) : v,
  );
}
