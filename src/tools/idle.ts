// Runs work in the page's next idle period, so the SDK's start does not compete with the
// page's own. Safari has no requestIdleCallback (behind a flag: https://webkit.org/b/164193): a short timer stands in.

/** The longest the idle work may wait, in ms: a busy page still gets its parts installed. */
export const IDLE_TIMEOUT_MS = 1_000;
/** Without requestIdleCallback: after the current task and the ones already queued. */
const FALLBACK_DELAY_MS = 1;

/** Schedules `work`; returns the function that cancels it if it has not run yet. */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback == 'function') {
    const id = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, FALLBACK_DELAY_MS);
  return () => clearTimeout(id);
}
