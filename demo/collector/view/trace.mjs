// Trace context on a report: `traceId` (32 lowercase hex) and `spanId` (16) on an error, as
// W3C trace context writes them, linked to a tracing UI through the configured template.

export const TRACE_ID = /^[0-9a-f]{32}$/;
export const SPAN_ID = /^[0-9a-f]{16}$/;
/** The placeholder a trace URL template must hold. */
export const TRACE_PLACEHOLDER = '{traceId}';

/**
 * Why a trace URL template cannot be used, or null: it must be an http(s) URL holding {traceId}.
 * @param {unknown} template
 */
export function traceUrlProblem(template) {
  if (typeof template !== 'string' || !template.includes(TRACE_PLACEHOLDER)) return `must be a string holding ${TRACE_PLACEHOLDER}`;
  let url;
  try { url = new URL(template.replaceAll(TRACE_PLACEHOLDER, '0'.repeat(32))); } catch { return 'must be an absolute URL'; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  return null;
}

/**
 * The trace's URL, or null when there is no template or the id is not a W3C trace id (so no
 * reported text ever reaches the link).
 * @param {string | null} template @param {unknown} traceId
 */
export function traceLink(template, traceId) {
  if (!template || typeof traceId !== 'string' || !TRACE_ID.test(traceId)) return null;
  return template.replaceAll(TRACE_PLACEHOLDER, traceId);
}
