// SPA route changes, seen without the app's help: history.pushState/replaceState (wrapped),
// popstate and hashchange. Any change of the URL is reported; which ones are route changes
// is decided by `routeOf`.
import { listen, stopAll } from '../tools/listen';
import { wrap, wrapAll } from '../tools/wrap';
import { quietly } from '../tools/guard';
import { navigationCrumb } from './breadcrumbs/navigation';
import type { Part } from '../tools/part';

export type NavigationKind = 'pushState' | 'replaceState' | 'popstate' | 'hashchange';

/**
 * The route of a URL: its path, plus its hash when the hash is a route. A hash is a route
 * when it looks like one (`#/users/1`, `#!/users/1`), or for any hash with `hashRouting`.
 * A plain anchor (`#pricing`) is not a route change. Query strings never are.
 */
export function routeOf(path: string, hash: string, hashRouting: boolean): string {
  const m = (hashRouting ? /^#!?([^?]+)/ : /^#!?(\/[^?]*)/).exec(hash);
  return (path || '/') + (m ? '#' + m[1] : '');
}

/** An empty query or fragment at a URL's end (`?`, `#`, `?#`). */
const EMPTY_END = /[?#]+$/;

/** The same route told two ways: `/#/users` seen in the URL and `/users` from a hash router. */
export function sameRoute(a: string, b: string): boolean {
  return a == b || a.endsWith('#' + b) || b.endsWith('#' + a);
}

/**
 * Calls `onChange` after every change of `location.href` (not for state-only replaceState).
 * Returns the function that stops, and the one that catches up now on a change no call or event
 * has told yet: the back button changes the URL before popstate, and an app's router listener
 * added before the SDK's renders the new route (and raises its errors) before the SDK hears.
 */
export function watchHistory(onChange: (from: string, to: string, kind: NavigationKind) => void): [stop: () => void, catchUp: () => void] {
  let last = location.href;
  const check = (kind: string) =>
    quietly(() => {
      const from = last;
      last = location.href;
      // A fragment navigation fires popstate then hashchange: one change, told once. An empty query
      // or fragment dropped or added (`/?` -> `/`: Angular's router tidying the URL it started on)
      // changes nothing: told or not, it depended on whether the SDK's idle install came first.
      if (last.replace(EMPTY_END, '') != from.replace(EMPTY_END, '')) onChange(from, last, kind as NavigationKind);
    });
  // On History.prototype, where the browser defines them: a library that patches the prototype
  // after the SDK still runs. A page's own patch on the instance, made before the SDK, would
  // call the original past the prototype: that one is wrapped too (a change is told once).
  const targets = [History.prototype, Object.prototype.hasOwnProperty.call(history, 'pushState') ? history : undefined];
  const undo = wrapAll(
    targets.flatMap((target) =>
      ['pushState', 'replaceState'].map((kind) => () =>
        wrap(target, kind, (original, self, args) => {
          const before = location.href;
          const result = original.apply(self, args);
          // Only a change this call made is this call's: a page's popstate handler may write its
          // state at the new URL before ours runs (Next's router does); that change is popstate's.
          if (location.href != before) check(kind);
          return result;
        }),
      ),
    ),
  );
  // Not told by a history call (those are wrapped): a traversal or a fragment change, whose popstate is still to come.
  return [stopAll(undo, listen(window, ['popstate', 'hashchange'], (event: Event) => check(event.type))), () => check('popstate')];
}

/**
 * The routes part: tells the pipeline every route change the history shows (the page view's
 * route, dwell per route), with a navigation breadcrumb for each change of URL; an error's
 * context is read after any change not told yet (its page is the URL's route).
 */
export function routes(options: { navigationCrumbs?: boolean } = {}): Part {
  return {
    _name: 'routes',
    _start: (host) => {
      const [stop, catchUp] = watchHistory((from, to, kind) => {
        if (options.navigationCrumbs !== false) host._crumb(navigationCrumb(from, to, kind));
        host._routeTo(host._routeOf(location.pathname, location.hash));
      });
      host._onCapture(catchUp);
      return stop;
    },
  };
}
