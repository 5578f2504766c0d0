// The page both browsers' loader tests load (test/e2e/loader.spec.ts in Chromium,
// test/firefox/loader.test.mjs in Firefox ESR): the loader snippet, the calls a page makes before
// the bundle arrives, and seven failures that happen before it arrives. The page notes each
// failure as it sees it (right before a throw, in a listener or an onerror) in `marks`:
// [name, Date.now()], so the marks' order is the order the failures happened, whatever order
// the browser chose.

/**
 * @param {string} loaderTag the loader's <script> tag
 * @param {Record<string, unknown>} options the SDK's options
 */
export function earlyFailuresPage(loaderTag, options) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>loader</title>
${loaderTag}
<script>
  window.marks = [];
  window.t = new Tracely(${JSON.stringify(options)}).init();
  t.setUser('user-1');
  t.setTag('plan', 'gold');
  t.addBreadcrumb({ message: 'before the bundle' });
  t.reportEvent('click_button', { early: true });
  t.flush(5000).then(function (ok) { window.flushed = ok; });
  Tracely.onReady(function (T) { window.readyWithReal = T === window.Tracely && typeof T.prototype.reportError == 'function'; });
  window.stubBefore = Tracely.toString().indexOf('[native') < 0;
</script>
<script>marks.push(['inline', Date.now()]); throw new Error('inline error');</script>
<script>
  addEventListener('unhandledrejection', function () { marks.push(['rejection', Date.now()]); });
  Promise.reject(new Error('early rejection'));
</script>
<script src="/missing.js" onerror="marks.push(['script', Date.now()])"></script>
<link rel="stylesheet" href="/missing.css" onerror="marks.push(['css', Date.now()])">
<script>
  document.addEventListener('DOMContentLoaded', function () {
    setTimeout(function () {
      var img = new Image(); img.src = '/missing.png'; img.onerror = function () { marks.push(['img', Date.now()]); }; document.body.appendChild(img);
    }, 400);
    marks.push(['dcl', Date.now()]);
    throw new Error('DOMContentLoaded error');
  });
  setTimeout(function () { marks.push(['timer', Date.now()]); throw new Error('timer error'); }, 200);
</script>
</head><body><p>page</p></body></html>`;
}

/**
 * What each noted failure is stored as: [message, type].
 * @param {string} origin the page's origin
 * @returns {Record<string, [message: string, type: string]>}
 */
export const storedAs = (origin) => ({
  inline: ['Error: inline error', 'jsError'],
  rejection: ['Error: early rejection', 'promiseError'],
  script: [`${origin}/missing.js`, 'resourceError'],
  css: [`${origin}/missing.css`, 'resourceError'],
  dcl: ['Error: DOMContentLoaded error', 'jsError'],
  timer: ['Error: timer error', 'jsError'],
  img: [`${origin}/missing.png`, 'resourceError'],
});

/** The page's own uncaught errors, by their messages: the loader only listens, so the page sees them all. */
export const PAGE_OWN_ERRORS = ['DOMContentLoaded error', 'early rejection', 'inline error', 'timer error'];

/**
 * A page whose bundle never arrives: calls before (flush resolves false) and, on a click of #b,
 * calls after the loader gave up (`window.later`).
 * @param {string} loaderTag the loader's <script> tag, pointing at a missing bundle
 * @param {Record<string, unknown>} options the SDK's options
 * @param {string} [before] markup before the loader (the page's own listeners)
 */
export function missingBundlePage(loaderTag, options, before = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><title>404</title>
${before}
${loaderTag}
<script>
  window.t = new Tracely(${JSON.stringify(options)}).init();
  t.reportError(new Error('manual'), 'before');
  t.flush(1000).then(function (ok) { window.flushed = ok; });
</script></head><body><button id="b">later</button><script>
  document.getElementById('b').onclick = function () {
    t.setUser('x'); t.reportEvent('click_button'); Tracely.captureError({}, new Error('e')); Tracely.onReady(function () { window.ready = true; });
    window.later = [t.init() === t, t.serves('a', 'b'), typeof t.dropped];
  };
</script></body></html>`;
}
