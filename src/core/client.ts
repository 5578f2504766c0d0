// The client wires the one-way pipeline: sources ► report ► gates ► delivery. It holds no
// logic of its own beyond the wiring and the guards that keep the host page safe.
import { resolveConfig, type Config, type TracelyOptions } from './config';
import { createLogger, type Logger } from './debug';
import { guard } from './guard';
import { currentPath, currentUrl, hasWindow, randomHex } from './env';
import { live } from './registry';
import { visitorId } from './visitor';
import type { ErrorDraft } from './types';
import { installErrorSources } from '../sources/errors';
import { describeThrown } from '../report/describe';
import { fingerprint } from '../report/fingerprint';
import { buildError, buildEvent, type ReportContext } from '../report/build';
import { Throttle } from '../gates/throttle';
import { Transport, type DropReason } from '../delivery/transport';
import { onPageExit } from '../delivery/exit';
import { attachRouter, attachVue } from '../integrations/vue';

/** Deferred builds waiting for the next task; beyond this, new captures are dropped. */
export const MAX_PENDING = 100;
export const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;

let ownScriptUrl: string | undefined;
/** The script-tag entry tells which file is the SDK, so its own errors are never reported. */
export function setOwnScript(url: string | undefined): void {
  ownScriptUrl = url;
}

export class Tracely {
  private readonly _config?: Config;
  private readonly _log: Logger = () => {};
  private _transport?: Transport;
  private _throttle?: Throttle;
  private _pending: Array<() => void> = [];
  private _pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private _teardown: Array<() => void> = [];
  private _initialized = false;
  private _closed = false;
  private _reporting = false;
  private _route?: string;
  /** Items that passed capture but were not delivered, by reason. */
  readonly dropped: Partial<Record<DropReason, number>> = {};

  constructor(options: TracelyOptions) {
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

  /** Installs the global hooks. `app` is a Vue app (its errorHandler is chained), `router` a vue-router. */
  init(app?: unknown, router?: unknown): this {
    guard(this._log, 'init', () => {
      if (!this._config || !hasWindow() || this._initialized || this._closed) return;
      this._initialized = true;
      const c = this._config;
      this._teardown.push(
        installErrorSources(
          { resources: c.captureResourceErrors, rejections: c.captureUnhandledRejections, ownScript: ownScriptUrl },
          (draft) => this._capture(draft),
        ),
        onPageExit(() => this._exit()),
      );
      if (app) attachVue(app, (error, info) => this.reportError(error, info));
      if (router) attachRouter(router, (path) => this.routeChanged(path));
      live.add(this);
      this._teardown.push(() => live.delete(this));
      this._log('initialised', c.host);
    });
    return this;
  }

  /** Reports an error by hand: `type: "manualError"`, message `"<message>: <info>"`. */
  reportError(error: unknown, info?: string): void {
    guard(this._log, 'reportError', () => {
      const d = describeThrown(error);
      let message = d.message;
      // The original SDK sent the bare `error.message`: keep that, so server groups carry over.
      try {
        if (error instanceof Error && typeof error.message === 'string' && error.message) message = error.message;
      } catch {
        // A throwing getter: keep the description.
      }
      if (info !== undefined && info !== null && info !== '') message = `${message}: ${String(info)}`;
      this._capture({ type: 'manualError', message, stack: d.stack, cause: d.cause, time: Date.now() });
    });
  }

  /** Sends a named event. `userId` defaults to the anonymous visitor id. */
  reportEvent(eventName: string, metadata?: Record<string, unknown>, userId?: string): void {
    guard(this._log, 'reportEvent', () => {
      if (!this._active()) return;
      if (typeof eventName !== 'string' || !eventName) return this._log('reportEvent needs a non-empty event name');
      if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
        return this._log('reportEvent metadata must be a plain object');
      }
      const time = Date.now();
      const ctx = this._context();
      const user = typeof userId === 'string' && userId ? userId : visitorId();
      this._defer(() => {
        const { json } = buildEvent(eventName, metadata ?? undefined, user, time, randomHex(16), ctx);
        this._transport!.enqueue('event', json);
      });
    });
  }

