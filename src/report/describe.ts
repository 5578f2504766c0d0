// Turns any value the page hands over (a thrown value, a rejection reason, a console
// argument) into text without running the page's code: own data properties only, so the
// page's getters, toJSON, toString and valueOf never run; bounded in nodes and depth, since
// it runs on the hot path. It never throws: the value may be a revoked Proxy, a Symbol, a
// BigInt, null or a cyclic monster.
import type { Cause } from '../tools/types';
import { describeJson } from '../tools/json';

export interface Described {
  message: string;
  stack: string;
  cause?: Cause[];
  /** An error's own `message`, without its name (the original SDK's manual-report message). */
  bare?: string;
}

const MAX_CAUSES = 3;
/** How far up a prototype chain `name` and `stack` are looked for. */
const MAX_PROTO_DEPTH = 10;
const UNREADABLE = '<unserializable value>';
const CYCLIC = '[object]';

type ErrorCheck = (value: unknown) => boolean;
// Error.isError (Chrome 134, Firefox 138, Safari 18.4) tells a real Error without running a
// Proxy trap; instanceof asks the value for its prototype, which a Proxy can trap.
const isError: ErrorCheck = (Error as unknown as { isError?: ErrorCheck }).isError || ((value) => value instanceof Error);

let builtInStackGetter: unknown;
/** The engine's own `stack` getter (Chrome: on each error; Firefox: on Error.prototype); 0 where there is none (Safari), found once. */
const stackGetter = (): unknown => (builtInStackGetter ??= lookup(new Error(), 'stack', true) || 0);

/**
 * A property's value found along the prototype chain, read from its descriptor: a getter runs
 * only when it is one of the engine's own (the `stack` getter, DOMException's), never one of the page's.
 */
function lookup(value: object, key: PropertyKey, getter?: boolean): unknown {
  for (let o: object | null = value, depth = 0; o && depth < MAX_PROTO_DEPTH; o = Object.getPrototypeOf(o), depth++) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (!d) continue;
    if (getter) return d.get;
    if ('value' in d) return d.value;
    // DOMException's `name` and `message` (and Firefox's `stack`) are accessors on its prototype:
    // unread, a DOMException (a fetch's AbortError, a QuotaExceededError) was a bare "Error".
    // (Read from globalThis: a page may have no DOMException.)
    // An Event's `type` too (an accessor on Event.prototype): a rejection with an img's `error` event.
    if (d.get === stackGetter() || o == globalThis.DOMException?.prototype || o == globalThis.Event?.prototype) return d.get!.call(value);
    // SES's lockdown() turns data properties of frozen prototypes (TypeError.prototype.name...)
    // into accessors whose getter keeps the value as its own `originalValue`, for reflective
    // code like this to read (ses/src/enable-property-overrides.js): unread, a TypeError was "Error".
    return d.get && Object.getOwnPropertyDescriptor(d.get, 'originalValue')?.value;
  }
  return undefined;
}

const text = (value: unknown): string => (typeof value == 'string' ? value : '');

/**
 * An Error, a DOMException (WebKit's Error.isError says false to it, and one a browser made may
 * have no stack), or an object with a string message and a string stack or name: an error a
 * library describes without being one (Angular's HttpErrorResponse, `{ name, message }` objects)
 * is its name and message, not every field it holds (a response body among them).
 */
function isErrorLike(value: unknown): value is object {
  if (!value || typeof value != 'object') return false;
  const domException = globalThis.DOMException;
  return isError(value) || (typeof lookup(value, 'message') == 'string' && (typeof lookup(value, 'stack') == 'string' || typeof lookup(value, 'name') == 'string' || (!!domException && value instanceof domException)));
}

/** A primitive as text; undefined for objects. */
function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'symbol':
      return Symbol.prototype.toString.call(value);
    case 'bigint':
      return `${value}n`;
    case 'function':
      return `function ${text(lookup(value, 'name')) || '(anonymous)'}`;
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return String(value);
  }
}

/**
 * Another value: an object as its class and own fields (`ApiError {"code":"E42"}`), an Event as
 * its class and type (`Event: error`: an image's error event handed to reject), a platform object
 * with no own fields as its class alone (`Response`). Each of these was "{}", all one group.
 */
function describeValue(value: unknown): string {
  const p = primitive(value);
  if (p !== undefined) return p;
  try {
    // Its class: Symbol.toStringTag, else its constructor's name (data properties only); none
    // for a plain object or an array, which their fields describe alone.
    const made = lookup(value as object, 'constructor');
    let name = text(lookup(value as object, Symbol.toStringTag)) || text(typeof made == 'function' && lookup(made, 'name'));
    if (name == 'Object' || name == 'Array') name = '';
    const type = value instanceof Event && text(lookup(value, 'type'));
    const fields = describeJson(value) || CYCLIC;
    return type ? `${name}: ${type}` : name ? (fields == '{}' ? name : `${name} ${fields}`) : fields;
  } catch {
    // A cycle (or a trap that throws): named, not read further.
    return CYCLIC;
  }
}

function messageOf(error: object): string {
  const name = text(lookup(error, 'name')) || 'Error';
  const message = text(lookup(error, 'message'));
  return message ? `${name}: ${message}` : name;
}

/** SES's privileged stack reader (lockdown() leaves it on the global object). */
type StackReader = (error: object) => string;

/** The stack, or '' when reading it throws (a stack formatter may call the page's getters). */
function stackOf(error: object): string {
  try {
    // After SES's lockdown() (errorTaming 'safe'), `stack` is '' in V8: the frames are kept for
    // its getStackString (ses/src/error/tame-v8-error-constructor.js), which gives them without the first line.
    const stack = text(lookup(error, 'stack'));
    const ses = (globalThis as { getStackString?: StackReader }).getStackString;
    const frames = !stack && typeof ses == 'function' ? text(ses(error)) : '';
    return stack || (frames && messageOf(error) + frames);
  } catch {
    return '';
  }
}

function causesOf(error: object): Cause[] | undefined {
  const causes: Cause[] = [];
  let current: unknown = error;
  try {
    while (causes.length < MAX_CAUSES && current && typeof current == 'object') {
      const next = lookup(current, 'cause');
      if (next == null || next === current) break;
      causes.push(isErrorLike(next) ? { message: messageOf(next), stack: stackOf(next) } : { message: describeValue(next) });
      current = next;
    }
  } catch {
    // A revoked Proxy or a trap that throws ends the chain.
  }
  return causes.length ? causes : undefined;
}

/** A thrown or rejected value: message, stack and cause chain. */
export function describeThrown(value: unknown): Described {
  try {
    if (isErrorLike(value)) {
      return { message: messageOf(value), stack: stackOf(value), cause: causesOf(value), bare: isError(value) ? text(lookup(value, 'message')) : undefined };
    }
    return { message: describeValue(value), stack: '' };
  } catch {
    return { message: UNREADABLE, stack: '' };
  }
}

/**
 * A console argument, described without touching an object that may be a Proxy: a logged
 * object is often reactive state (Vue's reactive() is a Proxy whose traps track dependencies),
 * and no browser API tells a Proxy apart without running its traps. Errors are recognised
 * by Error.isError, which runs no trap; other objects are named, not read.
 */
export function describeArgument(value: unknown): string {
  try {
    const p = primitive(value);
    if (p !== undefined) return p;
    if ((Error as unknown as { isError?: ErrorCheck }).isError?.(value)) return messageOf(value as object);
    return Array.isArray(value) ? '[array]' : '[object]';
  } catch {
    return UNREADABLE;
  }
}
