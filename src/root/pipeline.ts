// The composition root: wires one client's pipeline, sources ► gates ► report ► delivery,
// and is the only module that knows every part. It is built on first use: by the first error,
// an API call or the idle period after init() (boot.ts installs the error hooks and page exit
// at init without it). Parts install under their own guard and return their stop function.
import type { Config } from './config';
import type { Part, PartHost, Stop } from '../tools/part';
import type { ErrorDraft, ErrorItem, EventItem } from '../tools/types';
import type { Logger } from '../tools/logger';
import { guard, startPart } from '../tools/guard';
import { allowStorage, clearStorage, currentUrl, pageOrigin, randomHex } from '../tools/env';
import { sessionId } from '../tools/session';
import { forgetVisitor, visitorId } from '../tools/visitor';
import { cut } from '../tools/text';
import { whenIdle } from '../tools/idle';
import { routeOf } from '../sources/routes';
import { createRing, type Ring } from '../sources/breadcrumbs/ring';
import { boundDraft } from '../report/limits';
import { fingerprint } from '../report/fingerprint';
import { buildError, buildEvent, errorMessage, type ReportContext } from '../report/build';
import { toJson } from '../tools/json';
import { setSensitiveKeys } from '../report/scrub';
import { setTag, userIdOf, viewport } from '../report/context';
import { CurrentConsent, GRANTED, heldSize, nextConsent, type Consents, type ConsentListener } from '../gates/consent';
import { Gates } from '../gates/order';
import { Transport, type DropReason } from '../delivery/transport';
import { requester } from '../delivery/request';
import { pageView, type PageView } from './page-view';
import { deferred, type Deferred } from './deferred';
import { oncePerError } from './once';

/** Characters kept of an event name (the stock server stores it as a short string). */
export const MAX_EVENT_NAME = 200;

/** One client's pipeline: the PartHost verbs, and what the client facade calls. */
export interface Pipeline extends PartHost {
  /** Stops delivery for good (close(), after the last flush). */
  _close(): void;
  /**
   * The client is initialised (once; again is nothing): the consent `early` recorded by the
   * page before the SDK loaded wins over the option; `since` tells when the page has been
   * visible from without a break since init (performance.now(), -1 once hidden: boot.ts keeps
   * it); the eager parts install now.
   */
  _begin(early: unknown, since: () => number): void;
  /** The idle period after init: every other part installs. */
  _idle(): void;
  /** The page is being hidden or left: build, sign and send what is captured, synchronously. */
  _exit(): void;
  /** Starts one part now, under its own guard: one that cannot start never stops the others. */
  _part(what: string, start: () => Stop | void): void;
  _stop(): void;
  _reportEvent(eventName: unknown, metadata?: unknown, userId?: unknown): void;
  _setConsent(value: unknown): void;
  _setTag(key: unknown, value: unknown): void;
  _setUser(id: unknown): void;
  _flush(timeoutMs: number): Promise<boolean>;
}

