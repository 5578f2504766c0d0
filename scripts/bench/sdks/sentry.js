// Sentry, errors only: `@sentry/browser` with its default integrations. Since v8 the defaults
// hold no tracing and no replay (browserTracingIntegration and replayIntegration must be added
// by hand), so "errors only" is simply the defaults: event filters, function toString,
// browser API error wrapping, breadcrumbs (console, DOM, fetch, XHR, history), global handlers,
// linked errors, dedupe, HTTP context, culture context and sessions. No tracesSampleRate.
// The DSN points at the sink: envelopes go to {sink}/api/1/envelope/ (key in the query string).
import { init, captureException } from '@sentry/browser';

window.BenchSDK = {
  init(sink) {
    const u = new URL(sink);
    init({ dsn: `${u.protocol}//benchkey@${u.host}${u.pathname}/1` });
  },
  capture(error) {
    captureException(error);
  },
};
