// Options, their defaults and their validation. Bad required options disable the SDK with
// one console warning; a bad optional value falls back to its default with a warning.

export interface TracelyOptions {
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
  /** Report failed loads of img, script, link, video and audio elements. */
  captureResourceErrors?: boolean;
  /** Report unhandled promise rejections. */
  captureUnhandledRejections?: boolean;
  /** Log every drop and decision to the console with a `[Tracely]` prefix. */
  debug?: boolean;
}

export interface Config {
  appId: string;
  appSecret: string;
  host: string;
  release?: string;
  environment?: string;
  throttleMs: number;
  maxRequestsPerMinute: number;
  maxQueueBytes: number;
  maxAttempts: number;
  captureResourceErrors: boolean;
  captureUnhandledRejections: boolean;
  debug: boolean;
}

export const DEFAULTS = {
  throttleMs: 60_000,
  // Half the stock server's per-IP budget: two tabs of one visitor, or a page and its
  // iframe, stay under it together.
  maxRequestsPerMinute: 30,
  maxQueueBytes: 256 * 1024,
  maxAttempts: 8,
  captureResourceErrors: true,
  captureUnhandledRejections: true,
  debug: false,
};

type NumberKey = 'throttleMs' | 'maxRequestsPerMinute' | 'maxQueueBytes' | 'maxAttempts';
const NUMBER_KEYS: NumberKey[] = ['throttleMs', 'maxRequestsPerMinute', 'maxQueueBytes', 'maxAttempts'];

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
    if (!/^https?:\/\/[^/?#\s]+/i.test(host)) problems.push(`host "${o.host}" is not an http(s) URL`);
  }
  const fatal = problems.length > 0;

  const config: Config = {
    ...DEFAULTS,
    appId: fatal ? '' : String(o.appId),
    appSecret: fatal ? '' : String(o.appSecret),
    host,
    release: isText(o.release) ? o.release : undefined,
    environment: isText(o.environment) ? o.environment : undefined,
  };
  for (const key of NUMBER_KEYS) {
    const value = o[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && value > 0 && isFinite(value)) config[key] = value;
    else problems.push(`${key} must be a positive number; using ${DEFAULTS[key]}`);
  }
  for (const key of ['captureResourceErrors', 'captureUnhandledRejections', 'debug'] as const) {
    if (o[key] !== undefined) config[key] = !!o[key];
  }
  return { config: fatal ? undefined : config, problems };
}
