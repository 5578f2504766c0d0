// The collector's HTML view, server-rendered with no build step: error groups (/), one group
// (/group?fp=), and pages with web vitals (/pages). Every value that came from a client is
// escaped and cut to a length, every query is parameterised, every table is paged, and the
// page loads nothing from elsewhere (inline CSS and SVG; one inline refresher script).
import { createViewQueries } from './view/queries.mjs';
import { renderErrors } from './view/errors.mjs';
import { renderGroup } from './view/group.mjs';
import { renderPages } from './view/pages.mjs';

/** The view's paths. */
export const VIEW_PATHS = ['/', '/group', '/pages'];

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {{ traceUrl: string | null }} options
 */
export function createView(store, options) {
  const queries = createViewQueries(store.db);
  /**
   * @param {URL} url @param {string} nonce the Content-Security-Policy nonce that lets the page's own script run
   * @returns {string | null} the page, or null: nothing at this URL
   */
  return function render(url, nonce, now = Date.now()) {
    const ctx = { store, queries, url, nonce, now, traceUrl: options.traceUrl };
    switch (url.pathname) {
      case '/': return renderErrors(ctx);
      case '/group': return renderGroup(ctx);
      case '/pages': return renderPages(ctx);
      default: return null;
    }
  };
}
