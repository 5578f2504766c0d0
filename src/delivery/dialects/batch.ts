// The batch dialect (docs/PROTOCOL.md §2): many items per request, the four auth values in the
// query string and a text/plain body. No custom header means no CORS preflight, and
// sendBeacon can carry it at page exit. The body carries the SDK's drop counts, and the
// answer names the items the server refused.
import { delayOf, withMember, type Dialect } from '../dialect';
import type { Entry } from '../queue';
import type { DropReport } from '../drops';
import { authenticate, type Auth } from '../sign';
import { toJson } from '../../tools/json';
import { SDK_MEMBER } from '../../tools/sdk';

/** Room kept in every batch for the envelope (the SDK's name and version among it) and a drop report, in bytes. */
export const ENVELOPE_BYTES = 360;
/** What wrapping an item adds, in bytes: `{"kind":"error",` and the separating comma. */
export const ITEM_OVERHEAD = 16;

export function batchUrl(host: string, a: Auth): string {
  return `${host}/report/batch?appId=${encodeURIComponent(a.appId)}&ts=${a.timestamp}&nonce=${a.nonce}&sig=${a.signature}`;
}

/** The body as text, spliced from the items' JSON objects without parsing them again. */
export function batchBody(entries: Entry[], sentAt: number, report?: DropReport): string {
  const items = entries.map((e) => withMember(`"kind":"${e._kind}"`, e._body));
  return `{"sentAt":${sentAt},${SDK_MEMBER},"items":[${items}]${report ? `,"dropped":${toJson(report.c)},"dropsId":"${report.i}"` : ''}}`;
}

export const batch: Dialect = {
  _perRequest: Infinity,
  _envelope: ENVELOPE_BYTES,
  _perItem: ITEM_OVERHEAD,
  _drops: true,
  _beacon: true,
  _repeats: true,
  _build: (to, entries, sentAt, signAt, report) => ({
    url: batchUrl(to.host, authenticate(to.appId, to.appSecret, signAt)),
    body: batchBody(entries, sentAt, report),
  }),
  // 200 { accepted, rejected: [{ index, reason }] }: one bad item does not sink the batch.
  _refused: async (answer) => (await answer.json()).rejected.length || 0,
};

/** The batch dialect as an option: `dialect: batchDialect({ batchDelayMs })` (docs/PROTOCOL.md §2; the server must serve it). */
export function batchDialect(options: { batchDelayMs?: number } = {}): Dialect {
  return { ...batch, _delayMs: delayOf(options.batchDelayMs) };
}
