// Pages: per route, page views, visitors and foreground time (from `_active`), and each web
// vital as its 75th percentile with the shares of good / needs improvement / poor values,
// over a chosen time range.
import { ROWS_PER_PAGE, RANGES, barChart, esc, href, layout, pageOf, pager, rangeOf, shareBar } from './html.mjs';

/** web.dev's thresholds: a value up to `good` is good, up to `poor` needs improvement, above is poor. */
export const VITALS = /** @type {const} */ ({
  LCP: { good: 2500, poor: 4000, unit: 'ms' },
  INP: { good: 200, poor: 500, unit: 'ms' },
  CLS: { good: 0.1, poor: 0.25, unit: '' },
  FCP: { good: 1800, poor: 3000, unit: 'ms' },
  TTFB: { good: 800, poor: 1800, unit: 'ms' },
});
const METRICS = /** @type {(keyof typeof VITALS)[]} */ (Object.keys(VITALS));
/** Bars in the page views chart. */
export const VIEWS_CHART_BUCKETS = 48;

/**
 * The 75th percentile (nearest rank, as CrUX reports it) and the rating shares.
 * @param {number[]} values @param {{ good: number, poor: number }} limits
 * @returns {{ p75: number, shares: [number, number, number], n: number } | null}
 */
export function summarize(values, { good, poor }) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const p75 = sorted[Math.max(0, Math.ceil(0.75 * sorted.length) - 1)];
  let g = 0; let m = 0;
  for (const v of sorted) { if (v <= good) g++; else if (v <= poor) m++; }
  const n = sorted.length;
  return { p75, shares: [g / n, m / n, (n - g - m) / n], n };
}

/** @param {number} value @param {keyof typeof VITALS} metric */
const format = (value, metric) => (metric === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`);
/** @param {number} seconds */
const duration = (seconds) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : seconds >= 60 ? `${(seconds / 60).toFixed(1)} min` : `${Math.round(seconds)} s`);

/**
 * @param {{ queries: ReturnType<import('./queries.mjs').createViewQueries>, url: URL, nonce: string, now: number }} ctx
 */
export function renderPages({ queries, url, nonce, now }) {
  const appId = url.searchParams.get('appId') || undefined;
  const range = rangeOf(url.searchParams.get('range'));
  const page = pageOf(url.searchParams.get('page'));
  const from = Number.isFinite(RANGES[range]) ? now - RANGES[range] : 0;
  const { rows, more } = queries.pages({ appId, from }, (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE);
  const totals = queries.pageTotals({ appId, from });
  const vitals = queries.vitals({ appId, from }, rows.map((r) => r.page), METRICS);
  const chartFrom = range === 'all' ? Math.min(now - RANGES['30d'], now) : from;
  const chart = barChart(queries.viewsHistogram({ appId, from: chartFrom, to: now }, VIEWS_CHART_BUCKETS), { width: 600, height: 60, label: `page views over ${range}` });

  const table = rows.map((r) => {
    const byMetric = vitals.get(r.page) ?? {};
    const cells = METRICS.map((m) => {
      const s = summarize(byMetric[m] ?? [], VITALS[m]);
      if (!s) return '<td class="muted">–</td>';
      const rating = s.p75 <= VITALS[m].good ? 'good' : s.p75 <= VITALS[m].poor ? 'needs improvement' : 'poor';
      const pct = s.shares.map((x) => `${Math.round(x * 100)}%`);
      return `<td data-metric="${m}"><strong>${esc(format(s.p75, m))}</strong> <small>${rating}</small><br>${shareBar(s.shares)}<br>
        <small>${pct[0]} good · ${pct[1]} NI · ${pct[2]} poor · n=${s.n}</small></td>`;
    });
    const seconds = r.seconds ?? 0;
    return `<tr><td>${esc(r.page)}</td><td class="n">${esc(r.views)}</td><td class="n">${esc(r.visitors)}</td>
      <td class="n">${esc(duration(seconds))}<br><small>${r.views ? `${esc(duration(seconds / r.views))} per view` : ''}</small></td>${cells.join('')}</tr>`;
  });

  const ranges = Object.keys(RANGES).map((r) => (r === range ? `<strong>${r}</strong>` : `<a href="${href('/pages', { appId, range: r }, url)}">${r}</a>`)).join(' · ');
  const body = `<h1>Pages</h1>
<p>Range: ${ranges}${appId ? ` · app ${esc(appId)}` : ''}</p>
<table id="page-totals" style="width:auto"><tr><th class="n">Page views</th><th class="n">Visitors</th><th class="n">Foreground time</th></tr>
<tr><td class="n">${esc(totals.views)}</td><td class="n">${esc(totals.visitors)}</td><td class="n">${esc(duration(totals.seconds ?? 0))}</td></tr></table>
<p>${chart}<br><small>page views (<code>_active</code> reports) over ${esc(range === 'all' ? 'the last 30 days' : range)}</small></p>
<table id="pages"><tr><th>Page</th><th class="n">Views</th><th class="n">Visitors</th><th class="n">Foreground</th>${METRICS.map((m) => `<th>${m} p75</th>`).join('')}</tr>
${table.join('\n') || `<tr><td colspan="${4 + METRICS.length}"><em>No page reports in this range.</em></td></tr>`}</table>
${pager(page, more, (n) => href('/pages', { appId, range, page: n }, url))}
<p class="muted">Views and visitors count <code>_active</code> reports (one per route visit, and one more each time the page is hidden and shown again), as the stock Tracely server counts page views; visitors are distinct user ids. Web vitals come from <code>web_vitals</code> reports (one per page view): p75 is the 75th percentile; good / needs improvement (NI) / poor use web.dev's thresholds (LCP 2500/4000 ms, INP 200/500 ms, CLS 0.1/0.25, FCP 1800/3000 ms, TTFB 800/1800 ms).</p>`;
  return layout({ title: 'Pages', section: 'pages', body, nonce, url });
}
