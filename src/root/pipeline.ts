// The composition root: wires one client's pipeline, sources ► gates ► report ► delivery,
// and is the only module that knows every part. `start()` is a flat list of parts, each
// installed under its own guard and returning its stop function.
import type { Config } from './config';
import type { Part, PartHost, Crumb, Stop } from '../tools/part';
import type { ErrorDraft, ErrorItem, EventItem } from '../tools/types';
import type { Logger } from '../tools/logger';
import { guard, startPart } from '../tools/guard';
import { allowStorage, clearStorage, currentUrl, pageOrigin, randomHex } from '../tools/env';
import { sessionId } from '../tools/session';
import { forgetVisitor, visitorId } from '../tools/visitor';
import { cut } from '../tools/text';
import { whenIdle } from '../tools/idle';
import { installErrorSources } from '../sources/errors';
import { routeOf } from '../sources/routes';
import { createRing, type Ring } from '../sources/breadcrumbs/ring';
import { boundDraft } from '../report/limits';
import { fingerprint } from '../report/fingerprint';
import { buildError, buildEvent, type ReportContext } from '../report/build';
import { setSensitiveKeys } from '../report/scrub';
import { setTag, userIdOf, viewport } from '../report/context';
import { CurrentConsent, GRANTED, heldSize, nextConsent, type Consents, type ConsentListener } from '../gates/consent';
import { Gates } from '../gates/order';
import { Transport, type DropReason } from '../delivery/transport';
import { onPageExit } from '../delivery/exit';
import { pageView, type PageView } from './page-view';
import { deferred, type Deferred } from './deferred';

/** Characters kept of an event name (the stock server stores it as a short string). */
export const MAX_EVENT_NAME = 200;

let ownScriptUrl: string | undefined;
/** The script-tag entry tells which file is the SDK, so its own errors are never reported. */
export function setOwnScript(url: string | undefined): void {
  ownScriptUrl = url;
}

export class Pipeline implements PartHost {
  readonly _server: string;
  readonly _transport: Transport;
  readonly _gates: Gates;
  readonly _view: PageView;
  readonly _ring: Ring;
  private readonly _builds: Deferred;
  private readonly _stops: Stop[] = [];
  private _reporting = false;
  /** performance.now() at init while the page was visible; -1 once it was hidden (see _visibleSince). */
  private _since = -1;
  private _replayed = false;
  _tags: Record<string, string> = {};
  _user?: string;

  constructor(
    readonly _c: Config,
    readonly _log: Logger,
    private readonly _parts: Part[],
    countDrop: (reason: DropReason, count: number) => void,
  ) {
    this._server = _c.host;
    this._transport = new Transport({ ..._c, log: _log, onDrop: countDrop });
    const consent = new CurrentConsent(_c.consent);
    this._gates = new Gates(_c, consent, { _session: () => sessionId(), _fingerprint: (d) => fingerprint(d.type, d.message, d.stack, pageOrigin()) }, _log);
    this._view = pageView(routeOf(location.pathname, location.hash, _c.hashRouting), (what, run) => guard(_log, what, run));
    const ring = (this._ring = createRing(_c.maxBreadcrumbs, _c.beforeBreadcrumb, _log));
    // Crumbs belong to error reports: none are kept while errors are denied.
    const add = ring.add;
    ring.add = (crumb) => consent._now.errors != 'denied' && add(crumb);
    this._builds = deferred((error) => {
      // Not lost silently: counted, and in the batch dialect reported to the server.
      _log('building a report failed:', error);
      this._transport.drop('build_failed', 1);
    });
    consent._subscribe((next) => this._consentChanged(next));
    setSensitiveKeys(_c.sensitiveKeys);
    for (const part of _parts) if (part._attach) guard(_log, part._name, () => part._attach!(this));
  }

  /**
   * init(): only what must see the first error installs now (the error hooks, page exit);
   * every other part waits for the idle period, so the page's own start is not slowed.
   * `early`: a consent decision the page recorded before the SDK loaded (it wins over the option).
   */
  _start(early: unknown): void {
    const part = this._part;
    const c = this._c;
    if (document.visibilityState == 'visible') this._since = performance.now();
    part('error hooks', () =>
      installErrorSources({ resources: c.captureResourceErrors, rejections: c.captureUnhandledRejections, ownScript: ownScriptUrl }, (draft) => this._capture(draft)),
    );
    part('page exit', () => onPageExit(() => this._exit()));
    this._apply(nextConsent(early, this._gates._consent._now) || this._gates._consent._now);
    this._stops.push(whenIdle(() => this._parts.forEach((p) => part(p._name, () => p._start(this)))));
    this._log('initialised', c.host);
  }

  /** Starts one part now, under its own guard: one that cannot start never stops the others. */
  _part = (what: string, start: () => Stop | void): void => startPart(this._log, this._stops, what, start);

  _stop(): void {
    for (const stop of this._stops.splice(0)) guard(this._log, 'close', stop);
  }

  // ── PartHost: what parts may use ─────────────────────────────────────────

