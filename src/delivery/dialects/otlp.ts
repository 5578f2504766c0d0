// The OTLP dialect (docs/PROTOCOL.md §4): errors and events as OpenTelemetry log records, POSTed as
// OTLP/HTTP JSON (an ExportLogsServiceRequest) to `{host}/v1/logs`, so any OpenTelemetry
// pipeline (a Collector's otlp receiver, Grafana Alloy, a vendor's OTLP endpoint) takes them.
// Auth is by static headers, as OTLP exporters do; nothing is signed, so the options need no
// `appSecret` (one given is not used: `_unsigned`, root/config.ts). The engine's batching,
// pacing, retry with Retry-After, keepalive at exit and spool apply as to every dialect.
// Semantic conventions: https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-logs/
import { delayOf, type UnsignedDialect } from '../dialect';
import { toJson } from '../../tools/json';
import type { Entry } from '../queue';
import { SDK_NAME, SDK_VERSION } from '../../tools/sdk';

/** Room for the envelope (resource and scope), per request, in bytes. */
export const OTLP_ENVELOPE_BYTES = 1024;
/**
 * What a log record adds around an item's own fields, in bytes: attribute keys and the
 * AnyValue wrappers. Nested fields (frames, breadcrumbs) travel as JSON strings, whose escaped
 * quotes can add more: a page-exit request over the keepalive budget goes without keepalive
 * and is spooled as well, so nothing is lost.
 */
export const OTLP_RECORD_BYTES = 1536;
/** OpenTelemetry severity numbers (logs data model). */
export const SEVERITY_INFO = 9;
export const SEVERITY_ERROR = 17;

type AnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number };
interface KeyValue {
  key: string;
  value: AnyValue;
}

/** An attribute value: scalars as they are, anything else as its JSON text. */
export function anyValue(value: unknown): AnyValue {
  if (typeof value == 'boolean') return { boolValue: value };
  if (typeof value == 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: typeof value == 'string' ? value : toJson(value) };
}

const attribute = (key: string, value: unknown): KeyValue[] => (value === undefined || value === null || value === '' ? [] : [{ key, value: anyValue(value) }]);

/** The error's class, as exception.type wants it: the name a stack or message starts with, else the SDK's kind of error. */
export function exceptionType(item: Record<string, any>): string {
  const head = /^\s*([A-Za-z_$][\w$.]*(?:Error|Exception))\b/.exec(String(item.stack || '')) || /^([A-Za-z_$][\w$.]*(?:Error|Exception)):/.exec(String(item.message || ''));
  return head ? head[1] : String(item.type);
}

/** Fields a record carries in its own slots or under their semantic-convention names. */
const MAPPED = ['id', 'time', 'message', 'stack', 'type', 'eventName', 'traceId', 'spanId', 'url', 'sessionId', 'userId', 'appId', 'release', 'environment'];

/** One item as a log record: exception.* for an error, event.name for an event, the SDK's other fields as tracely.* attributes. */
export function logRecord(kind: Entry['_kind'], item: Record<string, any>, observedAt: number): Record<string, unknown> {
  const error = kind == 'error';
  const attributes: KeyValue[] = error
    ? [...attribute('exception.type', exceptionType(item)), ...attribute('exception.message', item.message), ...attribute('exception.stacktrace', item.stack), ...attribute('tracely.type', item.type)]
    : attribute('event.name', item.eventName);
  // log.record.uid: the item's id, so a backend can tell a record re-sent after a lost answer.
  attributes.push(...attribute('log.record.uid', item.id), ...attribute('url.full', item.url), ...attribute('session.id', item.sessionId), ...attribute('user.id', item.userId));
  for (const key of Object.keys(item)) if (MAPPED.indexOf(key) < 0) attributes.push(...attribute(`tracely.${key}`, item[key]));
  const record: Record<string, unknown> = {
    timeUnixNano: `${Math.max(0, Math.floor(Number(item.time) || observedAt))}000000`,
    observedTimeUnixNano: `${observedAt}000000`,
    severityNumber: error ? SEVERITY_ERROR : SEVERITY_INFO,
    severityText: error ? 'ERROR' : 'INFO',
    body: { stringValue: String(error ? item.message : item.eventName) },
    attributes,
  };
  // Hex, as the OTLP JSON encoding wants them; only well-formed ids (W3C: not all zero).
  if (/^[0-9a-f]{32}$/.test(item.traceId) && !/^0+$/.test(item.traceId)) record.traceId = item.traceId;
  if (record.traceId && /^[0-9a-f]{16}$/.test(item.spanId) && !/^0+$/.test(item.spanId)) record.spanId = item.spanId;
  return record;
}

