// The client wires the one-way pipeline: sources ► report ► gates ► delivery. It holds no
// logic of its own beyond the wiring and the guards that keep the host page safe.
import { resolveConfig, type Config, type TracelyOptions } from './config';
import { createLogger, type Logger } from '../tools/logger';
import { guard, startPart, type Start } from '../tools/guard';
import { allowStorage, clearStorage, currentPath, currentUrl, hasWindow, pageOrigin, randomHex } from '../tools/env';
import { live } from './registry';
import { forgetVisitor, visitorId } from '../tools/visitor';
import type { ErrorDraft, ErrorItem, EventItem } from '../tools/types';
import { installErrorSources } from '../sources/errors';
import { describeThrown } from '../report/describe';
import { fingerprint } from '../report/fingerprint';
import { buildError, buildEvent, type ReportContext } from '../report/build';
import { Throttle } from '../gates/throttle';
import { Transport, type DropReason } from '../delivery/transport';
import { stock } from '../delivery/dialects/stock';
import { batch } from '../delivery/dialects/batch';
import { onPageExit } from '../delivery/exit';
import { attachRouter, attachVue } from '../integrations/vue';
import { sessionId } from '../tools/session';
import { setTag, userIdOf, viewport } from '../report/context';
import { createRing, type Ring } from '../sources/breadcrumbs/ring';
import { installBreadcrumbs } from '../sources/breadcrumbs';
import { navigationCrumb } from '../sources/breadcrumbs/navigation';
import { routeOf, sameRoute, watchHistory } from '../sources/routes';
import { installDwell } from '../sources/dwell';
import { installVitals, type VitalsView } from '../sources/vitals';
import { adoptGlobalConsent, GRANTED, Held, heldSize, nextConsent, type Category, type Consent, type Consents } from '../gates/consent';
import { sampledIn, unitHash } from '../gates/sampling';
import { filtered, topFrameUrl } from '../gates/filters';
import { applyBeforeSend } from '../gates/before-send';
import { setSensitiveKeys } from '../report/scrub';
import { boundDraft } from '../report/limits';

