// The stock server's validation rules for one error or event, shared by both dialects.

/** @type {(v: unknown) => v is Record<string, unknown>} */
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** @param {unknown} v */
const isText = (v) => typeof v === 'string' && v.length > 0;
// Optional string fields: absent or null is fine (Go's JSON binding leaves them empty).
/** @param {unknown} v */
const optionalText = (v) => v === undefined || v === null || typeof v === 'string';

/** @typedef {{ status: 400 | 403, reason: string } | null} Problem */

/** @param {Record<string, unknown>} item @param {string} appId @returns {Problem} */
export function checkError(item, appId) {
  for (const field of ['type', 'message', 'appId']) {
    if (!isText(item[field])) return { status: 400, reason: `${field} is required and must be a non-empty string` };
  }
  for (const field of ['stack', 'url']) {
    if (!optionalText(item[field])) return { status: 400, reason: `${field} must be a string` };
  }
  if (item.appId !== appId) return { status: 400, reason: 'appId does not match the authenticated app' };
  return null;
}

/** @param {Record<string, unknown>} item @param {string} appId @param {Set<string>} whitelist @returns {Problem} */
export function checkEvent(item, appId, whitelist) {
  for (const field of ['eventName', 'appId', 'userId']) {
    if (!isText(item[field])) return { status: 400, reason: `${field} is required and must be a non-empty string` };
  }
  if (item.metadata != null && !isObject(item.metadata)) return { status: 400, reason: 'metadata must be an object' };
  if (item.appId !== appId) return { status: 400, reason: 'appId does not match the authenticated app' };
  // 403 in the stock dialect: final, the SDK must not retry it.
  if (!whitelist.has(/** @type {string} */ (item.eventName))) return { status: 403, reason: 'event not whitelisted' };
  return null;
}

/** Longest SDK name or version kept (PROTOCOL.md §3, `sdk`). */
export const MAX_SDK_FIELD = 64;

/**
 * The sender's `{ name, version }` (a stock body's or a batch envelope's `sdk`) when both are
 * short strings; anything else is no SDK (the report is stored all the same).
 * @param {unknown} sdk @returns {{ name: string, version: string } | undefined}
 */
export function sdkOf(sdk) {
  if (!isObject(sdk)) return undefined;
  const { name, version } = sdk;
  const short = (/** @type {unknown} */ v) => isText(v) && /** @type {string} */ (v).length <= MAX_SDK_FIELD;
  return short(name) && short(version) ? { name: /** @type {string} */ (name), version: /** @type {string} */ (version) } : undefined;
}

/** Largest `count` one repeat item may add (a bad client cannot overflow a group's count). */
export const MAX_REPEAT_COUNT = 1_000_000_000;

/**
 * A batch `repeat` item (PROTOCOL.md §2): a throttled fingerprint's suppressed occurrences,
 * added to the group md5(appId + type + message).
 * @param {Record<string, unknown>} item @returns {string | null} why it is rejected
 */
export function checkRepeat(item) {
  for (const field of ['type', 'message', 'fingerprint']) {
    if (!isText(item[field])) return `${field} is required and must be a non-empty string`;
  }
  const { count, time } = item;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > MAX_REPEAT_COUNT) return `count must be an integer from 1 to ${MAX_REPEAT_COUNT}`;
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return 'time must be a time in ms since the epoch';
  return null;
}
