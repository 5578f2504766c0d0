// A stored error's stack as the view shows it: each frame resolved to its original file,
// line and function (with the code around it) beside the minified frame it came from; the
// `cause` chain; breadcrumbs as a timeline. Everything here is client JSON of any shape.
import { esc, time } from './html.mjs';
import { TRACE_ID, traceLink } from './trace.mjs';

/** Frames and breadcrumbs shown per occurrence. */
export const MAX_SHOWN_LINES = 50;
/** Characters of a breadcrumb's data shown. */
export const MAX_CRUMB_DATA_CHARS = 500;

/** @type {(v: unknown) => v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `file:line:column` of a frame-like object. @param {Record<string, unknown>} f */
const at = (f) => [f.file, f.line, f.column].filter((v) => v !== undefined && v !== null && v !== '').map(esc).join(':');

/**
 * Where a group's latest occurrence happened: its first in-app frame, original if resolved.
 * @param {unknown} frames @param {unknown} originals
 */
export function culprit(frames, originals) {
  if (!Array.isArray(frames)) return '';
  const index = Math.max(0, frames.findIndex((f) => isObject(f) && f.inApp));
  const original = Array.isArray(originals) ? originals[index] : null;
  if (isObject(original) && typeof original.file === 'string') return `${esc(original.function || '?')} at ${at(original)}`;
  const f = frames[index];
  const note = isObject(original) && typeof original.unresolved === 'string' ? ' <span class="muted">(not resolved)</span>' : '';
  return isObject(f) ? `${esc(f.function || '?')} at ${at(f)}${note}` : '';
}

/** @param {Record<string, any>} context `{ first, lines }` from the resolution @param {number} hit the frame's line */
function code(context, hit) {
  if (!Array.isArray(context.lines) || typeof context.first !== 'number') return '';
  const width = String(context.first + context.lines.length).length;
  const lines = context.lines.map((text, i) => {
    const n = context.first + i;
    const line = `${String(n).padStart(width)}  ${esc(text)}`;
    return n === hit ? `<span class="hit">${line}</span>` : `${line}\n`;
  });
  return `<pre class="code">${lines.join('')}</pre>`;
}

/**
 * The frames, original beside minified.
 * @param {unknown} frames the body's frames @param {unknown} originals the stored resolution, or null
 */
export function renderFrames(frames, originals) {
  if (!Array.isArray(frames) || frames.length === 0) return '<p class="muted">No parsed frames.</p>';
  const resolved = Array.isArray(originals) ? originals : [];
  const rows = frames.slice(0, MAX_SHOWN_LINES).map((f, i) => {
    const frame = isObject(f) ? f : {};
    const original = resolved[i];
    const minified = `${esc(frame.function || '?')} <small>${at(frame)}</small>`;
    let head;
    let extra = '';
    if (isObject(original) && typeof original.file === 'string') {
      head = `<strong>${esc(original.function || frame.function || '?')}</strong> <span>${at(original)}</span>`;
      extra = `<div class="min">minified: ${minified}</div>${isObject(original.context) ? code(original.context, original.line) : ''}`;
    } else {
      head = `<strong>${esc(frame.function || '?')}</strong> <span>${at(frame)}</span>`;
      if (isObject(original) && typeof original.unresolved === 'string') extra = `<div class="min">not resolved: ${esc(original.unresolved)}</div>`;
    }
    return `<li class="frame${frame.inApp ? ' app' : ''}">${head}${extra}</li>`;
  });
  const parsed = isObject(frames[0]) && frames[0].parsedByCollector ? '<p class="muted">Frames parsed by the collector from the stack text (the report had none).</p>' : '';
  const more = frames.length > MAX_SHOWN_LINES ? `<p class="muted">${frames.length - MAX_SHOWN_LINES} more frames not shown.</p>` : '';
  return `${parsed}<ol class="frames" style="list-style:none;padding:0">${rows.join('')}</ol>${more}`;
}

/** The `cause` chain: each cause's message and stack, outermost first. @param {unknown} causes */
export function renderCauses(causes) {
  if (!Array.isArray(causes) || causes.length === 0) return '';
  const items = causes.slice(0, MAX_SHOWN_LINES).map((c, i) => {
    const cause = isObject(c) ? c : { message: c };
    return `<li><strong>${i === 0 ? 'caused by' : '… caused by'}</strong> ${esc(cause.message)}${cause.stack ? `<pre>${esc(cause.stack)}</pre>` : ''}</li>`;
  });
  return `<h2>Cause chain</h2><ol class="causes">${items.join('')}</ol>`;
}

/**
 * Breadcrumbs as a timeline, oldest first, each with its time before the error.
 * @param {unknown} crumbs @param {unknown} errorTime the error's `time` (ms), when sent
 * @param {string | null} [traceUrl] the configured trace URL template: an http breadcrumb's trace id links there
 */
export function renderBreadcrumbs(crumbs, errorTime, traceUrl = null) {
  if (!Array.isArray(crumbs) || crumbs.length === 0) return '<p class="muted">No breadcrumbs.</p>';
  const items = crumbs.slice(-MAX_SHOWN_LINES).map((c) => {
    const crumb = isObject(c) ? c : { message: c };
    const before = typeof crumb.time === 'number' && typeof errorTime === 'number' ? `${((crumb.time - errorTime) / 1000).toFixed(1)} s` : '';
    const data = crumb.data === undefined ? '' : ` <code>${esc((JSON.stringify(crumb.data) ?? '').slice(0, MAX_CRUMB_DATA_CHARS))}</code>`;
    const traceId = isObject(crumb.data) && typeof crumb.data.traceId === 'string' && TRACE_ID.test(crumb.data.traceId) ? crumb.data.traceId : null;
    const link = traceLink(traceUrl, traceId);
    const trace = traceId ? ` <span class="tag">trace ${link ? `<a href="${esc(link)}" rel="noreferrer noopener" target="_blank">${esc(traceId)}</a>` : esc(traceId)}</span>` : '';
    return `<li><span class="kind">${esc(crumb.type ?? '')}</span><small class="t">${time(crumb.time)} ${before ? `(${esc(before)})` : ''}</small>
      ${crumb.category ? `<small>${esc(crumb.category)}</small>` : ''} ${esc(crumb.message ?? '')}${data}${trace}</li>`;
  });
  return `<ol class="timeline">${items.join('')}</ol>`;
}