/** Deferred builds waiting for the next task; beyond this, new captures are dropped. */
export const MAX_PENDING = 100;
export const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;
/** setTimeout's largest delay (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMEOUT_MS = 0x7fffffff;

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
  private _ring?: Ring;
  private _tags: Record<string, string> = {};
  private _user?: string;
  /** Whole foreground seconds not yet sent (`end` stops the clock). */
  private _dwell?: (end?: boolean) => number;
  /** The page view's web vitals, once. */
  private _vitals?: () => VitalsView | undefined;
  /** Consent per category; what waits for it while pending. */
  private _consent!: Consents;
  private readonly _held = new Held();
  /** Sampling's number when no session may be kept (no analytics consent): one per page load. */
  private readonly _pageRoll = Math.random();
  private _replayed = false;
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
      this._consent = config?.consent as Consents;
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
      // Each part under its own guard: one that cannot start never keeps the others from starting.
      const part = (what: string, start: Start) => startPart(this._log, this._teardown, what, start);
      this._route = routeOf(location.pathname, location.hash, c.hashRouting);
      // Before the exit hook: web-vitals' own hidden-time updates must come first.
      if (c.webVitals) {
        part('web vitals', () => {
          const [take, stop] = installVitals(() => this._route!);
          this._vitals = take;
          return stop;
        });
      }
      part('error hooks', () =>
        installErrorSources(
          { resources: c.captureResourceErrors, rejections: c.captureUnhandledRejections, ownScript: ownScriptUrl },
          (draft) => this._capture(draft),
        ),
      );
      part('page exit', () => onPageExit(() => this._exit()));
      if (app) part('vue', () => attachVue(app, (error, info) => this.reportError(error, info)));
      if (router) part('vue-router', () => attachRouter(router, (path) => this.routeChanged(path)));
      live.add(this);
      this._teardown.push(() => live.delete(this));
      setSensitiveKeys(c.sensitiveKeys);
      if (this._active()) {
        // A decision recorded before the SDK loaded wins over the option (see adoptGlobalConsent).
        const early = adoptGlobalConsent((value) => live.forEach((client) => (client as Tracely).setConsent(value as Consent)));
        this._apply(nextConsent(early, this._consent) || this._consent);
      }
      // After the transport exists: it keeps the page's fetch from before the wrapping.
      const ring = (this._ring = createRing(c.maxBreadcrumbs, c.beforeBreadcrumb, this._log));
      // Crumbs belong to error reports: none are kept while errors are denied.
      const add = ring.add;
      ring.add = (crumb) => this._consent.errors != 'denied' && add(crumb);
      if (c.maxBreadcrumbs) installBreadcrumbs(c, ring.add, part);
      part('routes', () =>
        watchHistory((from, to, kind) => {
          if (c.maxBreadcrumbs && c.breadcrumbs.navigation) ring.add(navigationCrumb(from, to, kind));
          this._routeTo(routeOf(location.pathname, location.hash, c.hashRouting));
        }),
      );
      if (c.dwell) {
        part('dwell', () => {
          const [take, stop] = installDwell();
          this._dwell = take;
          return stop;
        });
      }
      this._log('initialised', c.host);
    });
    return this;
  }

  /** Reports an error by hand: `type: "manualError"`, message `"<message>: <info>"`. */
  reportError(error: unknown, info?: string): void {
    guard(this._log, 'reportError', () => {
      const d = describeThrown(error);
      // The original SDK sent the bare `error.message`: keep that, so server groups carry over.
      let message = d.bare || d.message;
      if (info !== undefined && info !== null && info !== '') message = `${message}: ${typeof info == 'string' ? info : describeThrown(info).message}`;
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
      // Consent first: an event the visitor has not allowed costs nothing more.
      const go = (held?: ReportContext) => this._event(eventName, metadata ?? undefined, userId, time, held);
      if (this._allowed('analytics', () => [heldSize(metadata), go.bind(null, this._context())])) go();
    });
  }

  /** Changes consent at any time, with the values of the `consent` option; a consent manager's callback calls it. */
  setConsent(value: Consent): void {
    guard(this._log, 'setConsent', () => {
      if (!this._active()) return;
      const next = nextConsent(value, this._consent);
      if (next) this._apply(next);
      else this._log('setConsent: bad value', value);
    });
  }

  serves(appId: string, host: string): boolean {
    const c = this._config;
    return !!c && !this._closed && c.appId === appId && c.host === String(host).replace(/\/+$/, '');
  }

  /** Tells the SDK the SPA's route changed (also called by the exported `onRouteChange`). */
  routeChanged(path: string): void {
    guard(this._log, 'routeChanged', () => {
      // The query is not part of the route; a hash is when it is a route (see routeOf).
      const m = typeof path === 'string' && /^([^?#]*)[^#]*(#.*)?/.exec(path);
      if (m && path) this._routeTo(routeOf(m[1], m[2] || '', !!this._config?.hashRouting));
    });
  }

  /** Adds a custom breadcrumb to the ring that error reports carry. */
  addBreadcrumb(crumb: { message: string; category?: string; data?: Record<string, unknown> }): void {
    guard(this._log, 'addBreadcrumb', () => {
      if (crumb) this._ring?.add({ type: 'custom', time: Date.now(), category: crumb.category, message: crumb.message, data: crumb.data });
    });
  }

  /** The page's own user id for every later report (errors and events); null clears it. */
  setUser(id: string | null): void {
    guard(this._log, 'setUser', () => (this._user = userIdOf(id)));
  }

  /** A tag on every later report; a null value removes it. */
  setTag(key: string, value: string | number | boolean | null): void {
    guard(this._log, 'setTag', () => setTag(this._tags, key, value));
  }

  /** Resolves true once everything captured so far was sent or given up, false after the timeout. */
  flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      this._runPending();
      // Any value at all (a Symbol, NaN, a string) must not make setTimeout throw or wait forever.
      const ms = typeof timeoutMs == 'number' && timeoutMs >= 0 ? Math.min(timeoutMs, MAX_TIMEOUT_MS) : DEFAULT_FLUSH_TIMEOUT_MS;
      return this._transport ? this._transport.flush(ms).then(undefined, () => false) : Promise.resolve(true);
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
        ...c,
        // The dialect object: one entry per dialect; a bundle includes only those named here.
        dialect: { stock, batch }[c.dialect],
        log: this._log,
        onDrop: (reason, count) => this._countDrop(reason, count),
      });
    }
    return true;
  }

  /** A new route: the old one's foreground time goes first, under the old page. */
  private _routeTo(route: string): void {
    if (this._route && sameRoute(this._route, route)) return;
    this._sendDwell();
    this._route = route;
  }

  private _sendDwell(end?: boolean): void {
    const duration = this._dwell?.(end);
    if (duration) this.reportEvent('_active', { page: this._route, duration });
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
      boundDraft(draft);
      // Consent first: an error the visitor has not allowed costs nothing more.
      if (this._active() && this._allowed('errors', () => [draft.message.length + draft.stack.length, this._error.bind(this, draft, this._context(true))])) {
        this._error(draft);
      }
    } catch (error) {
      this._log('capture failed (swallowed):', error);
    } finally {
      this._reporting = false;
    }
  }

  /** Past consent: sampling ► filters ► throttle ► (deferred) build. `held`: the context taken at capture. */
  private _error(draft: ErrorDraft, held?: ReportContext): void {
    if (!this._sampled('errors')) return;
    // The URL where the error was raised: the stack's top frame, or the resource that failed.
    if (filtered(draft.message, topFrameUrl(draft.stack) || (draft.type == 'resourceError' ? draft.message : ''), this._config!)) {
      return this._log('filtered out:', draft.message);
    }
    // The duplicate check first: a throttled repeat costs no context (crumb copy, storage reads).
    const repeat = this._throttle!.admit(fingerprint(draft.type, draft.message, draft.stack, held ? held.origin : pageOrigin()), draft.time);
    if (repeat < 0) return this._log('throttled:', draft.message);
    const ctx = held ? this._ids(held) : this._context(true);
    this._defer(() => {
      const { item, json } = buildError(draft, repeat, randomHex(16), ctx);
      this._send('error', item, json);
    });
  }

  /** Past consent: sampling ► (deferred) build. */
  private _event(name: string, metadata: Record<string, unknown> | undefined, userId: unknown, time: number, held?: ReportContext): void {
    if (!this._sampled('analytics')) return;
    const ctx = held ? this._ids(held) : this._context();
    // Analytics is granted here, so the context's user is the page's or the visitor id.
    const user = typeof userId === 'string' && userId ? userId : ctx.userId!;
    this._defer(() => {
      const { item, json } = buildEvent(name, metadata, user, time, randomHex(16), ctx);
      this._send('event', item, json);
    });
  }

  /** The consent gate: true to go on now. While pending, `hold()` gives what to keep for the decision. */
  private _allowed(cat: Category, hold: () => [number, () => void]): boolean {
    const state = this._consent[cat];
    if (state == GRANTED) return true;
    // A full hold drops the item, as a denied consent does.
    this._log(`${cat} consent ${state}:`, state == 'pending' && this._held.add(cat, ...hold()) ? 'held' : 'dropped');
    return false;
  }

  /** Sampling, decided per session from its id (per page load when no session may be kept). */
  private _sampled(cat: Category): boolean {
    const c = this._config!;
    const keep = sampledIn(cat == 'errors' ? c.sampleRate : c.eventSampleRate, () => (this._consent.analytics == GRANTED ? unitHash(sessionId()) : this._pageRoll));
    if (!keep) this._log(`sampled out (${cat})`);
    return keep;
  }

  /** The last gates: consent again (it may have been revoked while the build waited), beforeSend, then the queue. */
  private _send(kind: 'error' | 'event', item: ErrorItem | EventItem, json: string): void {
    const t = this._transport!;
    const hook = this._config!.beforeSend;
    if (this._consent[kind == 'error' ? 'errors' : 'analytics'] != GRANTED) t.drop('consent_revoked', 1);
    else if (hook && !(json = applyBeforeSend(hook, item, kind, json, this._log))) this._log('dropped by beforeSend');
    else t.enqueue(kind, json);
  }

  /** Makes a consent state true: storage, held items, queued items, stored keys. */
  private _apply(next: Consents): void {
    const t = this._transport!;
    const analytics = next.analytics == GRANTED;
    // Denied, now granted: time counted before the grant is not sent.
    if (analytics && this._consent.analytics == 'denied') this._dwell?.();
    this._consent = next;
    this._log('consent:', next);
    allowStorage(analytics);
    // What earlier pages of this origin could not send (page exit during an outage...).
    if (analytics && this._initialized && !this._replayed) {
      this._replayed = true;
      t.replay();
    }
    for (const cat of ['errors', 'analytics'] as Category[]) {
      if (next[cat] == 'pending') continue;
      const held = this._held.take(cat);
      // Denied: the held items are let go (never counted: they never passed the gate).
      if (next[cat] == GRANTED) for (const run of held) guard(this._log, 'held', run);
      else t.discard(cat == 'errors' ? 'error' : 'event');
    }
    if (next.analytics == 'denied') {
      clearStorage();
      forgetVisitor();
    }
  }

  /** `crumbs`: an error's context, with a copy of the crumbs now (later ones are not part of its story). */
  private _context(crumbs?: boolean): ReportContext {
    const c = this._config!;
    return this._ids({
      appId: c.appId,
      url: currentUrl(),
      page: this._route || currentPath(),
      origin: pageOrigin(),
      release: c.release,
      environment: c.environment,
      extra: { tags: { ...this._tags }, viewport: viewport(), breadcrumbs: crumbs ? this._ring?.copy() : undefined },
    });
  }

  /** Who: the page's user, else the visitor id, and the session: identifiers need analytics consent. */
  private _ids(ctx: ReportContext): ReportContext {
    const analytics = this._consent.analytics == GRANTED;
    ctx.userId = this._user || (analytics ? visitorId() : undefined);
    ctx.extra!.sessionId = analytics ? sessionId() : undefined;
    return ctx;
  }

  private _defer(build: () => void): void {
    if (this._pending.length >= MAX_PENDING) return this._transport!.drop('queue_full', 1);
    this._pending.push(build);
    if (this._pendingTimer === undefined) this._pendingTimer = setTimeout(() => this._runPending(), 0);
  }

  private _runPending(): void {
    clearTimeout(this._pendingTimer);
    this._pendingTimer = undefined;
    for (const build of this._pending.splice(0)) {
      try {
        build();
      } catch (error) {
        // Not lost silently: counted, and in the batch dialect reported to the server.
        this._log('building a report failed:', error);
        this._transport?.drop('build_failed' as DropReason, 1);
      }
    }
  }

  /** Page exit: nothing asynchronous is safe here; build, sign and send synchronously. */
  private _exit(): void {
    guard(this._log, 'page exit', () => {
      // Dwell and vitals first, so they ride this same exit.
      this._sendDwell(true);
      const vitals = this._vitals?.();
      if (vitals) this.reportEvent('web_vitals', vitals);
      this._runPending();
      this._transport?.exit();
    });
  }
}
