// The view's front page: error groups with their numbers and a chart each, filters and
// search, then the SDK's drop counts and the latest events.
import { ROWS_PER_PAGE, RANGES, barChart, esc, href, json, layout, pageOf, pager, rangeOf, time } from './html.mjs';
import { culprit } from './frames.mjs';
import { framesOf } from '../stack-frames.mjs';

/** Latest events listed under the groups. */
export const EVENTS_SHOWN = 20;
/** Bars in a group's occurrences chart. */
export const CHART_BUCKETS = 24;

/**
 * @param {{ store: ReturnType<import('../store.mjs').openStore>, queries: ReturnType<import('./queries.mjs').createViewQueries>,
 *   url: URL, nonce: string, now: number }} ctx
 */
export function renderErrors({ store, queries, url, nonce, now }) {
  const p = (/** @type {string} */ k) => url.searchParams.get(k) || undefined;
  const filters = { appId: p('appId'), type: p('type'), release: p('release'), environment: p('environment'), search: p('q') };
  const range = rangeOf(url.searchParams.get('range'));
  const page = pageOf(url.searchParams.get('page'));
  const { rows, more } = queries.groups(filters, (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE);
  const total = queries.groupCount(filters);
  const options = queries.options(filters.appId);
  const state = { appId: filters.appId, type: filters.type, release: filters.release, environment: filters.environment, q: filters.search, range };

  const list = rows.map((g) => {
    const from = Number.isFinite(RANGES[range]) ? now - RANGES[range] : g.first_seen;
    const chart = barChart(queries.histogram(g.fingerprint, from, now, CHART_BUCKETS), { label: `stored occurrences over ${range}` });
    const people = queries.people(g.fingerprint, filters);
    const latest = queries.occurrence(g.fingerprint, null);
    const body = latest ? JSON.parse(latest.body) : {};
    const where = culprit(framesOf(body), latest?.original_frames ? JSON.parse(latest.original_frames) : null);
    return `<tr>
      <td><a href="${href('/group', { fp: g.fingerprint, range }, url)}"><strong>${esc(g.type)}</strong>: ${esc(g.message)}</a>
        ${where ? `<br><small>${where}</small>` : ''}<br><small>${esc(g.app_id)}</small></td>
      <td class="n">${esc(g.count)}</td><td class="n">${esc(people.users)}</td><td class="n">${esc(people.sessions)}</td>
      <td class="t">${time(g.first_seen)}</td><td class="t">${time(g.last_seen)}</td>
      <td>${esc(latest?.release ?? '')}${latest?.environment ? ` <small>${esc(latest.environment)}</small>` : ''}</td><td>${chart}</td></tr>`;
  });

  const select = (/** @type {string} */ name, /** @type {string} */ label, /** @type {string[]} */ values, /** @type {string | undefined} */ current) =>
    `<label>${label}<select name="${name}"><option value="">all</option>${values.map((v) => `<option${v === current ? ' selected' : ''}>${esc(v)}</option>`).join('')}</select></label>`;
  const token = url.searchParams.get('token');
  const form = `<form class="filters" method="get" action="/">
    ${select('appId', 'App', options.apps, filters.appId)}${select('type', 'Type', options.types, filters.type)}
    ${select('release', 'Release', options.releases, filters.release)}${select('environment', 'Environment', options.environments, filters.environment)}
    <label>Message contains<input type="search" name="q" value="${esc(filters.search ?? '')}"></label>
    <label>Chart over<select name="range">${Object.keys(RANGES).map((r) => `<option${r === range ? ' selected' : ''}>${r}</option>`).join('')}</select></label>
    ${token ? `<input type="hidden" name="token" value="${esc(token)}">` : ''}<button>Apply</button></form>`;

  const events = store.events({ appId: filters.appId, limit: EVENTS_SHOWN }).reverse().map((e) =>
    `<tr><td class="t">${time(e.receivedAt)}</td><td>${esc(e.appId)}</td><td>${esc(e.eventName)}</td><td>${esc(e.userId)}</td>
      <td><code>${json(e.metadata)}</code></td><td>${esc(e.dialect)}</td></tr>`);
  const drops = Object.entries(store.drops(filters.appId)).map(([reason, n]) => `<tr><td>${esc(reason)}</td><td class="n">${esc(n)}</td></tr>`);
  /** @param {number} cols @param {string} what */
  const empty = (cols, what) => `<tr><td colspan="${cols}"><em>No ${what} yet.</em></td></tr>`;

  const body = `<h1>Error groups</h1>
${form}
<p class="muted">${esc(total)} group${total === 1 ? '' : 's'} · grouped by app, type and message · newest first</p>
<table id="groups"><tr><th>Error</th><th class="n" title="occurrences incl. suppressed repeats">Count<br><small>incl. suppressed repeats</small></th>
<th class="n">Users</th><th class="n">Sessions</th><th>First seen (UTC)</th><th>Last seen (UTC)</th><th>Release</th><th>Stored, ${esc(range)}</th></tr>
${list.join('\n') || (Object.values(filters).some(Boolean) ? '<tr><td colspan="8"><em>No error group matches these filters.</em></td></tr>' : empty(8, 'errors'))}</table>
${pager(page, more, (n) => href('/', { ...state, page: n }, url))}
<h2>Dropped by the SDK</h2>
<table id="drops"><tr><th>Reason</th><th class="n">Count</th></tr>${drops.join('') || empty(2, 'drops')}</table>
<h2>Latest events</h2>
<table id="events"><tr><th>Received (UTC)</th><th>App</th><th>Event</th><th>User</th><th>Metadata</th><th>Dialect</th></tr>
${events.join('\n') || empty(6, 'events')}</table>`;
  return layout({ title: 'Errors', section: 'errors', body, nonce, url });
}
