// One error group: its numbers and chart, the latest occurrence (or the one chosen from the
// list below it) with original and minified frames, cause chain, breadcrumbs, tags, page,
// browser and OS, and the trace id.
import { ROWS_PER_PAGE, RANGES, barChart, esc, href, layout, pageOf, pager, rangeOf, time } from './html.mjs';
import { renderBreadcrumbs, renderCauses, renderFrames } from './frames.mjs';
import { describeUserAgent } from './useragent.mjs';
import { framesOf } from '../stack-frames.mjs';
import { SPAN_ID, TRACE_ID, traceLink } from './trace.mjs';
import { isObject, sdkOf } from '../items.mjs';

/** Bars in the group page's chart. */
export const GROUP_CHART_BUCKETS = 60;
/** Tags shown per occurrence. */
export const MAX_SHOWN_TAGS = 50;

/**
 * @param {{ queries: ReturnType<import('./queries.mjs').createViewQueries>, url: URL, nonce: string, now: number, traceUrl: string | null }} ctx
 * @returns {string | null} null: no such group
 */
export function renderGroup({ queries, url, nonce, now, traceUrl }) {
  const fingerprint = url.searchParams.get('fp') ?? '';
  const group = queries.group(fingerprint);
  if (!group) return null;
  const range = rangeOf(url.searchParams.get('range'));
  const page = pageOf(url.searchParams.get('page'));
  const chosen = url.searchParams.get('occ');
  const seq = chosen && /^\d{1,15}$/.test(chosen) ? Number(chosen) : null;
  const row = queries.occurrence(fingerprint, seq) ?? queries.occurrence(fingerprint, null);
  const people = queries.people(fingerprint);
  const from = Number.isFinite(RANGES[range]) ? now - RANGES[range] : group.first_seen;
  const chart = barChart(queries.histogram(fingerprint, from, now, GROUP_CHART_BUCKETS), { width: 600, height: 60, label: `stored occurrences over ${range}` });
  const state = { fp: fingerprint, range, occ: seq };

  /** @type {Record<string, any>} */
  const body = row ? JSON.parse(row.body) : {};
  const ua = describeUserAgent(row?.user_agent);
  const traceId = typeof body.traceId === 'string' && TRACE_ID.test(body.traceId) ? body.traceId : null;
  const link = traceLink(traceUrl, traceId);
  const sdk = sdkOf(body.sdk);
  const facts = /** @type {[string, string][]} */ ([
    ['Received (UTC)', time(row?.received_at)],
    ['Reported at (client clock)', time(body.time)],
    ['Release', esc(body.release)],
    ['Environment', esc(body.environment)],
    ['Page', esc(body.page)],
    ['URL', esc(body.url)],
    ['Browser', esc(ua.browser)],
    ['OS', esc(ua.os)],
    ['Device', esc(ua.device)],
    ['User', esc(body.userId)],
    ['Session', esc(body.sessionId)],
    ['Trace id', traceId ? (link ? `<a href="${esc(link)}" rel="noreferrer noopener" target="_blank">${esc(traceId)}</a>` : esc(traceId)) : ''],
    ['Span id', typeof body.spanId === 'string' && SPAN_ID.test(body.spanId) ? esc(body.spanId) : ''],
    ['Dialect', esc(row?.dialect)],
    ['SDK', sdk ? `${esc(sdk.name)} ${esc(sdk.version)}` : ''],
    ['User-Agent', esc(row?.user_agent)],
  ]).filter(([, v]) => v !== '');
  const tags = isObject(body.tags) ? Object.entries(body.tags).slice(0, MAX_SHOWN_TAGS).map(([k, v]) => `<span class="tag">${esc(k)}: ${esc(typeof v === 'string' ? v : JSON.stringify(v))}</span>`) : [];

  const list = queries.occurrences(fingerprint, (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE);
  const occurrences = list.rows.map((o) => {
    const b = describeUserAgent(o.user_agent);
    const current = row && o.seq === row.seq;
    return `<tr${current ? ' style="background:#fff8c5"' : ''}><td class="t"><a href="${href('/group', { ...state, occ: o.seq, page }, url)}">${time(o.received_at)}</a></td>
      <td>${esc(o.release ?? '')}</td><td>${esc(o.environment ?? '')}</td><td>${esc(o.page ?? '')}</td><td>${esc(b.browser)} <small>${esc(b.os)}</small></td>
      <td>${esc(o.user_id ?? '')}</td><td><small>${esc(typeof o.trace_id === 'string' && TRACE_ID.test(o.trace_id) ? o.trace_id : '')}</small></td></tr>`;
  });

  const html = `<p><a href="${href('/', { appId: group.app_id }, url)}">← all groups</a></p>
<h1><span class="err">${esc(group.type)}</span>: ${esc(group.message)}</h1>
<p class="muted">${esc(group.app_id)} · first seen ${time(group.first_seen)} · last seen ${time(group.last_seen)} UTC</p>
<table id="numbers" style="width:auto"><tr><th class="n">Occurrences incl. suppressed repeats</th><th class="n">Stored occurrences</th><th class="n">Users</th><th class="n">Sessions</th></tr>
<tr><td class="n">${esc(group.count)}</td><td class="n">${esc(people.stored)}</td><td class="n">${esc(people.users)}</td><td class="n">${esc(people.sessions)}</td></tr></table>
<p>${chart}<br><small>stored occurrences over ${esc(range)} · ${Object.keys(RANGES).map((r) => `<a href="${href('/group', { ...state, range: r }, url)}">${r}</a>`).join(' ')}</small></p>
${row ? `<h2 id="occurrence">${seq !== null && row.seq === seq ? 'Chosen occurrence' : 'Latest occurrence'} <small>#${esc(row.seq)}</small></h2>
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${tags.length ? `<h2>Tags</h2><p>${tags.join('')}</p>` : ''}
<h2>Stack</h2>${renderFrames(framesOf(body), row.original_frames ? JSON.parse(row.original_frames) : null)}
<details id="raw-stack"><summary>Raw stack as sent</summary><pre>${esc(body.stack)}</pre></details>
${renderCauses(body.cause)}
<h2>Breadcrumbs</h2>${renderBreadcrumbs(body.breadcrumbs, body.time, traceUrl)}` : '<p class="muted">No stored occurrence (only repeats were counted).</p>'}
<h2>Occurrences</h2>
<table id="occurrences"><tr><th>Received (UTC)</th><th>Release</th><th>Environment</th><th>Page</th><th>Browser</th><th>User</th><th>Trace</th></tr>${occurrences.join('\n')}</table>
${pager(page, list.more, (n) => href('/group', { ...state, page: n }, url))}`;
  return layout({ title: `${group.type}: ${group.message}`.slice(0, 200), section: 'errors', body: html, nonce, url });
}