  serves(appId: string, host: string): boolean {
    const c = this._config;
    return !!c && !this._closed && c.appId === appId && c.host === String(host).replace(/\/+$/, '');
  }

  /** Tells the SDK the SPA's route changed (also called by the exported `onRouteChange`). */
  routeChanged(path: string): void {
    guard(this._log, 'routeChanged', () => {
      if (typeof path === 'string' && path) this._route = path.split(/[?#]/)[0] || '/';
    });
  }

  /** Resolves true once everything captured so far was sent or given up, false after the timeout. */
  flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      this._runPending();
      return this._transport ? this._transport.flush(timeoutMs) : Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  /** Removes every hook and stops capturing; what is already queued is still delivered. */
  close(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      for (const undo of this._teardown.splice(0)) guard(this._log, 'close', undo);
      const flushed = this.flush(timeoutMs);
      this._closed = true;
      return flushed.then((ok) => {
        this._transport?.close();
        return ok;
      });
    } catch {
      return Promise.resolve(false);
    }
  }

  // ── pipeline ──────────────────────────────────────────────────────────────

  private _active(): boolean {
    if (!this._config || this._closed || !hasWindow()) return false;
    if (!this._transport) {
      const c = this._config;
      this._throttle = new Throttle(c.throttleMs);
      this._transport = new Transport({
        host: c.host,
        appId: c.appId,
        appSecret: c.appSecret,
        maxRequestsPerMinute: c.maxRequestsPerMinute,
        maxQueueBytes: c.maxQueueBytes,
        maxAttempts: c.maxAttempts,
        log: this._log,
        onDrop: (reason, count) => this._countDrop(reason, count),
      });
    }
    return true;
  }

  private _countDrop(reason: DropReason, count: number): void {
    this.dropped[reason] = (this.dropped[reason] || 0) + count;
  }

  /** The hot path: decide cheaply and synchronously, defer the expensive work. */
  private _capture(draft: ErrorDraft): void {
    // An error raised while reporting an error is dropped, never reported: no loops.
    if (this._reporting) return;
    this._reporting = true;
    try {
      if (!this._active()) return;
      const ctx = this._context();
      const repeat = this._throttle!.admit(fingerprint(draft.type, draft.message, draft.stack, ctx.origin), draft.time);
      if (repeat < 0) return this._log('throttled:', draft.message);
      this._defer(() => {
        const { json } = buildError(draft, repeat, randomHex(16), ctx);
        this._transport!.enqueue('error', json);
      });
    } catch (error) {
      this._log('capture failed (swallowed):', error);
    } finally {
      this._reporting = false;
    }
  }

  private _context(): ReportContext {
    const c = this._config!;
    let origin = '';
    try {
      origin = location.origin;
    } catch {
      // Opaque origins (sandboxed frames) have none: no frame counts as in-app.
    }
    return {
      appId: c.appId,
      url: currentUrl(),
      page: this._route || currentPath(),
      origin,
      release: c.release,
      environment: c.environment,
    };
  }

  private _defer(build: () => void): void {
    if (this._pending.length >= MAX_PENDING) return this._countDrop('queue_full', 1);
    this._pending.push(build);
    if (this._pendingTimer === undefined) this._pendingTimer = setTimeout(() => this._runPending(), 0);
  }

  private _runPending(): void {
    clearTimeout(this._pendingTimer);
    this._pendingTimer = undefined;
    for (const build of this._pending.splice(0)) guard(this._log, 'building a report', build);
  }

  /** Page exit: nothing asynchronous is safe here; build, sign and send synchronously. */
  private _exit(): void {
    guard(this._log, 'page exit', () => {
      this._runPending();
      this._transport?.exit();
    });
  }
}
