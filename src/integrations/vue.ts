// Vue 2 and 3: errors Vue catches in components never reach window.onerror, so the app's
// errorHandler is chained. An existing handler keeps running; without one, the error is
// still logged, as Vue itself would have done.

interface VueLike {
  config?: { errorHandler?: (err: unknown, vm: unknown, info: string) => void };
}

export function attachVue(app: unknown, report: (error: unknown, info?: string) => void): void {
  const config = (app as VueLike | undefined)?.config;
  if (!config || typeof config !== 'object') return;
  const previous = config.errorHandler;
  config.errorHandler = function (this: unknown, err, vm, info) {
    report(err, info);
    if (typeof previous === 'function') previous.call(this, err, vm, info);
    else if (typeof console !== 'undefined') console.error(err);
  };
}

interface RouterLike {
  afterEach?: (hook: (to: { fullPath?: string; path?: string }) => void) => unknown;
}

/** Calls `onRoute` after each navigation of a vue-router (3 or 4). */
export function attachRouter(router: unknown, onRoute: (path: string) => void): void {
  const r = router as RouterLike | undefined;
  if (r && typeof r.afterEach === 'function') r.afterEach((to) => onRoute((to && (to.fullPath || to.path)) || ''));
}
