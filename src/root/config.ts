// Options, their defaults and their validation. Bad required options disable the SDK with
// one console warning; a bad optional value falls back to its default with a warning.
// The core options are here; each optional part takes its own options (a part that is not
// included has no options to mistype), and the Tracely class maps its legacy options onto parts.
import type { BeforeBreadcrumb } from '../sources/breadcrumbs/ring';
import { resolvePrivacy, taker, type PrivacyConfig, type PrivacyOptions } from '../gates/options';
import type { Dialect, UnsignedDialect } from '../delivery/dialect';
import { stock } from '../delivery/dialects/stock';

export interface CoreOptions extends PrivacyOptions {
  /** The app id registered on the Tracely server. */
  appId: string;
  /** The app's secret, used to sign every request (HMAC-SHA256); not needed by a dialect that signs nothing (OTLP). */
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
  /** Report what the page's Content-Security-Policy blocks (`securitypolicyviolation`), report-only policies included. */
  captureCspViolations?: boolean;
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

/**
 * The composed client's options with a dialect that signs nothing (`otlpDialect()`): the same,
 * without the need for `appSecret` (one given is not used). A separate type, so that
 * `ClientOptions` keeps requiring the secret the stock and batch dialects sign with.
 */
export interface UnsignedClientOptions extends Omit<CoreOptions, 'appSecret'> {
  appSecret?: string;
  dialect: UnsignedDialect;
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
  captureCspViolations: boolean;
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
  captureCspViolations: true,
  debug: false,
  maxBreadcrumbs: 50,
  hashRouting: false,
};

/** Defaults read by rules of their own: the dialect's batch delay, the breadcrumb count's range. */
const OWN_RULES: string[] = ['batchDelayMs', 'maxBreadcrumbs'];

export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Returns the resolved config and the problems found; `config` is undefined when the SDK must stay off. */
export function resolveConfig(options: unknown): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  const isObject = !!options && typeof options === 'object';
  const o = (isObject ? options : {}) as Partial<ClientOptions>;
  const take = taker(o, problems);
  // Read once, first: whether the secret is required depends on it. Its problem is not fatal.
  const dialect = take<Dialect | undefined>('dialect', (v) => v && typeof v._build == 'function', 'a dialect from this package; using the stock dialect', undefined);
  const kept = problems.length;
  if (!isObject) problems.push('options must be an object { appId, appSecret, host }');
  // Only a dialect that signs needs the secret (OTLP authenticates with static headers).
  const required = dialect?._unsigned ? (['appId', 'host'] as const) : (['appId', 'appSecret', 'host'] as const);
  for (const key of required) if (!isText(o[key])) problems.push(`${key} is missing`);
  const host = isText(o.host) ? o.host.trim().replace(/\/+$/, '') : '';
  if (host && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(host)) problems.push(`host "${o.host}" is not an http(s) URL`);
  const fatal = problems.length > kept;

  const config: Config = {
    ...DEFAULTS,
    // Text, unless fatal (then the config is not returned).
    appId: o.appId!,
    // Text when required; a dialect that signs nothing does not use it.
    appSecret: isText(o.appSecret) ? o.appSecret : '',
    host,
    // Text only, not a number made text: 1.10 would be sent as "1.1", matching no uploaded map.
    release: take<string | undefined>('release', isText, 'text; ignored', undefined),
    environment: take<string | undefined>('environment', isText, 'text; ignored', undefined),
    dialect: dialect || stock,
    batchDelayMs: dialect?._delayMs ?? DEFAULTS.batchDelayMs,
    ...resolvePrivacy(take),
  };
  // Every other default is a positive number or a flag: the options are read by their default's type.
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const byDefault = DEFAULTS[key];
    if (typeof byDefault == 'boolean') {
      const flag = (o as Record<string, unknown>)[key];
      if (flag !== undefined) (config[key] as boolean) = !!flag;
    } else if (!OWN_RULES.includes(key)) {
      (config[key] as number) = take(key, (v) => typeof v === 'number' && v > 0 && isFinite(v), `a positive number; using ${byDefault}`, byDefault);
    }
  }
  config.maxBreadcrumbs = Math.floor(take('maxBreadcrumbs', (v) => typeof v === 'number' && v >= 0 && v <= MAX_BREADCRUMBS, `0 to ${MAX_BREADCRUMBS}; using 50`, DEFAULTS.maxBreadcrumbs));
  config.beforeBreadcrumb = take('beforeBreadcrumb', (v) => typeof v === 'function', 'a function; ignored', undefined);
  return { config: fatal ? undefined : config, problems };
}
