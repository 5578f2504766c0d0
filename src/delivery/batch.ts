// The batch dialect (PROTOCOL.md §2): many items per request, the four auth values in the
// query string and a text/plain body. No custom header means no CORS preflight, and
// sendBeacon can carry it at page exit.
import type { Auth } from './sign';
import type { Entry } from './queue';

/** SDK-side drop counts, with an id so a collector adds one report's counts once even when it arrives twice. */
export interface DropReport {
  i: string;
  c: Record<string, number>;
}

/**
 * Largest batch body, in UTF-8 bytes: one page-exit batch must fit one beacon inside the
 * browser's 64 KiB keepalive budget, with room left for a request already in flight.
 */
export const MAX_BATCH_BYTES = 60_000;
/** Room kept in every batch for the envelope and a drop report. */
export const ENVELOPE_BYTES = 300;
/** What wrapping an item adds: `{"kind":"error",` and the separating comma. */
export const ITEM_OVERHEAD = 16;

export function batchUrl(host: string, a: Auth): string {
  return `${host}/report/batch?appId=${encodeURIComponent(a.appId)}&ts=${a.timestamp}&nonce=${a.nonce}&sig=${a.signature}`;
}

/** The body as text, spliced from the items' JSON objects without parsing them again. */
export function batchBody(entries: Entry[], sentAt: number, report?: DropReport): string {
  // An empty object (a beforeSend may return one) has no member to put a comma before.
  const items = entries.map((e) => `{"kind":"${e._kind}"${e._body == '{}' ? '' : ','}${e._body.slice(1)}`);
  return `{"sentAt":${sentAt},"items":[${items}]${report ? `,"dropped":${JSON.stringify(report.c)},"dropsId":"${report.i}"` : ''}}`;
}
