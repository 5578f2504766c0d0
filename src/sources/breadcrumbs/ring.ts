// The breadcrumb ring: the last `max` things that happened on the page, oldest first. Every
// error report carries a copy taken at capture time, so later crumbs never leak into it.
import { cut } from '../../tools/text';
import { guard } from '../../tools/guard';
import { toJsonWithin } from '../../tools/json';
import { describeArgument } from '../../report/describe';
import { scrubUrl } from '../../report/scrub';
import type { Logger } from '../../tools/logger';
import type { Crumb as Breadcrumb } from '../../tools/part';

export type { Crumb as Breadcrumb } from '../../tools/part';

/** Returns the crumb to keep (edited or replaced), or a falsy value to drop it. */
export type BeforeBreadcrumb = (crumb: Breadcrumb) => Breadcrumb | null | false | undefined | void;

export const MAX_CRUMB_MESSAGE = 300;
export const MAX_CRUMB_CATEGORY = 100;
/** A crumb's `data` over this (as JSON) is replaced by `{ truncated: true }`. */
export const MAX_CRUMB_DATA_BYTES = 1024;

export type AddCrumb = (crumb: Breadcrumb) => void;

export interface Ring {
  add: AddCrumb;
  /** A copy, oldest first. */
  copy(): Breadcrumb[];
}

export function createRing(max: number, before: BeforeBreadcrumb | undefined, log: Logger): Ring {
  const list: Breadcrumb[] = [];
  return {
    add: (crumb) =>
      guard(log, 'breadcrumb', () => {
        // A hook that throws drops the crumb: it may have been meant to filter it.
        const kept = before ? before(crumb) : crumb;
        if (!kept || typeof kept != 'object') return;
        // Bounded copies: a crumb outlives the call, and a slice would keep a huge parent alive.
        // Every crumb's message, a console line quoting a URL included, leaves as URLs do (scrub.ts);
        // scrubbed at twice its limit, then cut: a secret the cut would halve was scrubbed whole.
        if (kept.message != null) kept.message = cut(scrubUrl(cut(typeof kept.message == 'string' ? kept.message : describeArgument(kept.message), 2 * MAX_CRUMB_MESSAGE)), MAX_CRUMB_MESSAGE);
        if (kept.category != null) kept.category = cut(typeof kept.category == 'string' ? kept.category : describeArgument(kept.category), MAX_CRUMB_CATEGORY);
        if (kept.data != null) {
          // A copy, so the page changing its object later does not change the crumb.
          let json: string | undefined;
          try {
            json = toJsonWithin(kept.data, MAX_CRUMB_DATA_BYTES);
          } catch {
            // Too big, cyclic or throwing: kept as too big.
          }
          kept.data = json ? JSON.parse(json) : { truncated: true };
        }
        list.push(kept);
        if (list.length > max) list.shift();
      }),
    copy: () => list.slice(),
  };
}
