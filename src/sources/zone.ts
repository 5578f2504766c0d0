// Rejections of zone.js's promises (Angular's polyfill). zone.js replaces window.Promise with its
// ZoneAwarePromise, whose rejections the browser never tracks: no `unhandledrejection` event
// fires for them. What zone.js does instead (node_modules/zone.js/fesm2015/zone.js, patch
// "ZoneAwarePromise", `handleUnhandledRejection`): it logs with console.error, then calls
// `Zone[Zone.__symbol__('unhandledPromiseRejectionHandler')]` (set by its "PromiseRejectionEvent"
// patch), the one hook it has, with the reason itself by default, or, when the page set
// `__zone_symbol__DISABLE_WRAPPING_UNCAUGHT_PROMISE_REJECTION = false`, with an Error
// "Uncaught (in promise): ..." carrying the reason as its own `rejection` (and `promise`).
// zone's handler builds a PromiseRejectionEvent for the listeners added through its patched
// addEventListener, but never dispatches it to them (zone.js 0.16.3, Chromium): by default the
// event cannot even be built (no `promise`); in the legacy mode, building it from zone's promise
// makes Chromium fire a native `unhandledrejection` for the same reason, which root/once.ts
// folds into this report when the reason is an object (a primitive one counts twice: README).
// (The SDK's own listener is not one zone knows: tools/listen.ts adds through zone's originals.) The SDK wraps that handler: zone's own still runs, with the same arguments.
import { quietly } from '../tools/guard';
import { zoneKey } from '../tools/zone';

const HANDLER = 'unhandledPromiseRejectionHandler';

/** The rejected value in what zone.js hands its handler: a wrapper's `rejection`, else the value itself. */
export function zoneReason(handed: unknown): unknown {
  const own = (key: string) => (handed && typeof handed == 'object' ? Object.getOwnPropertyDescriptor(handed, key) : undefined);
  const rejection = own('rejection');
  return rejection && 'value' in rejection && own('promise') ? rejection.value : handed;
}

/**
 * Hooks zone.js's unhandled-rejection handler when zone.js is on the page; returns the unhook,
 * or undefined when there is no zone.js (yet) or it has no such handler.
 */
export function hookZone(onReason: (reason: unknown) => void): (() => void) | undefined {
  const zone = (window as unknown as { Zone?: Record<string, unknown> }).Zone;
  const key = zoneKey(HANDLER);
  const original = key && zone![key];
  if (typeof original != 'function') return undefined;
  // Only zone.js calls it (no page code reads it), so a plain function does: not tools/wrap's look-alike.
  const hooked = function (this: unknown) {
    quietly(() => onReason(zoneReason(arguments[0])));
    return original.apply(this, arguments);
  };
  zone![key] = hooked;
  return () => {
    if (zone![key] === hooked) zone![key] = original;
  };
}
