// The privacy options (consent, sampling, filters, beforeSend, sensitive keys): their
// types, defaults and validation. resolveConfig takes them from here.
import { GRANTED, nextConsent, type Consent, type Consents } from './consent';
import { DEFAULT_IGNORE, EXTENSION_URLS, type Pattern } from './filters';
import type { BeforeSend } from './before-send';

export interface PrivacyOptions {
  /**
   * `'granted'` (default), `'pending'` (held in memory until decided) or `'denied'`, for
   * every category or per category: `{ errors, analytics }`. `analytics` covers events,
   * dwell, web vitals and everything the SDK stores (visitor id, session, spool).
   */
  consent?: Consent;
  /** Share of sessions whose errors are sent, 0 to 1 (default 1). */
  sampleRate?: number;
  /** Share of sessions whose events (dwell and web vitals too) are sent, 0 to 1 (default 1). */
  eventSampleRate?: number;
  /** Edits an item before it is queued, or drops it by returning null or false. */
  beforeSend?: BeforeSend;
  /** Errors whose message contains one of these strings, or matches one of these expressions, are not sent (added to the defaults). */
  ignoreErrors?: Pattern | Pattern[];
  /** Errors raised in a file whose URL matches are not sent (browser extensions always are not). */
  denyUrls?: Pattern | Pattern[];
  /** When set, only errors raised in a file whose URL matches are sent. */
  allowUrls?: Pattern | Pattern[];
  /** Query keys whose values are replaced in every URL sent, besides the built-in ones (a string is a whole key, any case). */
  sensitiveKeys?: Pattern | Pattern[];
}

export interface PrivacyConfig {
  consent: Consents;
  sampleRate: number;
  eventSampleRate: number;
  beforeSend?: BeforeSend;
  ignoreErrors: Pattern[];
  denyUrls: Pattern[];
  allowUrls: Pattern[];
  sensitiveKeys: Pattern[];
}

const ALL_GRANTED: Consents = { errors: GRANTED, analytics: GRANTED };

const isPattern = (p: unknown) => typeof p == 'string' || p instanceof RegExp;

/** Reads option `key`: its value when `ok` says it is valid, `byDefault` when absent, else `fallback` and a problem saying what it must be. */
export type Take = <T>(key: string, ok: (value: any) => unknown, rule: string, fallback: T, byDefault?: T) => T;

/** The one validator of every option: table rows are (key, check, rule, fallback). */
export function taker(o: Record<string, any>, problems: string[]): Take {
  return (key, ok, rule, fallback, byDefault = fallback) => {
    const value = o[key];
    if (value === undefined) return byDefault;
    if (ok(value)) return value;
    problems.push(`${key} must be ${rule}`);
    return fallback;
  };
}

export function resolvePrivacy(take: Take): PrivacyConfig {
  const rate = (key: 'sampleRate' | 'eventSampleRate') => take(key, (v) => typeof v == 'number' && v >= 0 && v <= 1, 'a number from 0 to 1; using 1', 1);
  // One pattern alone is a list of one.
  const patterns = (key: 'ignoreErrors' | 'denyUrls' | 'allowUrls' | 'sensitiveKeys') =>
    ([] as Pattern[]).concat(take<Pattern[]>(key, (v) => [].concat(v).every(isPattern), 'strings and RegExps; ignored', []));
  return {
    // A typo must not grant what the page meant to withhold: an invalid consent is pending.
    consent: nextConsent(take<Consent>('consent', (v) => nextConsent(v, ALL_GRANTED), 'granted, pending, denied or { errors, analytics }; using pending', 'pending', GRANTED), ALL_GRANTED)!,
    sampleRate: rate('sampleRate'),
    eventSampleRate: rate('eventSampleRate'),
    beforeSend: take<BeforeSend | undefined>('beforeSend', (v) => typeof v == 'function', 'a function; ignored', undefined),
    ignoreErrors: DEFAULT_IGNORE.concat(patterns('ignoreErrors')),
    denyUrls: EXTENSION_URLS.concat(patterns('denyUrls')),
    allowUrls: patterns('allowUrls'),
    sensitiveKeys: patterns('sensitiveKeys'),
  };
}
