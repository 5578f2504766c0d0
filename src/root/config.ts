// Options, their defaults and their validation. Bad required options disable the SDK with
// one console warning; a bad optional value falls back to its default with a warning.
import type { BeforeBreadcrumb } from '../sources/breadcrumbs/ring';
import { resolvePrivacy, type PrivacyConfig, type PrivacyOptions } from '../gates/options';

/** Which automatic breadcrumbs are recorded (custom ones from `addBreadcrumb` always are). */
export interface BreadcrumbSwitches {
  /** Clicks, as a short selector plus visible text (default true). */
  clicks?: boolean;
  /** console.warn and console.error (default true). */
  console?: boolean;
  /** console.log too (default false). */
  consoleLog?: boolean;
  /** fetch and XMLHttpRequest (default true). */
  network?: boolean;
  /** History changes, popstate, hashchange (default true). */
  navigation?: boolean;
}

export interface TracelyOptions extends PrivacyOptions {
  /** The app id registered on the Tracely server. */
  appId: string;
  /** The app's secret, used to sign every request (HMAC-SHA256). */
  appSecret: string;
  /** The Tracely server's base URL, e.g. `https://tracely.example.com`. */
  host: string;
  release?: string;
  environment?: string;
  /** A duplicate error (same type, message and top in-app frame) is sent at most once per window. */
  throttleMs?: number;
  /** Requests per minute this page may send; the stock server allows 60 per minute per IP. */
  maxRequestsPerMinute?: number;
  /** Bytes of serialised reports the send queue may hold; new items are dropped beyond it. */
  maxQueueBytes?: number;
  /** Attempts per item for network failures, 408, 429 and 5xx before it is dropped. */
  maxAttempts?: number;
  /** `'stock'`: one request per item, header auth (every Tracely server). `'batch'`: batches, beacons at exit (PROTOCOL.md §2). */
  dialect?: 'stock' | 'batch';
  /** Batch dialect: how long the first item of a batch waits for company. */
  batchDelayMs?: number;
  /** What is unsent at page exit waits in localStorage for the next page load, up to this size. */
  maxSpoolBytes?: number;
  /** Spooled items older than this are dropped (as `too_old`) instead of sent. */
  maxSpoolAgeMs?: number;
  /** Report failed loads of img, script, link, video and audio elements. */
  captureResourceErrors?: boolean;
  /** Report unhandled promise rejections. */
  captureUnhandledRejections?: boolean;
  /** Log every drop and decision to the console with a `[Tracely]` prefix. */
  debug?: boolean;
  /** Breadcrumbs kept for error reports (0 to 100); 0 turns breadcrumbs off. */
  maxBreadcrumbs?: number;
  /** Edits a breadcrumb, or drops it by returning a falsy value. */
  beforeBreadcrumb?: BeforeBreadcrumb;
  /** `false` turns every automatic breadcrumb off; an object switches them one by one. */
  breadcrumbs?: boolean | BreadcrumbSwitches;
  /** Send foreground time per page as `_active` events. */
  dwell?: boolean;
  /** Send LCP, INP, CLS, FCP and TTFB as one `web_vitals` event per page view (needs the server to whitelist it). */
  webVitals?: boolean;
  /** Every hash change is a route change (hash-routed apps whose routes do not start with `#/`). */
  hashRouting?: boolean;
}

export interface Config extends PrivacyConfig {
  appId: string;
  appSecret: string;
  host: string;
  release?: string;
  environment?: string;
  throttleMs: number;
  maxRequestsPerMinute: number;
  maxQueueBytes: number;
  maxAttempts: number;
  dialect: 'stock' | 'batch';
  batchDelayMs: number;
  maxSpoolBytes: number;
  maxSpoolAgeMs: number;
  captureResourceErrors: boolean;
  captureUnhandledRejections: boolean;
  debug: boolean;
  maxBreadcrumbs: number;
  beforeBreadcrumb?: BeforeBreadcrumb;
  breadcrumbs: Required<BreadcrumbSwitches>;
  dwell: boolean;
  webVitals: boolean;
  hashRouting: boolean;
}

