// Foreground time per page (`_active`). The clock runs only while the page is visible; it is
// read from timestamps taken at the visibility transitions, never from timer ticks (Chrome
// throttles timers in hidden tabs). Whole seconds are handed out once; the sub-second rest is
// carried to the next reading. The client reads it on route change and at page exit (hidden,
// pagehide, freeze), which also stops the clock: hidden then pagehide hand out each second once.
import { listen, stopAll } from '../tools/listen';
import { onRestore } from '../tools/restore';
import type { Part } from '../tools/part';

/** A pure stopwatch over caller-given times (ms), so its arithmetic is testable. */
export function stopwatch() {
  let carried = 0;
  let since = -1;
  const stop = (t: number) => {
    if (since >= 0) carried += t - since;
    since = -1;
  };
  return {
    start(t: number) {
      if (since < 0) since = t;
    },
    /** Whole seconds counted so far; the rest is kept. `end` leaves the clock stopped. */
    take(t: number, end?: boolean): number {
      const running = since >= 0;
      stop(t);
      const seconds = Math.floor(carried / 1000);
      carried -= seconds * 1000;
      if (running && !end) since = t;
      return seconds;
    },
    reset() {
      carried = 0;
      since = -1;
    },
  };
}

/** Monotonic: a laptop asleep with the page open does not count as reading time. */
const clock = () => performance.now();

/** Starts counting (from `since` when the page has been visible since then); returns [take(end?) → whole seconds, undo]. */
export function installDwell(since = -1): [(end?: boolean) => number, () => void] {
  const watch = stopwatch();
  // Visible again, or a prerendered page activated: count from now. (Hidden is the exit path.)
  const onVisible = () => {
    if (document.visibilityState == 'visible') watch.start(clock());
  };
  const stop = stopAll(
    listen(document, ['visibilitychange', 'prerenderingchange'], onVisible),
    // Restored from the back/forward cache: a new visit, a new count.
    onRestore(() => {
      watch.reset();
      onVisible();
    }),
  );
  if (since >= 0 && document.visibilityState == 'visible') watch.start(since);
  else onVisible();
  return [(end) => watch.take(clock(), end), stop];
}

/**
 * The dwell part: each route's foreground time as an `_active` event, sent when the route
 * changes and when the page is hidden or left. Time counted while analytics consent was
 * denied is never sent, not even after a later grant.
 */
export function dwell(): Part {
  return {
    _name: 'dwell',
    _start(host) {
      const [take, stop] = installDwell(host._visibleSince());
      host._onConsent((next, previous) => next.analytics == 'granted' && previous.analytics == 'denied' && take());
      host._beforeRoute((exit) => {
        const duration = take(exit);
        if (duration) host._event('_active', { page: host._route(), duration });
      });
      return stop;
    },
  };
}
