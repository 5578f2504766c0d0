// What sets one wire dialect apart from another (docs/PROTOCOL.md): how many items a request
// carries, how a request is built and signed, whether it can carry drop counts, how page
// exit sends it, and what the answer says. The engine (transport.ts) knows no dialect by
// name: the root passes one of these objects, so a bundle includes only the dialects it names.
// A new dialect is one new file in dialects/ that exports one of these.
import type { Entry } from './queue';
import type { DropReport } from './drops';

/** Where requests go and the app's credentials: the Transport's options, passed through. */
export interface Endpoint {
  host: string;
  appId: string;
  /** Not used by a dialect that signs nothing (`_unsigned`); empty when not given. */
  appSecret: string;
}

/** One request, ready to go. */
export interface Outgoing {
  url: string;
  body: string;
  /** Absent: none (a beacon can send no header). */
  headers?: Record<string, string>;
}

/**
 * How items travel to a server: the stock dialect, `batchDialect()` or `otlpDialect()`. Its
 * members are internal: the built package ships them under shortened names,
 * so an object written by hand to this shape is not a dialect.
 */
export interface Dialect {
  /** Most entries one request carries: 1 is one request per item (nothing waits to fill a request). */
  _perRequest: number;
  /** Bytes a request adds around its entries, once and per entry: bounds a request before it is built. */
  _envelope: number;
  _perItem: number;
  /** The body can carry drop counts (a DropReport): only then are drops kept for the server. */
  _drops: boolean;
  /** How long the first queued item waits for company before a request goes (dialects that carry many items). */
  _delayMs?: number;
  /**
   * At page exit, send with sendBeacon (no header, no preflight) before falling back to keepalive
   * fetch. A beacon's fate is invisible, so its items also stay in the spool until a later request
   * succeeds: the dialect's item ids must make a re-send harmless.
   */
  _beacon: boolean;
  /** Carries a throttled fingerprint's pending count as its own `repeat` item (throttle.ts). */
  _repeats?: boolean;
  /** Signs nothing (OTLP authenticates with static headers): the app secret is neither required nor used. */
  _unsigned?: boolean;
  /**
   * Builds one request for `entries` (oldest first), stamped `sentAt` (this page's clock) and
   * signed at `signAt` (corrected by the server's clock when they disagree); `report` rides
   * along when the dialect carries drops.
   */
  _build(to: Endpoint, entries: Entry[], sentAt: number, signAt: number, report?: DropReport): Outgoing;
  /** From a 2xx answer: how many of the request's items the server refused (final). Absent: none. */
  _refused?(answer: Response): Promise<number>;
}

/** A dialect that signs nothing: with it the options need no `appSecret` (ClientOptions in root/config.ts). */
export interface UnsignedDialect extends Dialect {
  _unsigned: true;
}

/** A dialect option's `batchDelayMs`: a finite number of ms from 0, else undefined (the engine's default). */
export const delayOf = (delay: unknown): number | undefined => (typeof delay == 'number' && delay >= 0 && isFinite(delay) ? delay : undefined);

/**
 * An item's JSON object with `member` (JSON text, `"key":value`) first, spliced without parsing
 * the item again; an empty object (a beforeSend may return one) has no member to put a comma before.
 */
export const withMember = (member: string, body: string): string => `{${member}${body == '{}' ? '' : ','}${body.slice(1)}`;
