// A back end traced with the OpenTelemetry SDK, as a customer's API is: NodeTracerProvider, the
// HTTP instrumentation (which continues a W3C traceparent it receives), spans kept in memory.
// A child process of its own (CommonJS), so the instrumentation hooks `http` before it loads.
// Prints its port; /_spans and /_seen (untraced) tell the test what the server saw.
'use strict';
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => String(req.url).startsWith('/_') });
const http = require('node:http');

/** Every request as it arrived: method, path and the traceparent header, preflights included. */
const seen = [];
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST',
  // What a back end must allow for a cross-origin target (README: trace context).
  'Access-Control-Allow-Headers': 'traceparent, content-type',
};

const server = http.createServer((req, res) => {
  const path = String(req.url).split('?')[0];
  if (!path.startsWith('/_')) seen.push({ method: req.method, path, traceparent: req.headers.traceparent || null });
  const json = (status, body) => {
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (path === '/_spans') {
    return json(200, exporter.getFinishedSpans().map((s) => ({
      name: s.name,
      kind: s.kind,
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parentSpanId: s.parentSpanContext ? s.parentSpanContext.spanId : null,
      sampled: (s.spanContext().traceFlags & 1) === 1,
      target: s.attributes['url.path'] || s.attributes['http.target'] || null,
    })));
  }
  if (path === '/_seen') return json(200, seen);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    return res.end();
  }
  if (path === '/api/ok') return json(200, { ok: true });
  if (path === '/api/fail') return json(500, { error: 'database unavailable' });
  // A server that hangs up mid-request: the page's fetch rejects (TypeError), the span ends.
  if (path === '/api/hangup') return void setTimeout(() => req.socket.destroy(), 20);
  json(404, { error: 'not found' });
});
server.listen(0, process.argv[2] || '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
