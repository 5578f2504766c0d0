// `Tracely`: the client with every part, configured by the original SDK's options, so
// upgrading is a version bump. This is what the script tag and `new Tracely(options)` give;
// `new Client(options, parts)` (client.ts) composes only the parts an app imports.
import { Client } from './client';
import type { CoreOptions } from './root/config';
import type { Part } from './tools/part';
import { breadcrumbs, type BreadcrumbSwitches } from './sources/breadcrumbs';
import { routes } from './sources/routes';
import { dwell } from './sources/dwell';
import { webVitals } from './sources/vitals';
import { batchDialect } from './delivery/dialects/batch';
import type { Dialect } from './delivery/dialect';
import { attachRouter, attachVue } from './integrations/vue';
import { live } from './root/registry';

export interface TracelyOptions extends CoreOptions {
  /**
   * `'stock'`: one request per item, header auth (every Tracely server). `'batch'`: batches,
   * beacons at exit (docs/PROTOCOL.md §2). The OpenTelemetry script tag (tracely.otel.min.js)
   * also takes `'otlp'`; npm apps pass `otlpDialect()` to `Client` instead.
   */
  dialect?: 'stock' | 'batch';
  /** Batch dialect: how long the first item of a batch waits for company. */
  batchDelayMs?: number;
  /** `false` turns every automatic breadcrumb off; an object switches them one by one. */
  breadcrumbs?: boolean | (BreadcrumbSwitches & { navigation?: boolean });
  /** Send foreground time per page as `_active` events. */
  dwell?: boolean;
  /** Send LCP, INP, CLS, FCP and TTFB as one `web_vitals` event per page view (needs the server to whitelist it). */
  webVitals?: boolean;
}

/** An on/off option: on unless given and falsy (as the original SDK read them). */
const on = (value: unknown) => value === undefined || !!value;

/** The legacy options as parts: every part on unless an option turns it off. */
export function partsOf(o: TracelyOptions): Part[] {
  const crumbs = o.breadcrumbs && typeof o.breadcrumbs == 'object' ? o.breadcrumbs : {};
  // No automatic crumbs, or none kept (maxBreadcrumbs 0): instrumenting would be wasted work.
  const none = o.breadcrumbs === false || o.maxBreadcrumbs === 0;
  const parts: Part[] = [];
  // Web vitals before dwell, as before: both send at exit, in this order.
  if (on(o.webVitals)) parts.push(webVitals());
  if (!none) parts.push(breadcrumbs(crumbs));
  parts.push(routes({ navigationCrumbs: !none && crumbs.navigation !== false }));
  if (on(o.dwell)) parts.push(dwell());
  for (const part of bundleParts) parts.push(part(o));
  return parts;
}

/**
 * The dialects the `dialect` option can name besides stock. A bundle names only those it
 * includes: the OpenTelemetry script tag (browser-otel.ts) adds `otlp`.
 */
export const namedDialects = new Map<string, (o: TracelyOptions) => Dialect>([['batch', (o) => batchDialect({ batchDelayMs: o.batchDelayMs })]]);
/** Parts a bundle adds to every Tracely it makes (browser-otel.ts: trace context). */
export const bundleParts: Array<(o: TracelyOptions) => Part> = [];

function dialectOf(o: TracelyOptions): Dialect | undefined {
  const named = namedDialects.get(o.dialect!);
  if (!named && o.dialect !== undefined && o.dialect !== 'stock' && typeof console != 'undefined') console.warn(`[Tracely] no dialect "${o.dialect}" in this bundle; using stock`);
  return named?.(o);
}

export class Tracely extends Client {
  constructor(options: TracelyOptions) {
    // Not an object: the core's validation says so and leaves the SDK off.
    const valid = !!options && typeof options == 'object';
    super(valid ? { ...options, dialect: dialectOf(options) } : (options as never), valid ? partsOf(options) : []);
  }

  /** Installs the global hooks. `app` is a Vue app (its errorHandler is chained), `router` a vue-router. */
  init(app?: unknown, router?: unknown): this {
    super.init();
    // Vue's handlers must be in place before the app's first error: this builds the pipeline now.
    // (Not for a client that did not initialise: another one reports for its app and server.)
    const p = (app || router) && live.has(this) ? this._pipeline() : undefined;
    if (p && app) p._part('vue', () => attachVue(app, (error, info) => this.reportError(error, info)));
    if (p && router) p._part('vue-router', () => attachRouter(router, (path) => this.routeChanged(path)));
    return this;
  }
}
