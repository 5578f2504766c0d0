// Turns any thrown or rejected value into a message and a stack without ever throwing:
// the value may be a Proxy whose traps throw, an object whose getters throw, a Symbol,
// a BigInt, null, or a cyclic monster. The work is bounded (it runs on the hot path).
import type { Cause } from '../tools/types';

export interface Described {
  message: string;
  stack: string;
  cause?: Cause[];
}

const MAX_NODES = 100;
const MAX_CAUSES = 3;
const UNREADABLE = '<unserializable value>';

function text(value: unknown): string {
  try {
    return typeof value === 'string' ? value : value == null ? '' : String(value);
  } catch {
    return '';
  }
}

function isErrorLike(value: unknown): value is Error {
  try {
    if (value instanceof Error) return true;
    const v = value as { message?: unknown; stack?: unknown };
    return !!v && typeof v === 'object' && typeof v.message === 'string' && typeof v.stack === 'string';
  } catch {
    return false;
  }
}

/** JSON with a node budget, so a huge rejection reason costs bounded time. */
function boundedJson(value: object): string {
  let nodes = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (++nodes > MAX_NODES) return undefined;
    // Arrays past the budget would still print every element as null: cut them first.
    if (Array.isArray(v) && v.length > MAX_NODES) return v.slice(0, MAX_NODES);
    return typeof v === 'bigint' ? `${v}n` : v;
  });
  return json === undefined ? Object.prototype.toString.call(value) : json;
}

function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'bigint':
      return `${value}n`;
    case 'function':
      return `function ${text(value.name) || '(anonymous)'}`;
    case 'object':
      if (value === null) return 'null';
      try {
        return boundedJson(value);
      } catch {
        return Object.prototype.toString.call(value);
      }
    default:
      return String(value);
  }
}

function messageOf(error: Error): string {
  let name = '';
  let message = '';
  try {
    name = text(error.name);
    message = text(error.message);
  } catch {
    // A getter threw: keep what was read.
  }
  if (!name) name = 'Error';
  return message ? `${name}: ${message}` : name;
}

function stackOf(error: Error): string {
  try {
    return text(error.stack);
  } catch {
    return '';
  }
}

function causesOf(error: Error): Cause[] | undefined {
  const causes: Cause[] = [];
  let current: unknown = error;
  try {
    while (causes.length < MAX_CAUSES) {
      const next: unknown = (current as { cause?: unknown }).cause;
      if (next === undefined || next === null || next === current) break;
      causes.push(isErrorLike(next) ? { message: messageOf(next), stack: stackOf(next) } : { message: describeValue(next) });
      current = next;
    }
  } catch {
    // A throwing getter ends the chain.
  }
  return causes.length ? causes : undefined;
}

export function describeThrown(value: unknown): Described {
  try {
    if (isErrorLike(value)) return { message: messageOf(value), stack: stackOf(value), cause: causesOf(value) };
    return { message: describeValue(value), stack: '' };
  } catch {
    return { message: UNREADABLE, stack: '' };
  }
}
