// Read-only JSON API over what the collector stored; the tests and the view use it. Every
// list is paged: `?after=<cursor>&limit=<n>` → `{ items, next }`, `next` null on the last
// page, so no answer grows with the data.
import { sendJsonText } from './http.mjs';

/** Rows per page unless `limit` asks for fewer or more. */
export const DEFAULT_PAGE_ITEMS = 200;
/** Most rows one page holds. */
export const MAX_PAGE_ITEMS = 1000;
/** Bytes of rows one page holds; the first row always goes in (a stored row is at most 128 KiB). */
export const MAX_PAGE_BYTES = 512 * 1024;

/**
 * @param {URL} url
 * @returns {{ after: number, limit: number, maxBytes: number } | null} null: a bad cursor or limit
 */
function rangeOf(url) {
  const after = url.searchParams.get('after') ?? '0';
  const limit = url.searchParams.get('limit') ?? String(DEFAULT_PAGE_ITEMS);
  if (!/^\d{1,15}$/.test(after) || !/^\d{1,15}$/.test(limit) || Number(limit) < 1) return null;
  return { after: Number(after), limit: Math.min(Number(limit), MAX_PAGE_ITEMS), maxBytes: MAX_PAGE_BYTES };
}

/**
 * `{ <key>: [..texts], next }` assembled from JSON texts.
 * @param {string} key @param {import('./store.mjs').Page} page
 */
const pageText = (key, { texts, next }) => `{"${key}":[${texts.join(',')}],"next":${next === null ? 'null' : `"${next}"`}}`;

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {ReturnType<import('./request-log.mjs').createRequestLog>} requests
 * @returns {(res: import('node:http').ServerResponse, url: URL) => number} sends the answer, returns its size in bytes
 */
export function createReadApi(store, requests) {
  /** @param {import('node:http').ServerResponse} res @param {number} status @param {string} text */
  const send = (res, status, text) => { sendJsonText(res, status, text); return Buffer.byteLength(text); };
  return function readApi(res, url) {
    const param = (/** @type {string} */ name) => url.searchParams.get(name) || undefined;
    const paged = ['/api/errors', '/api/occurrences', '/api/events', '/api/requests'].includes(url.pathname);
    // Null only on a path that is not paged (which never reads it) or a bad one (answered 400 here).
    const range = /** @type {import('./store.mjs').Range} */ (paged ? rangeOf(url) : null);
    if (paged && !range) return send(res, 400, JSON.stringify({ error: `after must be a cursor from "next" and limit an integer 1..${MAX_PAGE_ITEMS}` }));
    switch (url.pathname) {
      case '/api/errors': return send(res, 200, pageText('groups', store.groupsPage(param('appId'), range)));
      case '/api/occurrences': return send(res, 200, pageText('items', store.occurrencesPage({ appId: param('appId'), type: param('type') }, range)));
      case '/api/events': return send(res, 200, pageText('items', store.eventsPage({ appId: param('appId'), eventName: param('eventName') }, range)));
      case '/api/requests': {
        // Entries are small and bounded (see request-log.mjs), so the item limit bounds the page.
        const { items, next } = requests.page(range.after, range.limit);
        return send(res, 200, JSON.stringify({ items, next: next === null ? null : String(next) }));
      }
      case '/api/drops': return send(res, 200, JSON.stringify({ drops: store.drops(param('appId')) }));
      case '/api/stats': return send(res, 200, JSON.stringify({ ...store.counts(), drops: store.drops(), requests: requests.byStatus() }));
      default: return send(res, 404, JSON.stringify({ error: 'not found' }));
    }
  };
}
