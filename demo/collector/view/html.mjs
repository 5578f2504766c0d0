// Building blocks of the view's pages: escaping, times, links, pagination, the layout, and
// small inline SVG charts. Every value that came from a client goes through esc().

/** Characters shown of one stored string (a stack, a message, metadata...). */
export const MAX_SHOWN_CHARS = 2000;
/** Rows per page of every table in the view. */
export const ROWS_PER_PAGE = 50;
/** Time ranges the view offers, in ms; `all` has no lower bound. */
export const RANGES = /** @type {const} */ ({ '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, all: Infinity });
/** @typedef {keyof typeof RANGES} RangeName */
export const DEFAULT_RANGE = '24h';

/** @param {string} text */
const shorten = (text) => (text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text);
/** HTML-escaped and cut to MAX_SHOWN_CHARS. @param {unknown} value */
export const esc = (value) => shorten(String(value ?? '')).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** @param {unknown} ms */
export const time = (ms) => (typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '');
/** @param {unknown} v compact JSON, escaped */
export const json = (v) => esc(JSON.stringify(v) ?? '');

/** @param {string | null} name @returns {RangeName} */
export const rangeOf = (name) => (name !== null && Object.hasOwn(RANGES, name) ? /** @type {RangeName} */ (name) : DEFAULT_RANGE);

/** The 1-based page number asked for; anything odd is page 1. @param {string | null} text */
export const pageOf = (text) => (text && /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : 1);

/**
 * A link to `path` with `params` (empty values left out); the view's token, if the URL had one, goes along.
 * @param {string} path @param {Record<string, string | number | null | undefined>} params @param {URL} current
 */
export function href(path, params, current) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const token = current.searchParams.get('token');
  if (token) query.set('token', token);
  const text = query.toString();
  return esc(text ? `${path}?${text}` : path);
}

/**
 * Previous / next links for a table.
 * @param {number} page @param {boolean} more whether a next page exists @param {(page: number) => string} link
 */
export function pager(page, more, link) {
  if (page === 1 && !more) return '';
  return `<nav class="pager">${page > 1 ? `<a href="${link(page - 1)}">← previous</a>` : ''} <span>page ${page}</span> ${more ? `<a href="${link(page + 1)}">next →</a>` : ''}</nav>`;
}

/**
 * Occurrences over time as bars: `counts` per equal time bucket, oldest first.
 * @param {number[]} counts @param {{ width?: number, height?: number, label: string }} opts
 */
export function barChart(counts, { width = 120, height = 24, label }) {
  const max = Math.max(1, ...counts);
  const w = width / Math.max(1, counts.length);
  const bars = counts.map((n, i) => {
    const h = n === 0 ? 0 : Math.max(1, Math.round((n / max) * height));
    return h ? `<rect x="${(i * w).toFixed(1)}" y="${height - h}" width="${Math.max(1, w - 1).toFixed(1)}" height="${h}"><title>${n}</title></rect>` : '';
  });
  return `<svg class="chart" role="img" aria-label="${esc(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><line x1="0" y1="${height - 0.5}" x2="${width}" y2="${height - 0.5}" class="axis"/>${bars.join('')}</svg>`;
}

/**
 * One horizontal bar split into good / needs improvement / poor shares (each 0..1).
 * @param {[number, number, number]} shares
 */
export function shareBar([good, mid, poor], width = 120, height = 10) {
  const parts = [[good, 'good'], [mid, 'mid'], [poor, 'poor']];
  let x = 0;
  const rects = parts.map(([share, cls]) => {
    const w = /** @type {number} */ (share) * width;
    const rect = w > 0 ? `<rect x="${x.toFixed(1)}" width="${w.toFixed(1)}" height="${height}" class="${cls}"/>` : '';
    x += w;
    return rect;
  });
  const pct = (/** @type {number} */ s) => `${Math.round(s * 100)}%`;
  return `<svg class="shares" role="img" aria-label="good ${pct(good)}, needs improvement ${pct(mid)}, poor ${pct(poor)}" width="${width}" height="${height}">${rects.join('')}</svg>`;
}

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: .6rem 1.5rem; display: flex; gap: 1.5rem; align-items: baseline; }
  header a { color: #d0d7de; text-decoration: none; } header a.on { color: #fff; font-weight: 600; }
  header strong { font-size: 16px; }
  main { padding: 1rem 1.5rem 3rem; max-width: 90rem; }
  h1 { font-size: 20px; margin: .5rem 0; word-break: break-word; } h2 { font-size: 16px; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d0d7de; margin-bottom: .5rem; }
  th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
  th { background: #f6f8fa; font-weight: 600; font-size: 12px; color: #57606a; }
  td.n, th.n { text-align: right; white-space: nowrap; } td.t { white-space: nowrap; color: #57606a; font-size: 12px; }
  a { color: #0969da; } small, .muted { color: #57606a; }
  form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0 1rem; }
  form.filters label { display: flex; flex-direction: column; font-size: 12px; color: #57606a; }
  select, input, button { font: inherit; padding: .2rem .4rem; }
  .chart rect { fill: #cf222e; } .chart .axis { stroke: #d0d7de; }
  .shares .good { fill: #1a7f37; } .shares .mid { fill: #bf8700; } .shares .poor { fill: #cf222e; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: #fff; border: 1px solid #d0d7de; padding: .6rem .8rem; }
  .facts dt { color: #57606a; } .facts dd { margin: 0; word-break: break-all; }
  pre, code { font: 12px/1.45 ui-monospace, SFMono-Regular, monospace; }
  pre { white-space: pre-wrap; background: #fff; border: 1px solid #d0d7de; padding: .5rem; margin: .3rem 0; overflow-x: auto; }
  .frame { background: #fff; border: 1px solid #d0d7de; margin-bottom: .4rem; padding: .4rem .6rem; }
  .frame.app { border-left: 3px solid #0969da; } .frame .min { color: #57606a; font-size: 12px; }
  .code { background: #f6f8fa; border: 0; } .code .hit { background: #ffebe9; display: block; font-weight: 600; }
  ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid #d0d7de; background: #fff; }
  ol.timeline li { padding: .25rem .6rem; margin-left: .6rem; border-bottom: 1px solid #eaeef2; }
  .tag { display: inline-block; background: #ddf4ff; border-radius: 1rem; padding: 0 .5rem; margin: 0 .25rem .25rem 0; font-size: 12px; }
  .kind { display: inline-block; min-width: 5.5rem; font-weight: 600; font-size: 12px; }
  nav.pager { margin: .3rem 0 1rem; display: flex; gap: 1rem; } .err { color: #cf222e; }
`;

/**
 * The page around `body`: header with the view's sections, and the refresher script.
 * @param {{ title: string, section: 'errors' | 'pages', body: string, nonce: string, url: URL }} page
 */
export function layout({ title, section, body, nonce, url }) {
  const app = url.searchParams.get('appId');
  const nav = (/** @type {string} */ path, /** @type {string} */ name, /** @type {string} */ key) =>
    `<a href="${href(path, { appId: app }, url)}"${section === key ? ' class="on"' : ''}>${name}</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Tracely collector</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><strong>Tracely collector</strong>${nav('/', 'Errors', 'errors')}${nav('/pages', 'Pages', 'pages')}</header>
<main>
${body}
</main>
<script nonce="${nonce}">
  // Refresh every 3 s without closing the sections the reader opened (a meta refresh would).
  setInterval(async () => {
    try {
      if (document.activeElement && document.activeElement.matches('input, select')) return;
      const open = [...document.querySelectorAll('details[open]')].map((d) => d.id);
      const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      document.querySelector('main').replaceWith(page.querySelector('main'));
      for (const id of open) { const d = document.getElementById(id); if (d) d.open = true; }
    } catch {}
  }, 3000);
</script>
</body></html>`;
}
