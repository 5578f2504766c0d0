import { toJson } from '../tools/json';

// The consent gate: per category (`errors`, `analytics`), granted, pending or denied.
// Pending items wait in memory, bounded in count and size, for the visitor's decision:
// on grant they go on through the pipeline, on deny they are discarded.

export type ConsentState = 'granted' | 'pending' | 'denied';
/** One state for every category, or some categories by name (the others keep theirs). */
export type Consent = ConsentState | { errors?: ConsentState; analytics?: ConsentState };
export type Category = 'errors' | 'analytics';
export type Consents = Record<Category, ConsentState>;

export const GRANTED = 'granted';
const STATES = [GRANTED, 'pending', 'denied'];
const CATEGORIES: Category[] = ['errors', 'analytics'];

/** Items held while consent is pending; beyond either bound a new item is dropped. */
export const MAX_HELD = 100;
/** Held text (message, stack, event metadata as JSON), in UTF-16 units. */
export const MAX_HELD_CHARS = 128 * 1024;

/**
 * The consents after `value`: categories it does not name keep `current`; undefined when invalid.
 * A key that is no category (`{ error: 'denied' }`, an array) makes the value invalid: a typo
 * must not leave granted what the page meant to deny.
 */
export function nextConsent(value: unknown, current: Consents): Consents | undefined {
  const v = (typeof value == 'string' ? { errors: value, analytics: value } : value) as Record<string, unknown>;
  if (!v || typeof v != 'object' || Object.keys(v).some((key) => !CATEGORIES.includes(key as Category))) return;
  const next = { ...current };
  for (const cat of CATEGORIES) {
    const state = v[cat];
    if (state === undefined) continue;
    if (!STATES.includes(state as string)) return;
    next[cat] = state as ConsentState;
  }
  return next;
}

/**
 * A size estimate for a held value: its JSON length. A value JSON cannot hold (a BigInt, a cycle)
 * is too large to hold: its size is unknown, and the page's object is what would wait.
 */
export function heldSize(value: unknown): number {
  try {
    return (toJson(value) || '').length;
  } catch {
    return Infinity;
  }
}

/** What waits for a decision: [category, size, continue]. */
type HeldItem = [Category, number, () => void];

export class Held {
  private _items: HeldItem[] = [];
  private _chars = 0;

  /** Keeps `run` for later; false when a bound is reached (the caller drops the item). */
  add(cat: Category, chars: number, run: () => void): boolean {
    if (this._items.length >= MAX_HELD || this._chars + chars > MAX_HELD_CHARS) return false;
    this._items.push([cat, chars, run]);
    this._chars += chars;
    return true;
  }

  /** Removes and returns the held continuations of a category, oldest first. */
  take(cat: Category): Array<() => void> {
    const taken: Array<() => void> = [];
    this._items = this._items.filter((h) => h[0] != cat || (taken.push(h[2]), (this._chars -= h[1]), false));
    return taken;
  }
}

/**
 * The page's consent function, usable before the SDK loads (a consent manager often answers
 * first). The page defines a stub that records the latest decision:
 *   window.tracelyConsent = window.tracelyConsent || function (v) { tracelyConsent.value = v; };
 * At init the SDK takes that decision and puts its own function in the stub's place: the
 * same call then reaches every initialised client.
 */
export const GLOBAL_CONSENT = 'tracelyConsent';

type ConsentFunction = ((value: unknown) => void) & { value?: unknown };

/** Installs the global function (calling `set`); returns the decision recorded before, if any. */
export function adoptGlobalConsent(set: (value: unknown) => void): unknown {
  const w = window as unknown as Record<string, ConsentFunction | undefined>;
  const forward: ConsentFunction = (value) => set((forward.value = value));
  forward.value = w[GLOBAL_CONSENT]?.value;
  w[GLOBAL_CONSENT] = forward;
  return forward.value;
}

export type ConsentListener = (next: Consents, previous: Consents) => void;

/**
 * Consent as one unit: the current state, what waits for it, and who must act when it
 * changes (storage, identity, delivery subscribe). A decision releases or drops what was held.
 */
export class CurrentConsent {
  private readonly _held = new Held();
  private readonly _listeners: ConsentListener[] = [];

  constructor(public _now: Consents) {}

  _granted(cat: Category): boolean {
    return this._now[cat] == GRANTED;
  }

  /** True to go on now; while pending, `hold()` gives [size, continuation] to keep for the decision. */
  _allows(cat: Category, hold: () => [number, () => void], log: (...args: unknown[]) => void): boolean {
    const state = this._now[cat];
    if (state == GRANTED) return true;
    // A full hold drops the item, as a denied consent does.
    log(`${cat} consent ${state}:`, state == 'pending' && this._held.add(cat, ...hold()) ? 'held' : 'dropped');
    return false;
  }

  _subscribe(listener: ConsentListener): void {
    this._listeners.push(listener);
  }

  /** Makes `next` the state: listeners first (storage, identity, delivery), then what was held is released or let go. */
  _set(next: Consents, run: (continuation: () => void) => void): void {
    const previous = this._now;
    this._now = next;
    for (const listener of this._listeners) listener(next, previous);
    for (const cat of CATEGORIES) {
      if (next[cat] == 'pending') continue;
      const held = this._held.take(cat);
      // Denied: the held items are let go (never counted: they never passed the gate).
      if (next[cat] == GRANTED) held.forEach(run);
    }
  }
}
