// The public client: every method is guarded (nothing reaches the page) and delegates to the
// pipeline, which the composition root (root/pipeline.ts) builds on first use in a browser.
// `new Client(options, parts)` composes only the parts given; `Tracely` (tracely.ts) is the
// client with every part.
import { resolveConfig, type ClientOptions, type Config, type UnsignedClientOptions } from './root/config';
import { pipeline, type Pipeline } from './root/pipeline';
import { boot, type Boot } from './root/boot';
import { live, pagePairs } from './root/registry';
import { createLogger, type Logger } from './tools/logger';
import { guard } from './tools/guard';
import { hasWindow } from './tools/env';
import type { Part } from './tools/part';
import { describeThrown } from './report/describe';
import { reportFields, type ReportInfo } from './report/manual';
import { adoptGlobalConsent, type Consent } from './gates/consent';
import type { DropReason } from './delivery/transport';

export const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;
/** setTimeout's largest delay (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMEOUT_MS = 0x7fffffff;

/** The app and server a client reports for, as one key (one initialised client per pair and page). */
const pairOf = (c: Config): string => c.appId + '\n' + c.host;

export class Client {
  /** Items that passed capture but were not delivered, by reason. */
  readonly dropped: Partial<Record<DropReason, number>> = {};
  protected readonly _config?: Config;
  protected readonly _log: Logger = () => {};
  private _p?: Pipeline;
  private _boot?: Boot;
  private _closed?: boolean;

  /** `options`: `ClientOptions`, or `UnsignedClientOptions` (no `appSecret`) with a dialect that signs nothing such as `otlpDialect()`. */
  constructor(options: ClientOptions | UnsignedClientOptions, private readonly _parts: Part[] = []) {
    try {
      const { config, problems } = resolveConfig(options);
      if (problems.length && typeof console !== 'undefined') {
        console.warn(`[Tracely] ${config ? '' : 'disabled: '}${problems.join('; ')}`);
      }
      this._config = config;
      this._log = createLogger(!!config?.debug);
    } catch {
      // Never throw from a constructor into the page.
    }
  }

  /** Installs the global hooks now, and every other part in the page's next idle period. */
  init(): this {
    guard(this._log, 'init', () => {
      const c = this._config;
      if (!c || this._closed || this._boot || !hasWindow()) return;
      // A second client's hooks for the same app and server would send every error, and every
      // page view's `_active`, twice: the first one initialised (of any copy of the SDK) reports.
      const pairs = pagePairs();
      if (pairs.has(pairOf(c))) return console.warn(`[Tracely] init() skipped: app "${c.appId}" has a client on this page already (SDK loaded twice?)`);
      pairs.add(pairOf(c));
      live.add(this);
      // The page's consent function, usable before the SDK loaded: its decision wins over the option.
      const early = adoptGlobalConsent((value) => live.forEach((client) => client.setConsent(value)));
      this._boot = boot(c, this._log, this._parts, () => this._p, () => this._pipeline(), early);
    });
    return this;
  }

  /**
   * Reports an error by hand: `type: "manualError"`, message `"<message>: <info>"` for a string
   * `info`; an object `info` (ReportInfo) carries tags, extra data and a component stack as
   * fields of their own, the message staying the error's (plus `info.info` when given).
   */
  reportError(error: unknown, info?: string | ReportInfo): void {
    guard(this._log, 'reportError', () => {
      const p = this._pipeline();
      if (!p) return;
      const d = describeThrown(error);
      const form = info && typeof info == 'object' ? reportFields(info) : { info, fields: undefined };
      // The original SDK sent the bare `error.message`: keep that, so server groups carry over.
      let message = d.bare || d.message;
      const suffix = form.info;
      if (suffix !== undefined && suffix !== null && suffix !== '') message = `${message}: ${typeof suffix == 'string' ? suffix : describeThrown(suffix).message}`;
      p._capture({ type: 'manualError', message, stack: d.stack, cause: d.cause, time: Date.now(), thrown: error, extra: form.fields });
    });
  }

  /** Sends a named event. `userId` defaults to the anonymous visitor id. */
  reportEvent(eventName: string, metadata?: Record<string, unknown>, userId?: string): void {
    guard(this._log, 'reportEvent', () => this._pipeline()?._reportEvent(eventName, metadata, userId));
  }

  /** Changes consent at any time, with the values of the `consent` option; a consent manager's callback calls it. */
  setConsent(value: Consent): void {
    guard(this._log, 'setConsent', () => this._pipeline()?._setConsent(value));
  }

  /** Tells the SDK the SPA's route changed (also called by the exported `onRouteChange`). */
  routeChanged(path: string): void {
    guard(this._log, 'routeChanged', () => {
      // The query is not part of the route; a hash is when it is a route (see routeOf).
      const m = typeof path === 'string' && /^([^?#]*)[^#]*(#.*)?/.exec(path);
      const p = this._pipeline();
      if (m && path && p) p._routeTo(p._routeOf(m[1], m[2] || ''));
    });
  }

  /** Adds a custom breadcrumb to the ring that error reports carry. */
  addBreadcrumb(crumb: { message: string; category?: string; data?: Record<string, unknown> }): void {
    guard(this._log, 'addBreadcrumb', () => {
      if (crumb) this._pipeline()?._crumb({ type: 'custom', time: Date.now(), category: crumb.category, message: crumb.message, data: crumb.data });
    });
  }

  /** The page's own user id for every later report (errors and events); null clears it. */
  setUser(id: string | null): void {
    guard(this._log, 'setUser', () => this._pipeline()?._setUser(id));
  }

  /** A tag on every later report; a null value removes it. */
  setTag(key: string, value: string | number | boolean | null): void {
    guard(this._log, 'setTag', () => this._pipeline()?._setTag(key, value));
  }

  /** Resolves true once everything captured so far was sent or given up, false after the timeout. */
  flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      // Any value at all (a Symbol, NaN, a string) must not make setTimeout throw or wait forever.
      const ms = typeof timeoutMs == 'number' && timeoutMs >= 0 ? Math.min(timeoutMs, MAX_TIMEOUT_MS) : DEFAULT_FLUSH_TIMEOUT_MS;
      return this._p ? this._p._flush(ms).then(undefined, () => false) : Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  /** Removes every hook and stops capturing; what is already queued is still delivered. */
  close(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      live.delete(this);
      // Once: a second close() must not give back a pair another client took since.
      const b = this._boot;
      this._boot = undefined;
      if (b) pagePairs().delete(pairOf(this._config!)), b._stop();
      this._p?._stop();
      const flushed = this.flush(timeoutMs);
      this._closed = true;
      return flushed.then((ok) => {
        this._p?._close();
        return ok;
      });
    } catch {
      return Promise.resolve(false);
    }
  }

  /** True when this client reports for that app to that server (the module functions look for one). */
  serves(appId: string, host: string): boolean {
    const c = this._config;
    return !!c && !this._closed && c.appId === appId && c.host === String(host).replace(/\/+$/, '');
  }

  /**
   * The pipeline, built on first use in a browser (after init() it begins at once); undefined
   * when disabled, closed or not in a browser.
   */
  protected _pipeline(): Pipeline | undefined {
    if (!this._config || this._closed || !hasWindow()) return undefined;
    if (!this._p) {
      const countDrop = (reason: DropReason, count: number) => {
        this.dropped[reason] = (this.dropped[reason] || 0) + count;
      };
      this._p = pipeline(this._config, this._log, this._parts, countDrop);
      this._boot?._begin(this._p);
    }
    return this._p;
  }
}