/** The page the records come from, as resource attributes (per request: a spooled item keeps its own fields on the record). */
function pageAttributes(): KeyValue[] {
  const nav = typeof navigator == 'object' ? navigator : undefined;
  // User-Agent Client Hints, where the browser has them (Chromium): semconv browser.platform and browser.mobile.
  const hints = nav && (nav as Navigator & { userAgentData?: { platform?: string; mobile?: boolean } }).userAgentData;
  return [
    ...attribute('user_agent.original', nav && nav.userAgent),
    ...attribute('browser.language', nav && nav.language),
    ...attribute('browser.platform', hints && hints.platform),
    ...attribute('browser.mobile', hints && hints.mobile),
    ...attribute('telemetry.sdk.name', SDK_NAME),
    ...attribute('telemetry.sdk.language', 'webjs'),
    ...attribute('telemetry.sdk.version', SDK_VERSION),
  ];
}

/** The ExportLogsServiceRequest for `entries`: one ResourceLogs per release and environment. */
export function otlpBody(appId: string, entries: Entry[], sentAt: number): string {
  const groups = new Map<string, { release?: string; environment?: string; records: unknown[] }>();
  for (const entry of entries) {
    let item: Record<string, any>;
    try {
      item = JSON.parse(entry._body);
    } catch {
      continue;
    }
    if (!item || typeof item != 'object') continue;
    const key = `${item.release}\n${item.environment}`;
    if (!groups.has(key)) groups.set(key, { release: item.release, environment: item.environment, records: [] });
    groups.get(key)!.records.push(logRecord(entry._kind, item, sentAt));
  }
  const resourceLogs = [...groups.values()].map((g) => ({
    resource: {
      attributes: [...attribute('service.name', appId), ...attribute('service.version', g.release), ...attribute('deployment.environment.name', g.environment), ...pageAttributes()],
    },
    scopeLogs: [{ scope: { name: SDK_NAME, version: SDK_VERSION }, logRecords: g.records }],
  }));
  // The SDK's own JSON: a page's toJSON on Array.prototype or Object.prototype changes nothing.
  return toJson({ resourceLogs });
}

/**
 * The OTLP dialect as an option: `dialect: otlpDialect({ headers })`; `host` is the OTLP/HTTP base
 * URL (docs/PROTOCOL.md §4). Typed as a dialect that signs nothing, so `appSecret` may be left out.
 */
export function otlpDialect(options: { headers?: Record<string, string>; batchDelayMs?: number } = {}): UnsignedDialect {
  const headers = { ...options.headers, 'Content-Type': 'application/json' };
  return {
    _perRequest: Infinity,
    _envelope: OTLP_ENVELOPE_BYTES,
    _perItem: OTLP_RECORD_BYTES,
    // OTLP has no place for the SDK's drop counts: they stay in the client's `dropped`.
    _drops: false,
    // A beacon cannot say application/json without a preflight it may not get: keepalive fetch.
    _beacon: false,
    // Static headers, no HMAC: the app secret is neither required nor used.
    _unsigned: true,
    _delayMs: delayOf(options.batchDelayMs),
    _build: (to, entries, sentAt) => ({ url: `${to.host}/v1/logs`, body: otlpBody(to.appId, entries, sentAt), headers }),
    // 200 { partialSuccess: { rejectedLogRecords, errorMessage } }: the rejected records are final.
    _refused: async (answer) => Number((await answer.json()).partialSuccess.rejectedLogRecords) || 0,
  };
}