  _route = (): string => this._view._route();
  _routeOf = (path: string, hash: string): string => routeOf(path, hash, this._c.hashRouting);
  _visibleSince = (): number => this._since;
  _routeTo = (route: string): void => this._view._routeTo(route);
  _beforeRoute = (run: (exit: boolean) => void): void => this._view._before(run);
  _crumb = (crumb: Crumb): void => this._ring.add(crumb);
  _event = (name: string, metadata?: Record<string, unknown>): void => this._reportEvent(name, metadata);
  _onConsent = (listener: ConsentListener): void => this._gates._consent._subscribe(listener);

  /** The hot path: decide cheaply and synchronously, defer the expensive work. */
  _capture(draft: ErrorDraft): void {
    // An error raised while reporting an error is dropped, never reported: no loops.
    if (this._reporting) return;
    this._reporting = true;
    try {
      boundDraft(draft);
      this._gates._error(draft, () => this._context(true), (repeat, held) => {
        const ctx = held ? this._ids(held) : this._context(true);
        this._defer(() => this._send('error', buildError(draft, repeat, randomHex(16), ctx)));
      });
    } catch (error) {
      this._log('capture failed (swallowed):', error);
    } finally {
      this._reporting = false;
    }
  }

  _reportEvent(eventName: unknown, metadata?: unknown, userId?: unknown): void {
    if (typeof eventName !== 'string' || !eventName) return this._log('reportEvent needs a non-empty event name');
    if (metadata != null && (typeof metadata !== 'object' || Array.isArray(metadata))) return this._log('reportEvent metadata must be a plain object');
    const time = Date.now();
    // Bounded copies: the name and the metadata may wait for consent with the item.
    const name = cut(eventName, MAX_EVENT_NAME);
    const meta = (metadata ?? undefined) as Record<string, unknown> | undefined;
    this._gates._event(heldSize(meta), () => this._context(), (held) => {
      const ctx = held ? this._ids(held) : this._context();
      // Analytics is granted here, so the context's user is the page's or the visitor id.
      const user = typeof userId === 'string' && userId ? userId : ctx.userId!;
      this._defer(() => this._send('event', buildEvent(name, meta, user, time, randomHex(16), ctx)));
    });
  }

  _setConsent(value: unknown): void {
    const next = nextConsent(value, this._gates._consent._now);
    if (next) this._apply(next);
    else this._log('setConsent: bad value', value);
  }

  _setTag(key: unknown, value: unknown): void {
    setTag(this._tags, key, value);
  }

  _setUser(id: unknown): void {
    this._user = userIdOf(id);
  }

  _flush(timeoutMs: number): Promise<boolean> {
    this._builds._run();
    return this._transport.flush(timeoutMs);
  }

  // ── wiring ───────────────────────────────────────────────────────────────

  private _defer(build: () => void): void {
    if (!this._builds._add(build)) this._transport.drop('queue_full', 1);
  }

  /** The last gates, then the queue. */
  private _send(kind: 'error' | 'event', { item, json }: { item: ErrorItem | EventItem; json: string }): void {
    const out = this._gates._last(kind, item, json);
    if (out === undefined) this._transport.drop('consent_revoked', 1);
    else if (out) this._transport.enqueue(kind, out);
  }

  private _apply(next: Consents): void {
    this._log('consent:', next);
    this._gates._consent._set(next, (run) => guard(this._log, 'held', run));
  }

  /** Storage, identity and delivery follow consent. */
  private _consentChanged(next: Consents): void {
    const analytics = next.analytics == GRANTED;
    allowStorage(analytics);
    // What earlier pages of this origin could not send (page exit during an outage...).
    if (analytics && !this._replayed) {
      this._replayed = true;
      this._transport.replay();
    }
    if (next.errors == 'denied') this._transport.discard('error');
    if (next.analytics == 'denied') {
      this._transport.discard('event');
      clearStorage();
      forgetVisitor();
    }
  }

  /** `crumbs`: an error's context, with a copy of the crumbs now (later ones are not part of its story). */
  private _context(crumbs?: boolean): ReportContext {
    const c = this._c;
    return this._ids({
      appId: c.appId,
      url: currentUrl(),
      page: this._view._route(),
      origin: pageOrigin(),
      release: c.release,
      environment: c.environment,
      extra: { tags: { ...this._tags }, viewport: viewport(), breadcrumbs: crumbs ? this._ring.copy() : undefined },
    });
  }

  /** Who: the page's user, else the visitor id, and the session: identifiers need analytics consent. */
  private _ids(ctx: ReportContext): ReportContext {
    const analytics = this._gates._consent._granted('analytics');
    ctx.userId = this._user || (analytics ? visitorId() : undefined);
    ctx.extra!.sessionId = analytics ? sessionId() : undefined;
    return ctx;
  }

  /** Page exit: nothing asynchronous is safe here; build, sign and send synchronously. */
  private _exit(): void {
    this._since = -1;
    guard(this._log, 'page exit', () => {
      // Dwell and vitals first, so they ride this same exit.
      this._view._exit();
      this._builds._run();
      this._transport.exit();
    });
  }
}