export const MAX_BREADCRUMBS = 100;
const CRUMB_DEFAULTS: Required<BreadcrumbSwitches> = { clicks: true, console: true, consoleLog: false, network: true, navigation: true };

export const DEFAULTS = {
  throttleMs: 60_000,
  // Half the stock server's per-IP budget: two tabs of one visitor, or a page and its
  // iframe, stay under it together.
  maxRequestsPerMinute: 30,
  maxQueueBytes: 256 * 1024,
  maxAttempts: 8,
  // The stock dialect works with every deployed Tracely server; the batch dialect needs one that serves it.
  dialect: 'stock' as 'stock' | 'batch',
  batchDelayMs: 2_000,
  maxSpoolBytes: 128 * 1024,
  maxSpoolAgeMs: 24 * 3600_000,
  captureResourceErrors: true,
  captureUnhandledRejections: true,
  debug: false,
  maxBreadcrumbs: 50,
  dwell: true,
  webVitals: true,
  hashRouting: false,
};

type NumberKey = 'throttleMs' | 'maxRequestsPerMinute' | 'maxQueueBytes' | 'maxAttempts' | 'batchDelayMs' | 'maxSpoolBytes' | 'maxSpoolAgeMs';
const NUMBER_KEYS: NumberKey[] = ['throttleMs', 'maxRequestsPerMinute', 'maxQueueBytes', 'maxAttempts', 'batchDelayMs', 'maxSpoolBytes', 'maxSpoolAgeMs'];

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Returns the resolved config and the problems found; `config` is undefined when the SDK must stay off. */
export function resolveConfig(options: unknown): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  const o = (options && typeof options === 'object' ? options : {}) as Partial<TracelyOptions>;
  if (!options || typeof options !== 'object') problems.push('options must be an object { appId, appSecret, host }');
  if (!isText(o.appId)) problems.push('appId is missing');
  if (!isText(o.appSecret)) problems.push('appSecret is missing');
  let host = '';
  if (!isText(o.host)) problems.push('host is missing');
  else {
    host = o.host.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(host)) problems.push(`host "${o.host}" is not an http(s) URL`);
  }
  const fatal = problems.length > 0;

  const config: Config = {
    ...DEFAULTS,
    appId: fatal ? '' : String(o.appId),
    appSecret: fatal ? '' : String(o.appSecret),
    host,
    release: isText(o.release) ? o.release : undefined,
    environment: isText(o.environment) ? o.environment : undefined,
    breadcrumbs: { ...CRUMB_DEFAULTS },
    ...resolvePrivacy(o, problems),
  };
  for (const key of NUMBER_KEYS) {
    const value = o[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && value > 0 && isFinite(value)) config[key] = value;
    else problems.push(`${key} must be a positive number; using ${DEFAULTS[key]}`);
  }
  if (o.dialect !== undefined) {
    if (o.dialect === 'stock' || o.dialect === 'batch') config.dialect = o.dialect;
    else problems.push('dialect must be "stock" or "batch"; using stock');
  }
  for (const key of ['captureResourceErrors', 'captureUnhandledRejections', 'debug', 'dwell', 'webVitals', 'hashRouting'] as const) {
    if (o[key] !== undefined) config[key] = !!o[key];
  }
  const max = o.maxBreadcrumbs;
  if (max !== undefined) {
    if (typeof max === 'number' && max >= 0 && max <= MAX_BREADCRUMBS) config.maxBreadcrumbs = Math.floor(max);
    else problems.push(`maxBreadcrumbs must be 0 to ${MAX_BREADCRUMBS}; using 50`);
  }
  if (typeof o.beforeBreadcrumb === 'function') config.beforeBreadcrumb = o.beforeBreadcrumb;
  else if (o.beforeBreadcrumb !== undefined) problems.push('beforeBreadcrumb must be a function; ignored');
  const b = o.breadcrumbs as BreadcrumbSwitches | boolean | undefined;
  for (const key of Object.keys(CRUMB_DEFAULTS) as Array<keyof BreadcrumbSwitches>) {
    if (b === false) config.breadcrumbs[key] = false;
    else if (b && typeof b === 'object' && b[key] !== undefined) config.breadcrumbs[key] = !!b[key];
  }
  return { config: fatal ? undefined : config, problems };
}
