// The OpenTelemetry script tag (dist/tracely.otel.min.js): everything of the default script
// tag, plus W3C trace context on the page's own fetch/XHR requests (on by default here:
// `tracePropagationTargets`, the page's own origin unless given) and `dialect: 'otlp'` (with
// `otlpHeaders` for the receiver's auth). A bundle of its own, so that the default script tag
// carries neither (about 2.4 KB gzip together; README "Sizes").
import Tracely from './browser';
import { bundleParts, namedDialects } from './tracely';
import { traceContext, type TraceTarget } from './sources/trace-context';
import { otlpDialect } from './delivery/dialects/otlp';

interface OtelOptions {
  tracePropagationTargets?: TraceTarget[];
  otlpHeaders?: Record<string, string>;
}

namedDialects.set('otlp', (o) => otlpDialect({ headers: (o as OtelOptions).otlpHeaders, batchDelayMs: o.batchDelayMs }));
bundleParts.push((o) => traceContext({ tracePropagationTargets: (o as OtelOptions).tracePropagationTargets }));

export default Tracely;
