// Read-only JSON API over what the collector stored; the tests and the view use it.
import { sendJson } from './http.mjs';

const MAX_LIMIT = 10_000;

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {ReturnType<import('./request-log.mjs').createRequestLog>} requests
 */
export function createReadApi(store, requests) {
  /** @param {URL} url */
  return function readApi(res, url) {
    const param = (name) => url.searchParams.get(name) || undefined;
    const limit = Math.min(Math.max(1, Number.parseInt(param('limit') ?? '', 10) || 5000), MAX_LIMIT);
    switch (url.pathname) {
      case '/api/errors': return sendJson(res, 200, { groups: store.groups(param('appId')) });
      case '/api/occurrences': return sendJson(res, 200, { items: store.occurrences({ appId: param('appId'), type: param('type'), limit }) });
      case '/api/events': return sendJson(res, 200, { items: store.events({ appId: param('appId'), eventName: param('eventName'), limit }) });
      case '/api/requests': return sendJson(res, 200, { items: requests.list() });
      case '/api/drops': return sendJson(res, 200, { drops: store.drops(param('appId')) });
      case '/api/stats': return sendJson(res, 200, { ...store.counts(), drops: store.drops(), requests: requests.byStatus() });
      default: return sendJson(res, 404, { error: 'not found' });
    }
  };
}
