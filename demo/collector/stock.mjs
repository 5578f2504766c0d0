// The two endpoints every deployed Tracely server serves: one item per request.
import { checkError, checkEvent } from './items.mjs';
import { sendJson } from './http.mjs';

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {Set<string>} whitelist
 * @returns {Record<'error' | 'event', import('./batch.mjs').Handler>}
 */
export function createStockHandlers(store, whitelist) {
  return {
    error(res, body, appId, meta) {
      const problem = checkError(body, appId);
      if (problem) return sendJson(res, problem.status, { error: problem.reason });
      store.addError(body, meta, true);
      sendJson(res, 200, { ok: true });
    },
    event(res, body, appId, meta) {
      const problem = checkEvent(body, appId, whitelist);
      if (problem) return sendJson(res, problem.status, { error: problem.reason });
      store.addEvent(body, meta);
      sendJson(res, 200, { ok: true });
    },
  };
}
