// Options, their defaults and their validation. Bad required options disable the SDK with
// one console warning; a bad optional value falls back to its default with a warning.
// The core options are here; each optional part takes its own options (a part that is not
// included has no options to mistype), and the Tracely class maps its legacy options onto parts.
import type { BeforeBreadcrumb } from '../sources/breadcrumbs/ring';
import { resolvePrivacy, type PrivacyConfig, type PrivacyOptions } from '../gates/options';
import type { Dialect } from '../delivery/dialect';
import { stock } from '../delivery/dialects/stock';

export interface CoreOptions extends PrivacyOptions {
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
  /** Breadcrumbs kept for error reports (0 to 100); 0 keeps none. */
  maxBreadcrumbs?: number;
  /** Edits a breadcrumb, or drops it by returning a falsy value. */
  beforeBreadcrumb?: BeforeBreadcrumb;
  /** Every hash change is a route change (hash-routed apps whose routes do not start with `#/`). */
  hashRouting?: boolean;
}

/** The composed client's options: the core ones, and the wire dialect as a part. */
export interface ClientOptions extends CoreOptions {
  /** The wire dialect: the stock one (every Tracely server) unless `batchDialect()` or another is given. */
  dialect?: Dialect;
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
  dialect: Dialect;
  batchDelayMs: number;
  maxSpoolBytes: number;
  maxSpoolAgeMs: number;
  captureResourceErrors: boolean;
  captureUnhandledRejections: boolean;
  debug: boolean;
  maxBreadcrumbs: number;
  beforeBreadcrumb?: BeforeBreadcrumb;
  hashRouting: boolean;
}

export const MAX_BREADCRUMBS = 100;

export const DEFAULTS = {
  throttleMs: 60_000,
  // Half the stock server's per-IP budget: two tabs of one visitor, or a page and its
  // iframe, stay under it together.
  maxRequestsPerMinute: 30,
  maxQueueBytes: 256 * 1024,
  maxAttempts: 8,
  batchDelayMs: 2_000,
  maxSpoolBytes: 128 * 1024,
  maxSpoolAgeMs: 24 * 3600_000,
  captureResourceErrors: true,
  captureUnhandledRejections: true,
  debug: false,
  maxBreadcrumbs: 50,
  hashRouting: false,
};

type NumberKey = 'throttleMs' | 'maxRequestsPerMinute' | 'maxQueueBytes' | 'maxAttempts' | 'maxSpoolBytes' | 'maxSpoolAgeMs';
const NUMBER_KEYS: NumberKey[] = ['throttleMs', 'maxRequestsPerMinute', 'maxQueueBytes', 'maxAttempts', 'maxSpoolBytes', 'maxSpoolAgeMs'];

export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A positive finite number, or `fallback` and a problem saying so. */
export function positive(o: Record<string, unknown>, key: string, fallback: number, problems: string[]): number {
  const value = o[key];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0 && isFinite(value)) return value;
  problems.push(`${key} must be a positive number; using ${fallback}`);
  return fallback;
}

/** Returns the resolved config and the problems found; `config` is undefined when the SDK must stay off. */
export function resolveConfig(options: unknown): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  const o = (options && typeof options === 'object' ? options : {}) as Partial<ClientOptions>;
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
  let dialect = o.dialect;
  if (dialect !== undefined && !(dialect && typeof dialect._build == 'function')) {
    problems.push('dialect must be a dialect from this package; using the stock dialect');
    dialect = undefined;
  }

  const config: Config = {
    ...DEFAULTS,
    appId: fatal ? '' : String(o.appId),
    appSecret: fatal ? '' : String(o.appSecret),
    host,
    release: isText(o.release) ? o.release : undefined,
    environment: isText(o.environment) ? o.environment : undefined,
    dialect: dialect || stock,
    batchDelayMs: dialect?._delayMs ?? DEFAULTS.batchDelayMs,
    ...resolvePrivacy(o, problems),
  };
  for (const key of NUMBER_KEYS) config[key] = positive(o, key, DEFAULTS[key], problems);
  for (const key of ['captureResourceErrors', 'captureUnhandledRejections', 'debug', 'hashRouting'] as const) {
    if (o[key] !== undefined) config[key] = !!o[key];
  }
  const max = o.maxBreadcrumbs;
  if (max !== undefined) {
    if (typeof max === 'number' && max >= 0 && max <= MAX_BREADCRUMBS) config.maxBreadcrumbs = Math.floor(max);
    else problems.push(`maxBreadcrumbs must be 0 to ${MAX_BREADCRUMBS}; using 50`);
  }
  if (typeof o.beforeBreadcrumb === 'function') config.beforeBreadcrumb = o.beforeBreadcrumb;
  else if (o.beforeBreadcrumb !== undefined) problems.push('beforeBreadcrumb must be a function; ignored');
  return { config: fatal ? undefined : config, problems };
}
