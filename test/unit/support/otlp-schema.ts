// OTLP/HTTP JSON checked against the official schema: the opentelemetry-proto definitions as
// generated (protobufjs static module) in @opentelemetry/otlp-transformer 0.57, not written here.
// A body decodes when it survives JSON ► message ► protobuf bytes ► message ► JSON unchanged:
// an unknown field, a wrong type or a bad enum is lost or refused on the way, and fails.
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js');
const Request = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

const ID_KEYS = ['traceId', 'spanId'];
/** 64-bit fields: OTLP JSON may carry them as decimal strings. */
const LONG_KEYS = ['timeUnixNano', 'observedTimeUnixNano', 'intValue'];

/** Maps the values under `keys` (OTLP JSON carries ids as hex, protobuf as bytes). */
function mapKeys(value: unknown, keys: string[], map: (v: any) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, keys, map));
  if (!value || typeof value != 'object' || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.includes(k) ? map(v) : mapKeys(v, keys, map)]));
}
const mapIds = (value: unknown, map: (v: any) => unknown) => mapKeys(value, ID_KEYS, (v) => (typeof v == 'string' || Array.isArray(v) ? map(v) : v));

/** The decoded ExportLogsServiceRequest (ids as hex), or an Error saying why the body is not one. */
export function decodeLogs(json: unknown): any {
  const withBytes = mapIds(json, (hex) => {
    if (!/^([0-9a-f]{2})*$/.test(hex)) throw new Error(`id is not hex: ${hex}`);
    return Buffer.from(hex, 'hex');
  });
  // verify() takes no 64-bit decimal strings without Long.js: it checks their type as numbers (fromObject reads the strings exactly).
  const problem = Request.verify(mapKeys(withBytes, LONG_KEYS, (v) => (typeof v == 'string' && /^-?\d+$/.test(v) ? Number(v) : v)));
  if (problem) throw new Error(`not an ExportLogsServiceRequest: ${problem}`);
  const bytes = Request.encode(Request.fromObject(withBytes)).finish();
  const back = Request.toObject(Request.decode(bytes), { longs: String, enums: Number, bytes: Array, defaults: false });
  const decoded = mapIds(back, (bytes: unknown) => Buffer.from(bytes as number[]).toString('hex'));
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(decoded)), json)) {
    throw new Error(`body does not survive the protobuf schema unchanged:\n${JSON.stringify(json)}\n${JSON.stringify(decoded)}`);
  }
  return decoded;
}

/** Every log record of a decoded request, with its resource's attributes, as plain objects. */
export function records(decoded: any): Array<{ resource: Record<string, unknown>; record: any; attributes: Record<string, unknown> }> {
  const flat = (list: any[] = []) => Object.fromEntries(list.map((kv) => [kv.key, Object.values(kv.value)[0]]));
  return (decoded.resourceLogs || []).flatMap((rl: any) =>
    (rl.scopeLogs || []).flatMap((sl: any) => (sl.logRecords || []).map((record: any) => ({ resource: flat(rl.resource?.attributes), record, attributes: flat(record.attributes) }))),
  );
}
