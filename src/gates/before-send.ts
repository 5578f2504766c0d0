// `beforeSend(item, kind)`: the page's last word on every item. It may edit the item (in
// place, or by returning a new one) or drop it (null or false). A hook that throws, or
// returns something that cannot be sent, leaves the item as it was built. What it returns is
// serialised no further than the queue holds: a larger item could never be queued anyway.
import type { ErrorItem, EventItem } from '../tools/types';
import type { Logger } from '../tools/logger';
import { toJsonWithin, TOO_LARGE } from '../tools/json';

export type BeforeSend = (
  item: ErrorItem | EventItem,
  kind: 'error' | 'event',
) => ErrorItem | EventItem | Record<string, unknown> | null | false | undefined | void;

/**
 * The JSON to send; '' when the hook dropped the item; TOO_LARGE when what it returned is over
 * `maxBytes` of JSON (it is dropped, and counted as a full queue). `json` is the item as built.
 */
export function applyBeforeSend(hook: BeforeSend, item: ErrorItem | EventItem, kind: 'error' | 'event', json: string, maxBytes: number, log: Logger): string | typeof TOO_LARGE {
  try {
    const out = hook(item, kind);
    if (out === null || out === false) return '';
    return toJsonWithin(out && typeof out == 'object' ? out : item, maxBytes) || json;
  } catch (error) {
    if (error === TOO_LARGE) {
      log("beforeSend's item is over maxQueueBytes: dropped");
      return TOO_LARGE;
    }
    log('beforeSend threw; item kept as built:', error);
    return json;
  }
}
