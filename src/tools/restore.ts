// A page restored from the back/forward cache (`pageshow` with `persisted`) is a new visit:
// dwell starts a new count, web vitals a new page view.
// https://web.dev/articles/bfcache#observe-page-restored
import { listen, type Stop } from './listen';

export function onRestore(callback: () => void): Stop {
  return listen(window, 'pageshow', (event: PageTransitionEvent) => event.persisted && callback(), true);
}
