// Batch-dialect endpoint: many items per request, each validated with the stock rules, each
// stored once by its id, so a batch re-sent after a lost answer does not count twice. A
// `repeat` item adds a throttled fingerprint's suppressed occurrences to its group's count.
import { checkError, checkEvent, checkRepeat, isObject, sdkOf } from './items.mjs';
import { sendJson } from './http.mjs';

/**
 * An ingest endpoint's handler, called once the request is authenticated and its body read.
 * @typedef {(res: import('node:http').ServerResponse, body: Record<string, unknown>, appId: string,
 *   meta: import('./store.mjs').Meta) => void} Handler
 */

const ID = /^[0-9a-f]{32}$/;
// Bounds on the SDK's drop report, so a bad client cannot grow the drops table freely.
const MAX_DROP_REASONS = 32;
const MAX_REASON_LENGTH = 64;

/** @param {unknown} item @param {string} appId @param {Set<string>} whitelist @returns {string | null} why the item is rejected */
function problemOf(item, appId, whitelist) {
  if (!isObject(item)) return 'item must be an object';
  if (item.kind !== 'error' && item.kind !== 'event' && item.kind !== 'repeat') return 'kind must be "error", "event" or "repeat"';
  if (typeof item.id !== 'string' || !ID.test(item.id)) return 'id must be 32 lowercase hex characters';
  if (item.kind === 'repeat') return checkRepeat(item);
  const problem = item.kind === 'error' ? checkError(item, appId) : checkEvent(item, appId, whitelist);
  return problem && problem.reason;
}

/**
 * A valid `dropped` is an object of non-negative integer counts; anything else is ignored.
 * @param {unknown} dropped @returns {Record<string, number> | null}
 */
function validDrops(dropped) {
  if (!isObject(dropped)) return null;
  const entries = Object.entries(dropped);
  const ok = entries.length <= MAX_DROP_REASONS && entries.every(([reason, n]) =>
    reason.length > 0 && reason.length <= MAX_REASON_LENGTH && typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
  return ok ? /** @type {Record<string, number>} */ (dropped) : null;
}

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {Set<string>} whitelist
 * @returns {Handler}
 */
export function createBatchHandler(store, whitelist) {
  return function batch(res, body, appId, meta) {
    const items = body.items;
    if (!Array.isArray(items)) return sendJson(res, 400, { error: 'body must be an object with an items array' });
    /** @type {{ index: number, reason: string }[]} */
    const rejected = [];
    let accepted = 0;
    // The envelope names the SDK that sent the batch: each report stores it as its own `sdk`.
    const sdk = sdkOf(body.sdk);
    store.transaction(() => {
      items.forEach((/** @type {unknown} */ item, /** @type {number} */ index) => {
        const reason = problemOf(item, appId, whitelist);
        if (reason) { rejected.push({ index, reason }); return; }
        const valid = /** @type {Record<string, unknown>} */ (item);
        // A known id counts as accepted (the SDK may forget it) but is not stored again.
        if (valid.kind === 'error') store.addError(sdk ? { ...valid, sdk } : valid, meta);
        else if (valid.kind === 'repeat') store.addRepeat(valid, appId, meta);
        else store.addEvent(sdk ? { ...valid, sdk } : valid, meta);
        accepted++;
      });
      const drops = validDrops(body.dropped);
      // dropsId names the report, so its counts are added once however often it arrives.
      if (drops) store.addDrops(appId, drops, typeof body.dropsId === 'string' && ID.test(body.dropsId) ? body.dropsId : null);
    });
    sendJson(res, 200, { accepted, rejected });
  };
}
