// `beforeSend(item, kind)`: the page's last word on every item. It may edit the item (in
// place, or by returning a new one) or drop it (null or false). A hook that throws, or
// returns something that cannot be sent, leaves the item as it was built.
import type { ErrorItem, EventItem } from '../tools/types';
import type { Logger } from '../tools/logger';
import { toJson } from '../tools/json';

export type BeforeSend = (
  item: ErrorItem | EventItem,
  kind: 'error' | 'event',
) => ErrorItem | EventItem | Record<string, unknown> | null | false | undefined | void;

/** The JSON to send, or '' when the hook dropped the item. `json` is the item as built. */
export function applyBeforeSend(hook: BeforeSend, item: ErrorItem | EventItem, kind: 'error' | 'event', json: string, log: Logger): string {
  try {
    const out = hook(item, kind);
    if (out === null || out === false) return '';
    return toJson(out && typeof out == 'object' ? out : item) || json;
  } catch (error) {
    log('beforeSend threw; item kept as built:', error);
    return json;
  }
}
