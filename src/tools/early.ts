// The hand-over between the async loader (src/loader) and the SDK: the loader defines this
// global while it holds `error`, `unhandledrejection` and `securitypolicyviolation` events raised
// before the bundle arrived; the first client that installs its error hooks calls it with its
// handlers, and the loader hands every held event over, in order, with the time (ms epoch) it
// happened. (A loader older than the CSP handler ignores the third; it never held violations.)
export const EARLY_SINK = 'tracelyEarly';

export type EarlySink = (event: Event, time: number) => void;
/** The global's signature: error events go to `onError`, rejections to `onRejection`, CSP violations to `onViolation`. */
export type EarlyHandOver = (onError: EarlySink, onRejection: EarlySink, onViolation: EarlySink) => void;

/**
 * The Trusted Types policy the loader makes the bundle's URL with: a page enforcing Trusted Types
 * names it in its `trusted-types` directive. Where a page lists its policies without it, making the
 * policy is a violation of the loader's own, never reported as the page's (sources/errors.ts).
 */
export const TRUSTED_TYPES_POLICY = 'tracely';
