// Vue 2 and 3: errors Vue catches in components never reach window.onerror, so the app's
// errorHandler is chained. An existing handler keeps running; without one, the error is
// still logged, as Vue itself would have done.
//
// A Nuxt app (its Vue app carries it as `$nuxt`) is followed through Nuxt's `vue:error` hook,
// its errorHandler left alone: Nuxt drops its own handler after hydration only while it is
// still the one Nuxt set (chained, every later error turned the page into Nuxt's error page),
// and <NuxtErrorBoundary> keeps the errors it catches from errorHandler, not from the hook.
//
// The report's message stays what it always was, `"<message>: <info>"` (info: Vue's own
// string, "mounted hook" in development, an error-reference URL in production), so the groups a
// stock server already holds (md5 of type + message) carry on. The component, its trace up to
// the root (names only, never props) and Vue's info as `lifecycle` ride as fields of their own.
import type { ReportInfo } from '../tools/types';
import type { Stop } from '../tools/part';

/** Component names kept, from the failed one up to the root. */
export const MAX_VUE_TRACE = 20;

type VueErrorHandler = (err: unknown, vm: unknown, info: string) => void;
interface VueLike {
  config?: { errorHandler?: VueErrorHandler };
  /** Nuxt's app; `hook` returns the hook's removal. */
  $nuxt?: { hook?: (name: 'vue:error', hook: VueErrorHandler) => Stop };
}
interface VueInstance {
  $options?: { name?: unknown; __name?: unknown; _componentTag?: unknown };
  $parent?: VueInstance | null;
}

/** A component's name: its `name`, the SFC file's name (`__name`, Vue 3) or its tag (Vue 2). */
function nameOf(vm: VueInstance): string {
  const o = vm.$options;
  const name = o && (o.name || o.__name || o._componentTag);
  return typeof name == 'string' && name ? name : '(anonymous)';
}

/** The fields of a Vue error: component, component trace and lifecycle; the message suffix as before. */
export function vueFields(vm: unknown, info: unknown): ReportInfo {
  const out: ReportInfo = { info: info as string, lifecycle: info as string };
  try {
    const trace: string[] = [];
    for (let v = vm as VueInstance | null | undefined; v && typeof v == 'object' && trace.length < MAX_VUE_TRACE; v = v.$parent) trace.push(nameOf(v));
    if (trace.length) out.component = trace[0];
    out.componentTrace = trace;
  } catch {
    // A component that cannot be read: the report goes without the names.
  }
  return out;
}

export function attachVue(app: unknown, report: (error: unknown, info?: ReportInfo) => void): Stop | void {
  const vue = app as VueLike | undefined;
  const onError: VueErrorHandler = (err, vm, info) => report(err, vueFields(vm, info));
  const nuxt = vue?.$nuxt;
  if (nuxt && typeof nuxt.hook == 'function') return nuxt.hook('vue:error', onError);
  const config = vue?.config;
  if (!config || typeof config !== 'object') return;
  const previous = config.errorHandler;
  config.errorHandler = function (this: unknown, err, vm, info) {
    onError(err, vm, info);
    if (typeof previous === 'function') previous.call(this, err, vm, info);
    else if (typeof console !== 'undefined') console.error(err);
  };
}

interface RouterLike {
  afterEach?: (hook: (to: { fullPath?: string; path?: string }) => void) => unknown;
  /** vue-router 4: the history's base ('/shop' for createWebHistory('/shop/'), '/index.html#' for hash history). */
  options?: { history?: { base?: unknown } };
  /** vue-router 3. */
  history?: { base?: unknown };
}

/**
 * Calls `onRoute` after each navigation of a vue-router (3 or 4), with the path as the page's
 * URL has it: the router's base and the route (`to.fullPath` is relative to the base).
 */
export function attachRouter(router: unknown, onRoute: (path: string) => void): void {
  const r = router as RouterLike | undefined;
  if (!r || typeof r.afterEach !== 'function') return;
  const base = r.options?.history?.base ?? r.history?.base;
  const prefix = typeof base == 'string' ? base.replace(/\/$/, '') : '';
  r.afterEach((to) => onRoute(prefix + ((to && (to.fullPath || to.path)) || '')));
}
