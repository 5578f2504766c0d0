// A test OTLP/HTTP logs receiver: POST /v1/logs with CORS (as an OpenTelemetry Collector's otlp
// receiver with `cors` set), every body decoded with the official opentelemetry-proto schema
// (decodeLogs throws on anything it does not describe). `outage` answers 503 with Retry-After;
// `reject` answers a partial success refusing that many records.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeLogs, records } from '../../unit/support/otlp-schema';

export interface OtlpReceiver {
  url: string;
  /** Decoded records, in arrival order. */
  records: ReturnType<typeof records>;
  /** Every POST: its status and request headers. */
  posts: Array<{ status: number; headers: Record<string, unknown>; invalid?: string }>;
  outage: boolean;
  reject: number;
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type, authorization', 'Access-Control-Expose-Headers': 'Retry-After' };
  const r: OtlpReceiver = { url: '', records: [], posts: [], outage: false, reject: 0, close: async () => {} };
  const server = createServer((req, res) => {
    if (req.method == 'OPTIONS') return void res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object, extra: object = {}) => {
        res.writeHead(status, { ...cors, 'Content-Type': 'application/json', ...extra }).end(JSON.stringify(body));
      };
      if (req.url != '/v1/logs' || req.method != 'POST') return answer(404, {});
      if (r.outage) {
        r.posts.push({ status: 503, headers: req.headers });
        return answer(503, { message: 'unavailable' }, { 'Retry-After': '1' });
      }
      try {
        const decoded = decodeLogs(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        r.records.push(...records(decoded));
        r.posts.push({ status: 200, headers: req.headers });
        answer(200, r.reject ? { partialSuccess: { rejectedLogRecords: String(r.reject), errorMessage: 'test' } } : {});
      } catch (error) {
        r.posts.push({ status: 400, headers: req.headers, invalid: String(error) });
        answer(400, { message: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  r.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  r.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return r;
}
