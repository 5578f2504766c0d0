// The hand-over between the async loader (src/loader) and the SDK: the loader defines this
// global while it holds `error` and `unhandledrejection` events raised before the bundle
// arrived; the first client that installs its error hooks calls it with its two handlers, and
// the loader hands every held event over, in order, with the time (ms epoch) it happened.
export const EARLY_SINK = 'tracelyEarly';

export type EarlySink = (event: Event, time: number) => void;
/** The global's signature: error events go to `onError`, rejections to `onRejection`. */
export type EarlyHandOver = (onError: EarlySink, onRejection: EarlySink) => void;