/** Builds one client's pipeline (a closure: its state is local, and minifies to short names). */
export function pipeline(c: Config, log: Logger, parts: Part[], countDrop: (reason: DropReason, count: number) => void): Pipeline {
  const stops: Stop[] = [];
  let reporting = false;
  let replayed = false;
  let begun = false;
  const tags: Record<string, string> = {};
  let user: string | undefined;
  const guarded = (what: string, run: () => void) => guard(log, what, run);
  // A document's origin never changes, and reading `location` costs ~9 µs a time in Chromium (two per capture).
  let knownOrigin = '';
  const origin = (): string => (knownOrigin ||= pageOrigin());

  // The transport is made on first use (a report, a drop, the idle spool replay): a page with
  // no error pays nothing for it. The page's fetch is taken now, before parts wrap it.
  const post = requester();
  let made: Transport | undefined;
  const transport = (): Transport =>
    (made ||= new Transport({
      ...c,
      post,
      log,
      onDrop: countDrop,
      // A refused event name is not sent again this session (gates/refused.ts).
      onForbidden: (entries) =>
        entries.forEach((entry) => {
          const name = entry._kind == 'event' && JSON.parse(entry._body).eventName;
          if (typeof name == 'string') {
            log(`event "${name}" refused by the server (403): not sent again this session`);
            gates._refused._add(name);
          }
        }),
    }));
  const consent = new CurrentConsent(c.consent);
  const gates = new Gates(c, consent, { _session: () => sessionId(), _fingerprint: (d) => fingerprint(d.type, d.message, d.stack, origin()) }, log);
  const view: PageView = pageView(routeOf(location.pathname, location.hash, c.hashRouting), guarded);
  const ring: Ring = createRing(c.maxBreadcrumbs, c.beforeBreadcrumb, log);
  // Crumbs belong to error reports: none are kept while errors are denied.
  const addCrumb = ring.add;
  ring.add = (crumb) => consent._now.errors != 'denied' && addCrumb(crumb);
  // A report that could not be captured or built is not lost silently: counted, and in the batch dialect reported to the server.
  const failed = (error: unknown): void => {
    log('building a report failed:', error);
    transport().drop('build_failed', 1);
  };
  const builds: Deferred = deferred(failed);

  const part = (what: string, start: () => Stop | void): void => startPart(log, stops, what, start);
  const start = (x: Part) => part(x._name, () => x._start(p));

  const defer = (build: () => void): void => {
    if (!builds._add(build)) transport().drop('queue_full', 1);
  };

  /** The last gates, then the queue. */
  const send = (kind: 'error' | 'event', { item, json }: { item: ErrorItem | EventItem; json: string }): void => {
    const out = gates._last(kind, item, json);
    if (out === undefined) transport().drop('consent_revoked', 1);
    else if (typeof out != 'string') transport().drop('queue_full', 1);
    else if (out) transport().enqueue(kind, out);
  };

  const apply = (next: Consents): void => {
    log('consent:', next);
    consent._set(next, (run) => guarded('held', run));
  };

  /** The page's decision (setConsent, the tracelyConsent stub): an invalid one is pending, as the option's is, never what was granted before. */
  const decide = (value: unknown): void => {
    const next = nextConsent(value, consent._now);
    if (!next) console.warn('[Tracely] setConsent must be granted, pending, denied or { errors, analytics }; using pending');
    apply(next || nextConsent('pending', consent._now)!);
  };

  /** Who: the page's user, else the visitor id, and the session: identifiers need analytics consent. */
  const ids = (ctx: ReportContext): ReportContext => {
    const analytics = consent._granted('analytics');
    ctx.userId = user || (analytics ? visitorId() : undefined);
    ctx.extra!.sessionId = analytics ? sessionId() : undefined;
    return ctx;
  };

  /** `crumbs`: an error's context, with a copy of the crumbs now (later ones are not part of its story). */
  const context = (crumbs?: boolean): ReportContext =>
    ids({
      appId: c.appId,
      url: currentUrl(),
      page: view._route(),
      origin: origin(),
      release: c.release,
      environment: c.environment,
      // The viewport is read when the report is built (sized), not here: on a mobile page reading it forces a layout.
      extra: { tags: { ...tags }, viewport: undefined, breadcrumbs: crumbs ? ring.copy() : undefined },
    });

  /**
   * The viewport, read in the deferred build: where the viewport meta tag applies (Chrome on
   * Android) `innerWidth` forces a synchronous layout, so reading it at capture made every error
   * of a storm between DOM writes a forced layout (50 in 50 in a test); in the build, one layout
   * at most serves every report of the batch.
   */
  const sized = (ctx: ReportContext): ReportContext => ((ctx.extra!.viewport = viewport()), ctx);

  /** Page exit: nothing asynchronous is safe here; build, sign and send synchronously. */
  const exit = (): void => {
    guarded('page exit', () => {
      // Dwell and vitals first, so they ride this same exit.
      view._exit();
      builds._run();
      gates._throttle._flush();
      made?.exit();
    });
  };

  const already = oncePerError();
  /**
   * Run as an error is captured, before its context is read: the routes part catches up on a URL
   * changed before its popstate reached the SDK. Not for events: dwell sends one while the route
   * changes, and a catch-up there would change it again inside that change.
   */
  let catchUp: (() => void) | undefined;

  /** The hot path: decide cheaply and synchronously, defer the expensive work. */
  const capture = (draft: ErrorDraft): void => {
    // An error raised while reporting an error is dropped, never reported: no loops.
    if (reporting) return;
    reporting = true;
    try {
      // Cut first: the checks below hash and search the text (a 50 MB message took 1.3 s here).
      boundDraft(draft);
      // One report per error, whichever ways it comes in (once.ts).
      if (already(draft)) return log('reported once:', draft.message);
      catchUp?.();
      gates._error(draft, () => context(true), (repeat, held) => {
        const ctx = held ? ids(held) : context(true);
        defer(() => send('error', buildError(draft, repeat, randomHex(16), sized(ctx))));
      });
    } catch (error) {
      failed(error);
    } finally {
      reporting = false;
    }
  };

  const reportEvent = (eventName: unknown, metadata?: unknown, userId?: unknown): void => {
    if (typeof eventName !== 'string' || !eventName) return log('reportEvent needs a non-empty event name');
    if (metadata != null && (typeof metadata !== 'object' || Array.isArray(metadata))) return log('reportEvent metadata must be a plain object');
    const time = Date.now();
    // Bounded copies: the name and the metadata may wait for consent with the item.
    const name = cut(eventName, MAX_EVENT_NAME);
    const meta = (metadata ?? undefined) as Record<string, unknown> | undefined;
    gates._event(name, () => heldSize(meta), () => context(), (held) => {
      const ctx = held ? ids(held) : context();
      // Analytics is granted here, so the context's user is the page's or the visitor id.
      const who = typeof userId === 'string' && userId ? userId : ctx.userId!;
      defer(() => send('event', buildEvent(name, meta, who, time, randomHex(16), sized(ctx))));
    });
  };

  // Storage, identity and delivery follow consent.
  consent._subscribe((next) => {
    const analytics = next.analytics == GRANTED;
    allowStorage(analytics);
    // What earlier pages of this origin could not send (page exit during an outage...), read in
    // the idle period: a page's first localStorage access is a synchronous round trip to the
    // browser process (8 ms of a 9 ms init in Chromium's profile). Left before then, the spool
    // simply stays stored for the next page. Errors an earlier page spooled follow this page's
    // errors consent, as its own do: read once it is decided (pending, it is still to come), and
    // discarded when it is not granted.
    if (analytics && next.errors != 'pending' && !replayed) {
      replayed = true;
      stops.push(
        whenIdle(() =>
          guarded('spool replay', () => {
            transport().replay();
            if (!consent._granted('errors')) made!.discard('error');
          }),
        ),
      );
    }
    if (next.errors == 'denied') made?.discard('error');
    if (next.analytics == 'denied') {
      made?.discard('event');
      clearStorage();
      forgetVisitor();
    }
  });
  setSensitiveKeys(c.sensitiveKeys);
  // A throttled fingerprint's pending count goes out on its own where the dialect carries it
  // (docs/PROTOCOL.md §2, `repeat` items), so the server's count is the true number of occurrences.
  if (c.dialect._repeats)
    gates._throttle._sink = (fingerprint, count, time, type, message) =>
      guarded('repeat', () => {
        if (consent._granted('errors'))
          transport().enqueue('repeat', toJson({ id: randomHex(), time, type, message: errorMessage(message), fingerprint, count }));
      });

  const p: Pipeline = {
    _log: log,
    _server: c.host,
    _close: () => made?.close(),
    _part: part,
    _capture: capture,
    _reportEvent: reportEvent,

    _begin(early, since) {
      if (begun) return;
      begun = true;
      // From now on the part host asks boot.ts, which keeps it.
      p._visibleSince = since;
      if (early === undefined) apply(consent._now);
      else decide(early);
      parts.forEach((x) => x._eager && start(x));
    },
    _idle: () => parts.forEach((x) => x._eager || start(x)),
    _exit: exit,

    _stop() {
      for (const stop of stops.splice(0)) guarded('close', stop);
    },

    // ── PartHost: what parts may use ─────────────────────────────────────────
    _route: () => view._route(),
    _routeOf: (path, hash) => routeOf(path, hash, c.hashRouting),
    // Before init: never visible since it.
    _visibleSince: () => -1,
    _sampled: () => gates._sampled('errors'),
    _routeTo: (route) => view._routeTo(route),
    _beforeRoute: (run) => view._before(run),
    _onCapture: (run) => (catchUp = run),
    _crumb: (crumb) => ring.add(crumb),
    _event: (name, metadata) => reportEvent(name, metadata),
    _onConsent: (listener: ConsentListener) => consent._subscribe(listener),

    _setConsent: decide,
    _setTag: (key, value) => setTag(tags, key, value),
    _setUser(id) {
      user = userIdOf(id);
    },
    _flush(timeoutMs) {
      builds._run();
      return made ? made.flush(timeoutMs) : Promise.resolve(true);
    },
  };
  for (const x of parts) if (x._attach) guarded(x._name, () => x._attach!(p));
  return p;
}
