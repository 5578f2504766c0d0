// The async loader's stand-in for window.Tracely until the script-tag bundle arrives: it holds
// the page's calls (the constructor and init included) and the error, rejection and CSP
// violation events raised meanwhile, then replays the calls in order on the real class and hands the events to
// the first client that starts (tools/early.ts). Bounded; it never throws into the page, and
// when the bundle never arrives (404, blocked) it lets go of everything it held.
import { EARLY_SINK, TRUSTED_TYPES_POLICY, type EarlyHandOver, type EarlySink } from '../tools/early';
import { quietly } from '../tools/guard';

/** Calls held before the bundle arrives; later ones are dropped (a flush or close resolves false). */
export const MAX_QUEUED_CALLS = 100;
/** Error, rejection and CSP violation events held until a client starts; later ones are dropped. */
export const MAX_EARLY_EVENTS = 50;
/** The part of the Trusted Types API the loader uses (TypeScript's DOM types do not have it yet). */
interface TrustedTypes {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}
/** The public methods of a Tracely instance (src/client.ts, src/tracely.ts). */
export const INSTANCE_METHODS = ['init', 'reportError', 'reportEvent', 'setConsent', 'routeChanged', 'addBreadcrumb', 'setUser', 'setTag', 'flush', 'close', 'serves'];
/** The module functions the script-tag bundle puts on window.Tracely (src/functions.ts). */
export const STATIC_METHODS = ['captureError', 'reportEvent', 'onRouteChange'];

type Fn = (...args: unknown[]) => unknown;
type Real = Fn & Record<string, Fn>;
interface Stub {
  /** The real client, once the bundle arrived and the constructor call was replayed. */
  _real?: Record<string, Fn>;
}
/** A held call: on whom (null: the class itself; method '': the constructor), and a Promise's resolve for flush and close. */
type Call = [target: Stub | null, method: string, args: unknown[], resolve?: (value: unknown) => void];
/** The events held, in the order of the hand-over's handlers (tools/early.ts). */
const EARLY_EVENTS = ['error', 'unhandledrejection', 'securitypolicyviolation'];
/** A held event (one of EARLY_EVENTS) and when it happened (ms epoch). */
type Held = [event: Event, time: number];

/**
 * Installs the stand-in as `win.Tracely` and loads the bundle from `src` (with the snippet's own
 * `nonce`, for a nonce-based CSP); nothing when the SDK is there already.
 */
export function installLoader(win: Window, src: string | null | undefined, integrity?: string | null, nonce?: string): void {
  const w = win as unknown as Record<string, unknown>;
  if (w.Tracely || !src) return;
  // Calls and events in the order they happened: replayed in that order, so an error raised
  // after setUser() carries that user.
  const held: (Call | Held)[] = [];
  let heldCalls = 0;
  let heldEvents = 0;
  /** Events reached by the replay (or raised after it) before any client started. */
  const pending: Held[] = [];
  const ready: Fn[] = [];
  let real: Real | undefined;
  let sink: EarlySink[] | undefined;
  let gone = false;

  const apply = ([target, method, args, resolve]: Call): unknown => {
    let out: unknown = false;
    quietly(() => {
      if (!target) out = real![method](...args);
      else if (!method) target._real = new (real as unknown as new (...a: unknown[]) => Record<string, Fn>)(...args);
      else if (target._real) out = target._real[method](...args);
    });
    resolve?.(out);
    return out;
  };
  // A bundle older than the loader takes two handlers: its sink has no third, and quietly() drops the violation.
  const hand = ([event, time]: Held) => quietly(() => sink![EARLY_EVENTS.indexOf(event.type)](event, time));
  const reach = (entry: Call | Held) => (entry.length == 2 ? (sink ? hand(entry) : pending.push(entry)) : apply(entry));
  /** Now when the bundle is there, held when not (within the bound), dropped when it never comes. */
  const call = (c: Call): unknown => {
    if (real) return apply(c);
    if (!gone && heldCalls++ < MAX_QUEUED_CALLS) held.push(c);
    else c[3]?.(false);
    return undefined;
  };

  const hold = (event: Event) => {
    if (heldEvents++ < MAX_EARLY_EVENTS) (real ? pending : held).push([event, Date.now()]);
  };
  // Capture phase: failed loads' `error` does not bubble.
  const stopHolding = () => {
    for (const type of EARLY_EVENTS) win.removeEventListener(type, hold, true);
    delete w[EARLY_SINK];
  };
  for (const type of EARLY_EVENTS) win.addEventListener(type, hold, true);
  // The first client that starts takes the events over; from then on its own listeners see them.
  const handOver: EarlyHandOver = (...handlers) => {
    stopHolding();
    sink = handlers;
    pending.splice(0).forEach(hand);
  };
  w[EARLY_SINK] = handOver;

  function Tracely(this: Stub, ...args: unknown[]) {
    call([this, '', args]);
  }
  const stub = Tracely as unknown as Real;
  for (const m of INSTANCE_METHODS)
    stub.prototype[m] = function (this: Stub, ...args: unknown[]) {
      // A Promise for flush and close: it settles with the real answer once replayed.
      if (m == 'flush' || m == 'close') return real ? apply([this, m, args]) : new Promise((resolve) => call([this, m, args, resolve]));
      // serves() is a question: before the bundle the answer is no, and nothing is held.
      if (m == 'serves' && !this._real) return false;
      const out = call([this, m, args]);
      return m == 'init' ? this : out;
    };
  Object.defineProperty(stub.prototype, 'dropped', {
    get(this: Stub) {
      return this._real ? this._real.dropped : {};
    },
  });
  for (const m of STATIC_METHODS) stub[m] = (...args: unknown[]) => call([null, m, args]);
  /** `Tracely.onReady(callback)`: called with the real class once the bundle arrived (at once after that). */
  const onReady = (callback: unknown): void => {
    if (real) quietly(() => (callback as Fn)(real));
    else if (!gone && ready.length < MAX_QUEUED_CALLS) ready.push(callback as Fn);
  };
  stub.onReady = onReady;
  w.Tracely = stub;

  // A script made by a script is async already (HTML's "force async"): no attribute to set.
  const script = win.document.createElement('script');
  script.crossOrigin = 'anonymous';
  if (integrity) script.integrity = integrity;
  // A nonce-based CSP without 'strict-dynamic' loads only scripts that carry the page's nonce.
  if (nonce) script.nonce = nonce;
  // `load` fires right after the bundle ran, in the same task: nothing of the page runs in between.
  script.onload = () => {
    const loaded = w.Tracely as Real;
    if (typeof loaded != 'function' || loaded === stub) return fail();
    real = loaded;
    quietly(() => (loaded.onReady = onReady));
    held.splice(0).forEach(reach);
    for (const callback of ready.splice(0)) onReady(callback);
  };
  const fail = () => {
    gone = true;
    stopHolding();
    pending.length = ready.length = 0;
    for (const entry of held.splice(0)) if (entry.length > 2) (entry as Call)[3]?.(false);
  };
  script.onerror = fail;
  // A page enforcing Trusted Types (`require-trusted-types-for 'script'`) takes the URL only from
  // a policy: the loader's own, where the page allows its name; every other page takes the string.
  let url = src;
  quietly(() => (url = (win as unknown as { trustedTypes: TrustedTypes }).trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: String }).createScriptURL(src)));
  quietly(() => (script.src = url));
  // No src: Trusted Types are enforced and the policy was not allowed, a bundle that never arrives.
  if (script.src) win.document.head.appendChild(script);
  else fail();
}
