// One way to listen: `listen()` returns the function that stops listening, so no add/remove
// pair has to be kept in step by hand, and the options of both calls are always the same.
import { zoneKey } from './zone';

export type Stop = () => void;

/**
 * The browser's own add/removeEventListener, also on a page run by zone.js (Angular), which
 * patches them and keeps the originals under Zone.__symbol__(name). Added through zone's, the
 * SDK's listeners would run inside the page's zones, and in zone.js before 0.14.2 (or with
 * __zone_symbol__DISABLE_WRAPPING_UNCAUGHT_PROMISE_REJECTION = false) an `unhandledrejection`
 * listener of the SDK's alone made zone.js raise a native event for each of its unhandled
 * rejections that the page without the SDK never sees (sources/zone.ts, test/e2e/zone.spec.ts).
 */
function own(target: EventTarget, name: string): Function {
  const t = target as unknown as Record<string, Function>;
  const key = zoneKey(name);
  return (key && t[key]) || t[name];
}

export function listen(target: EventTarget, types: string | string[], handler: (event: any) => void, capture?: boolean): Stop {
  const list = ([] as string[]).concat(types);
  const add = own(target, 'addEventListener');
  const remove = own(target, 'removeEventListener');
  for (const type of list) add.call(target, type, handler, capture);
  return () => list.forEach((type) => remove.call(target, type, handler, capture));
}

/** One stop function for several. */
export const stopAll =
  (...stops: Stop[]): Stop =>
  () =>
    stops.forEach((stop) => stop());
