// JSON the page cannot bend. Native JSON.stringify looks up `toJSON` on every object, so a
// library that defines it on Array.prototype or Object.prototype (Prototype.js, MooTools
// style) changes what is sent; a page may also replace JSON.stringify itself. When neither
// is the case (nearly always) the native encoder runs; otherwise the encoder below, which
// never calls a toJSON that is not the object's own.
//
// The same encoder, in `safe` mode, describes a page's value for a report: own data
// properties only (no getter, toJSON, toString or valueOf runs), bounded in nodes and length.
import { cut } from './text';

/** Objects and array elements a safe description visits; the rest is left out. */
export const MAX_DESCRIBED_NODES = 100;
/** Characters kept of each string in a safe description. */
export const MAX_DESCRIBED_STRING = 1000;

// Taken at load: a page that replaces JSON.stringify later does not reach the SDK.
const nativeStringify = JSON.stringify;
const stringEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string literal, as native JSON writes it (lone surrogates escaped). No lookbehind: Safari < 16.4 cannot parse it. */
function quote(text: string): string {
  return (
    '"' +
    text.replace(/[\ud800-\udbff][\udc00-\udfff]|["\\\u0000-\u001f\ud800-\udfff]/g, (c) =>
      c.length > 1 ? c : stringEscapes[c] || '\\u' + (c.charCodeAt(0) + 0x10000).toString(16).slice(1),
    ) +
    '"'
  );
}

/** An own data property's value; undefined for an accessor, whose getter never runs. */
function dataValue(value: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(value, key);
  return d && 'value' in d ? d.value : undefined;
}

/**
 * JSON text of `value`, or undefined where JSON has none. `safe`: a description of a page's
 * value (BigInt as `1n`, cycles as "[Circular]", bounded); otherwise it throws where native
 * JSON throws (BigInt, cycles).
 */
export function encode(value: unknown, seen: unknown[], safe?: boolean, budget = { nodes: MAX_DESCRIBED_NODES }): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(safe ? cut(value, MAX_DESCRIBED_STRING) : value);
    case 'number':
      return isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      if (safe) return quote(`${value}n`);
      throw new TypeError('BigInt');
    case 'object': {
      if (value === null) return 'null';
      for (let i = 0; i < seen.length; i++) if (seen[i] === value) {
        if (safe) return '"[Circular]"';
        throw new TypeError('cyclic');
      }
      if (!safe) {
        // Only the object's own toJSON counts, and Date's, a built-in the page does not change.
        if (value instanceof Date) return isNaN(+value) ? 'null' : quote(value.toISOString());
        const own = dataValue(value, 'toJSON');
        if (typeof own == 'function') return encode(own.call(value), seen);
      }
      seen[seen.length] = value;
      // Plain loops and concatenation: a page that patches toJSON may patch map or join too.
      let out = '';
      const array = Array.isArray(value);
      const keys = array ? [] : Object.keys(value);
      const length = array ? (value as unknown[]).length : keys.length;
      for (let i = 0; i < length; i++) {
        if (safe && --budget.nodes < 0) break;
        const key = array ? String(i) : keys[i];
        const v = encode(safe ? dataValue(value, key) : (value as Record<string, unknown>)[key], seen, safe, budget);
        if (array) out += (i ? ',' : '') + (v ?? 'null');
        else if (v !== undefined) out += (out ? ',' : '') + quote(key) + ':' + v;
      }
      seen.length--;
      return array ? '[' + out + ']' : '{' + out + '}';
    }
    default:
      // undefined, functions and symbols are left out, as native JSON does.
      return undefined;
  }
}

/** True when Object.prototype or Array.prototype carries a toJSON (read without running a getter). */
function prototypesTampered(): boolean {
  return !!(Object.getOwnPropertyDescriptor(Object.prototype, 'toJSON') || Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON'));
}

/** JSON.stringify(value), except that the page's prototypes and a replaced JSON.stringify change nothing. */
export function toJson(value: unknown): string {
  if (!prototypesTampered()) {
    try {
      const json = nativeStringify(value);
      if (typeof json == 'string') return json;
    } catch {
      // A replaced stringify that throws; a real cycle or BigInt throws below all the same.
    }
  }
  return encode(value, []) as string;
}
