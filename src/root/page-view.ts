// The page view: the current route, and what must happen before it changes or the page is
// left (dwell time for the old route, web vitals at exit). Parts register; the route is told.
import { sameRoute } from '../sources/routes';
import { scrubUrl } from '../report/scrub';

export interface PageView {
  _route(): string;
  /** A new route: the old one's `before` runs first (its dwell time goes under the old page). */
  _routeTo(route: string): void;
  _before(run: (exit: boolean) => void): void;
  /** Page exit: every `before` runs with exit = true. */
  _exit(): void;
}

export function pageView(initial: string, guarded: (what: string, run: () => void) => void): PageView {
  // A route is a path (and a hash route): its path parameters (`;jsessionid=`), JWTs and
  // sensitive hash parameters (`#/callback&access_token=`) never reach `page`, `_active` or `web_vitals`.
  let route = scrubUrl(initial);
  const before: Array<(exit: boolean) => void> = [];
  const each = (exit: boolean) => before.forEach((run) => guarded('page view', () => run(exit)));
  return {
    _route: () => route,
    _routeTo(next) {
      next = scrubUrl(next);
      if (sameRoute(route, next)) return;
      each(false);
      route = next;
    },
    _before: (run) => before.push(run),
    _exit: () => each(true),
  };
}
