// JSON for what the SDK sends, immune to the page's prototypes: a library that defines
// `toJSON` on Array.prototype or Object.prototype (Prototype.js, MooTools style) changes
// what native JSON.stringify writes for every array or object. When no built-in prototype
// carries a page-defined toJSON (nearly always), the native encoder runs; otherwise this
// module's own encoder, which never calls a toJSON that is not the object's own.

// Native JSON looks up toJSON on objects only (never on strings, numbers or booleans).
const BUILT_INS = [Object.prototype, Array.prototype];

/** True when a built-in prototype has a toJSON of the page's (read without running a getter). */
function prototypesTampered(): boolean {
  for (const proto of BUILT_INS) if (Object.getOwnPropertyDescriptor(proto, 'toJSON')) return true;
  return false;
}

const quote = (text: string): string => JSON.stringify(String(text));

function encode(value: unknown, seen: unknown[]): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      // Native JSON throws on BigInt; the SDK's callers catch that the same way.
      throw new TypeError('BigInt');
    case 'object': {
      if (value === null) return 'null';
      for (let i = 0; i < seen.length; i++) if (seen[i] === value) throw new TypeError('cyclic');
      // Only the object's own toJSON counts (Date's lives on Date.prototype, a built-in
      // the page is not expected to change): the page's prototype toJSON never runs.
      if (value instanceof Date) return isNaN(+value) ? 'null' : quote(value.toISOString());
      const own = Object.getOwnPropertyDescriptor(value, 'toJSON');
      if (own && typeof own.value == 'function') return encode(own.value.call(value), seen);
      seen[seen.length] = value;
      let out: string;
      // Plain loops and concatenation: a page that patches toJSON may patch map or join too.
      if (Array.isArray(value)) {
        out = '';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (encode(value[i], seen) ?? 'null');
        out = '[' + out + ']';
      } else {
        out = '';
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
          const v = encode((value as Record<string, unknown>)[keys[i]], seen);
          if (v !== undefined) out += (out ? ',' : '') + quote(keys[i]) + ':' + v;
        }
        out = '{' + out + '}';
      }
      seen.length--;
      return out;
    }
    default:
      // undefined, functions and symbols are left out, as native JSON does.
      return undefined;
  }
}

/** JSON.stringify(value), except that no toJSON on a built-in prototype changes the result. */
export function toJson(value: unknown): string {
  return prototypesTampered() ? (encode(value, []) as string) : JSON.stringify(value);
}
