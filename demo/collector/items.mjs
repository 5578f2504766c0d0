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
