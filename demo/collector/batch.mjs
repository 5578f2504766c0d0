// Batch-dialect endpoint: many items per request, each validated with the stock rules, each
// stored once by its id, so a batch re-sent after a lost answer does not count twice.
import { checkError, checkEvent, isObject } from './items.mjs';
import { sendJson } from './http.mjs';

const ID = /^[0-9a-f]{32}$/;
// Bounds on the SDK's drop report, so a bad client cannot grow the drops table freely.
const MAX_DROP_REASONS = 32;
const MAX_REASON_LENGTH = 64;

/** @returns {string | null} why the item is rejected */
function problemOf(item, appId, whitelist) {
  if (!isObject(item)) return 'item must be an object';
  if (item.kind !== 'error' && item.kind !== 'event') return 'kind must be "error" or "event"';
  if (typeof item.id !== 'string' || !ID.test(item.id)) return 'id must be 32 lowercase hex characters';
  const problem = item.kind === 'error' ? checkError(item, appId) : checkEvent(item, appId, whitelist);
  return problem && problem.reason;
}

/** A valid `dropped` is an object of non-negative integer counts; anything else is ignored. */
function validDrops(dropped) {
  if (!isObject(dropped)) return null;
  const entries = Object.entries(dropped);
  const ok = entries.length <= MAX_DROP_REASONS && entries.every(([reason, n]) =>
    reason.length > 0 && reason.length <= MAX_REASON_LENGTH && Number.isSafeInteger(n) && n >= 0);
  return ok ? dropped : null;
}

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {Set<string>} whitelist
 */
export function createBatchHandler(store, whitelist) {
  return function batch(res, body, appId, meta) {
    if (!Array.isArray(body.items)) return sendJson(res, 400, { error: 'body must be an object with an items array' });
    const rejected = [];
    let accepted = 0;
    store.transaction(() => {
      body.items.forEach((item, index) => {
        const reason = problemOf(item, appId, whitelist);
        if (reason) return rejected.push({ index, reason });
        // A known id counts as accepted (the SDK may forget it) but is not stored again.
        if (item.kind === 'error') store.addError(item, meta); else store.addEvent(item, meta);
        accepted++;
      });
      const drops = validDrops(body.dropped);
      // dropsId names the report, so its counts are added once however often it arrives.
      if (drops) store.addDrops(appId, drops, typeof body.dropsId === 'string' && ID.test(body.dropsId) ? body.dropsId : null);
    });
    sendJson(res, 200, { accepted, rejected });
  };
}
