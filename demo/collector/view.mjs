// A small HTML page over the store: error groups, recent events, drop counts. Every value
// that came from a client is escaped and cut to a length, so the page stays small however
// large the stored reports are; the page loads nothing from elsewhere.

export const GROUPS_SHOWN = 50;
export const EVENTS_SHOWN = 50;
/** Characters shown of one stored string (a stack, a message, metadata...). */
export const MAX_SHOWN_CHARS = 2000;
/** Frames and breadcrumbs shown per group. */
export const MAX_SHOWN_LINES = 30;

/** @param {string} text */
const shorten = (text) => (text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text);
/** @param {unknown} value */
const esc = (value) => shorten(String(value ?? '')).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** @param {number} ms */
const time = (ms) => (Number.isFinite(ms) ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '');
/** @param {unknown} v */
const json = (v) => esc(JSON.stringify(v, null, 1) ?? '');

/** @param {unknown} list a stored error's `frames`: client JSON, so any shape */
function frames(list) {
  if (!Array.isArray(list) || list.length === 0) return '';
  const rows = list.slice(0, MAX_SHOWN_LINES).map((f) => {
    const at = `${esc(f?.file)}:${esc(f?.line)}:${esc(f?.column)}`;
    return `<li${f?.inApp ? ' class="app"' : ''}>${esc(f?.function || '?')} <small>${at}</small></li>`;
  });
  return `<h4>Frames</h4><ol>${rows.join('')}</ol>`;
}

/** @param {unknown} list a stored error's `breadcrumbs`: client JSON, so any shape */
function breadcrumbs(list) {
  if (!Array.isArray(list) || list.length === 0) return '';
  return `<h4>Breadcrumbs</h4><ol>${list.slice(-MAX_SHOWN_LINES).map((b) => `<li><code>${esc(JSON.stringify(b)?.slice(0, 500))}</code></li>`).join('')}</ol>`;
}

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {string | undefined} appId
 * @param {string} nonce the Content-Security-Policy nonce that lets the page's own script run
 */
export function renderView(store, appId, nonce) {
  const groups = store.recentGroups(appId, GROUPS_SHOWN).map((g) => {
    /** @type {Partial<import('./store.mjs').StoredItem>} */
    const last = store.occurrences({ fingerprint: g.fingerprint, limit: 1 })[0] ?? {};
    return `<tr><td>${esc(g.appId)}</td><td>${esc(g.type)}</td><td>
      <details id="g-${esc(g.fingerprint)}"><summary>${esc(g.message)}</summary>
        <pre>${esc(g.stack)}</pre>${frames(last.frames)}${breadcrumbs(last.breadcrumbs)}
        <p><small>url ${esc(g.url)} · ${esc(g.userAgent)} · release ${esc(last.release)}</small></p>
      </details></td><td class="n">${esc(g.count)}</td><td>${time(g.lastSeen)}</td></tr>`;
  });
  const events = store.events({ appId, limit: EVENTS_SHOWN }).reverse().map((e) =>
    `<tr><td>${time(e.receivedAt)}</td><td>${esc(e.appId)}</td><td>${esc(e.eventName)}</td><td>${esc(e.userId)}</td>
      <td><code>${json(e.metadata)}</code></td><td>${esc(e.dialect)}</td></tr>`);
  const drops = Object.entries(store.drops(appId)).map(([reason, n]) => `<tr><td>${esc(reason)}</td><td class="n">${esc(n)}</td></tr>`);
  /** @param {number} cols @param {string} what */
  const empty = (cols, what) => `<tr><td colspan="${cols}"><em>No ${what} yet.</em></td></tr>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tracely collector</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td.n { text-align: right; } pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
  li.app { font-weight: bold; } code { font-size: 12px; }
</style></head>
<body><main>
<h1>Tracely collector${appId ? ` · ${esc(appId)}` : ''}</h1>
<h2>Error groups</h2>
<table><tr><th>App</th><th>Type</th><th>Message</th><th>Count</th><th>Last seen (UTC)</th></tr>
${groups.join('\n') || empty(5, 'errors')}</table>
<h2>Recent events</h2>
<table><tr><th>Received (UTC)</th><th>App</th><th>Event</th><th>User</th><th>Metadata</th><th>Dialect</th></tr>
${events.join('\n') || empty(6, 'events')}</table>
<h2>Dropped by the SDK</h2>
<table><tr><th>Reason</th><th>Count</th></tr>${drops.join('') || empty(2, 'drops')}</table>
</main>
<script nonce="${nonce}">
  // Refresh every 3 s without closing the sections the reader opened (a meta refresh would).
  setInterval(async () => {
    try {
      const open = [...document.querySelectorAll('details[open]')].map((d) => d.id);
      const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      document.querySelector('main').replaceWith(page.querySelector('main'));
      for (const id of open) { const d = document.getElementById(id); if (d) d.open = true; }
    } catch {}
  }, 3000);
</script>
</body></html>`;
}
