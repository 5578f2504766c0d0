// The delivery engine: queue ► pacer ► sign ► send ► retry ► spool, in either dialect.
// While the page lives, one request is in flight at a time (natural backpressure against a
// slow server) and batches wait a few seconds to fill. At page exit, everything the pace and
// the keepalive budget allow goes out at once (beacons in the batch dialect); what is left
// is spooled for the next page load.
import { Queue, type Entry } from './queue';
import { Pacer } from './pacer';
import { authenticate } from './sign';
import { stockRequest } from './stock';
import { batchBody, batchUrl, ENVELOPE_BYTES, ITEM_OVERHEAD, MAX_BATCH_BYTES, type DropReport } from './batch';
import { beacon } from './beacon';
import { backoffDelay, isRetryable, parseRetryAfter } from './backoff';
import { CLOCK_TOLERANCE_MS, clockSkew } from './clock';
import { isOffline, onOnline } from './online';
import { takeSpool, writeSpool, type SpooledEntry } from './spool';
import { byteLength, randomHex } from '../tools/env';
import { guard } from '../tools/guard';
import type { Logger } from '../tools/logger';

/**
 * Browsers allow 64 KiB (65 536 bytes) of keepalive request bodies in flight per page,
 * sendBeacon included; over it, sendBeacon returns false and keepalive fetch rejects.
 * https://fetch.spec.whatwg.org/#http-network-or-cache-fetch (inflightKeepaliveBytes)
 */
export const KEEPALIVE_BUDGET = 64_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** A beacon's completion is invisible: its bytes are taken to hold the budget this long. */
export const BEACON_HOLD_MS = 10_000;
/** Unacknowledged drop reports kept (batch dialect); beyond it the oldest go. */
export const MAX_DROP_REPORTS = 8;

export type DropReason =
  | 'queue_full'
  | 'final_4xx'
  | 'rejected'
  | 'retries_exhausted'
  | 'too_old'
  | 'spool_full'
  | 'no_fetch'
  | 'consent_revoked';

export interface TransportOptions {
  host: string;
  appId: string;
  appSecret: string;
  dialect: 'stock' | 'batch';
  maxRequestsPerMinute: number;
  maxQueueBytes: number;
  maxAttempts: number;
  batchDelayMs: number;
  maxSpoolBytes: number;
  maxSpoolAgeMs: number;
  log: Logger;
  onDrop?: (reason: DropReason, count: number) => void;
}

export class Transport {
  private readonly _queue: Queue;
  private readonly _pacer: Pacer;
  private readonly _fetch: typeof fetch | undefined;
  private readonly _batch: boolean;
  /** This page's record in the origin's shared spool. */
  private readonly _page = randomHex(8);
  private readonly _offOnline: () => void;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight = 0;
  /** Entries of the requests in flight, until they settle. */
  private _flying: Entry[] = [];
  private _keepaliveBytes = 0;
  private _pausedUntil = 0;
  private _failures = 0;
  /** Server clock minus ours, when they disagree by more than the tolerance (batch dialect). */
  private _skew = 0;
  private _spooled = false;
  private _closed = false;
  private _idle: Array<() => void> = [];
  /** Drops not yet in a report, and reports not yet acknowledged (batch dialect). */
  private _fresh: Partial<Record<DropReason, number>> = {};
  private _reports: DropReport[] = [];

  constructor(private readonly _o: TransportOptions) {
    this._queue = new Queue(_o.maxQueueBytes);
    this._pacer = new Pacer(_o.maxRequestsPerMinute);
    this._batch = _o.dialect === 'batch';
    // Keep the page's fetch as it is now, before breadcrumbs wrap it: the SDK's own
    // requests never show up as the page's network activity.
    this._fetch = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;
    this._offOnline = onOnline(() => this._schedule(0));
  }

  enqueue(kind: Entry['_kind'], body: string): boolean {
    return !this._closed && this._add(kind, body, Date.now());
  }

  /** Counts items that passed the gates but will not be delivered; the batch dialect reports them. */
  drop(reason: DropReason, count: number): void {
    this._o.log(`dropped ${count} item(s): ${reason}`);
    if (this._batch) this._fresh[reason] = (this._fresh[reason] || 0) + count;
    try {
      this._o.onDrop?.(reason, count);
    } catch {
      // A drop counter never breaks delivery.
    }
  }

  /** Queues what earlier pages of this origin left in the spool; called once, at init. */
  replay(): void {
    guard(this._o.log, 'spool replay', () => {
      const now = Date.now();
      for (const { e, d } of takeSpool()) {
        for (const [kind, body, at] of e) {
          if (now - at > this._o.maxSpoolAgeMs) this.drop('too_old', 1);
          else this._add(kind, body, at);
        }
        if (this._batch) this._reports.push(...d);
      }
      this._reports.splice(0, this._reports.length - MAX_DROP_REPORTS);
    });
  }

  /** Page exit: send what the pace and the keepalive budget allow, now, synchronously; spool the rest. */
  exit(): void {
    const now = Date.now();
    // The last request failed, or the browser is offline: what went out now would be lost.
    const failing = this._failures > 0 || isOffline();
    while (!failing && this._pacer.available(now)) {
      const group = this._take(Math.min(MAX_BATCH_BYTES, KEEPALIVE_BUDGET - this._keepaliveBytes));
      // Once nothing else is queued, a batch may go with drop counts alone.
      const countsOnly = !group.length;
      if (countsOnly && !(this._batch && !this._queue.length && this._report())) break;
      this._send(group, now, true);
      if (countsOnly) break;
    }
    this._spool(failing);
  }

  /** Resolves true once the queue is empty and nothing is in flight, false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean> {
    if (this._isIdle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this._idle = this._idle.filter((w) => w !== onIdle);
        resolve(value);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this._idle.push(onIdle);
      // Someone waits: a batch goes now instead of waiting to fill.
      clearTimeout(this._timer);
      this._timer = undefined;
      guard(this._o.log, 'flush', () => this._pump());
    });
  }

  /** Discards every queued item of a kind (consent revoked), counting them; returns how many. */
  discard(kind: Entry['_kind'], reason: DropReason = 'consent_revoked'): number {
    const count = this._queue.remove((entry) => entry._kind === kind);
    if (count) this.drop(reason, count);
    this._notifyIdle();
    return count;
  }

  close(): void {
    this._closed = true;
    clearTimeout(this._timer);
    this._offOnline();
  }

  private _add(kind: Entry['_kind'], body: string, queuedAt: number): boolean {
    if (this._queue.push({ _kind: kind, _body: body, _size: byteLength(body), _attempts: 0, _at: queuedAt })) {
      this._schedule(0);
      return true;
    }
    this.drop('queue_full', 1);
    return false;
  }

  private _isIdle(): boolean {
    return this._queue.length === 0 && this._inFlight === 0;
  }

  private _notifyIdle(): void {
    if (!this._isIdle()) return;
    const waiters = this._idle;
    this._idle = [];
    for (const w of waiters) w();
  }

  private _schedule(delay: number): void {
    if (this._closed || this._timer !== undefined) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      guard(this._o.log, 'delivery', () => this._pump());
    }, delay);
  }

  private _pump(): void {
    const q = this._queue;
    if (this._closed || this._inFlight || !q.length || isOffline()) return;
    const now = Date.now();
    // A batch waits a little for company, unless it is already full or flush() waits.
    const fill = this._batch && !this._idle.length && q.bytes < MAX_BATCH_BYTES ? q.peek()!._at + this._o.batchDelayMs - now : 0;
    const wait = Math.max(this._pausedUntil - now, this._pacer.delay(now), fill);
    if (wait > 0) return this._schedule(wait);
    const group = this._take(MAX_BATCH_BYTES);
    // An item larger than any batch still goes, alone: the server's answer decides its fate.
    this._send(group.length ? group : [q.shift()!], now);
  }

  /** The next request's entries: the head one in the stock dialect, what fits `max` bytes in a batch. */
  private _take(max: number): Entry[] {
    const q = this._queue;
    const group: Entry[] = [];
    let bytes = ENVELOPE_BYTES;
    while (q.length && (this._batch || !group.length) && (bytes += q.peek()!._size + ITEM_OVERHEAD) <= max) group.push(q.shift()!);
    return group;
  }

  /** The drop report the next batch carries: the oldest unacknowledged one, else the fresh counts. */
  private _report(): DropReport | undefined {
    if (!this._reports.length && Object.keys(this._fresh).length) {
      this._reports.push({ i: randomHex(), c: this._fresh });
      this._fresh = {};
    }
    return this._reports[0];
  }

  private _send(group: Entry[], now: number, exit?: boolean): void {
    const o = this._o;
    const batch = this._batch;
    const skew = this._skew;
    const auth = authenticate(o.appId, o.appSecret, now + skew);
    const report = batch ? this._report() : undefined;
    const body = batch ? batchBody(group, now, report) : group[0]._body;
    const bytes = byteLength(body);
    const { url, headers } = batch ? { url: batchUrl(o.host, auth), headers: undefined } : stockRequest(o.host, group[0]._kind, auth);
    this._pacer.record(now);
    for (const entry of group) entry._attempts++;
    const beaconed = exit && batch;
    if (beaconed && beacon(url, body)) {
      // Queued by the browser: as far as this page can know, delivered.
      this._keepaliveBytes += bytes;
      setTimeout(() => (this._keepaliveBytes -= bytes), BEACON_HOLD_MS);
      return this._ack(report);
    }
    if (!this._fetch) return this.drop('no_fetch', group.length);
    // keepalive whenever the budget allows, so a request in flight survives the page's end.
    const keepalive = this._keepaliveBytes + bytes <= KEEPALIVE_BUDGET;
    if (keepalive) this._keepaliveBytes += bytes;
    this._inFlight++;
    // A refused beacon means the browser's budget is fuller than we know: the fallback may fail too.
    for (const entry of group) entry._doubtful = beaconed || !keepalive;
    this._flying.push(...group);
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timeout = setTimeout(() => controller?.abort(), REQUEST_TIMEOUT_MS);
    const settle = (status: number, res?: Response, rejected = 0) =>
      guard(o.log, 'delivery', () => {
        clearTimeout(timeout);
        this._inFlight--;
        if (keepalive) this._keepaliveBytes -= bytes;
        this._flying = this._flying.filter((entry) => !group.includes(entry));
        this._settle(group, status, res?.headers, skew, report, rejected);
        this._notifyIdle();
        this._schedule(0);
      });
    let request: Promise<Response>;
    try {
      request = this._fetch(url, { method: 'POST', body, headers, keepalive, credentials: 'omit', mode: 'cors', signal: controller?.signal });
    } catch (error) {
      request = Promise.reject(error);
    }
    // A failure waits a task before it counts: Chrome rejects every pending fetch when the page
    // is left, keepalive ones too, although they go on and reach the server. When the page is
    // really leaving, the exit handler runs first and the failure is never seen.
    request.then(async (res) => {
      let rejected = 0;
      try {
        // The batch answer names the items the server refused (final, like a 4xx).
        rejected = (await res.json()).rejected.length || 0;
      } catch {
        // No JSON, or the stock dialect's answer.
      }
      settle(res.status, res, rejected);
    }, () => setTimeout(settle, 0, 0));
  }

  private _settle(group: Entry[], status: number, headers: Headers | undefined, skew: number, report: DropReport | undefined, rejected: number): void {
    const now = Date.now();
    this._skew = clockSkew(headers?.get('Date'), now);
    if (status >= 200 && status < 300) {
      this._failures = 0;
      this._ack(report);
      if (rejected) this.drop('rejected', rejected);
      // The page went hidden once and came back: keep the spool a mirror of what is unsent.
      if (this._spooled) this._spool(false);
      return;
    }
    // Signed with a clock the server's Date shows off by more than its window: once more, corrected.
    if (status === 401 && Math.abs(this._skew - skew) > CLOCK_TOLERANCE_MS) return this._requeue(group);
    if (!isRetryable(status)) {
      this._o.log(`server answered ${status}: not retried`);
      return this.drop('final_4xx', group.length);
    }
    this._failures++;
    const wait = Math.max(backoffDelay(this._failures), parseRetryAfter(headers?.get('Retry-After'), now));
    this._pausedUntil = Math.max(this._pausedUntil, now + wait);
    this._o.log(`send failed (${status || 'network'}), retry in ${wait} ms`);
    const spent = group.filter((entry) => entry._attempts >= this._o.maxAttempts);
    if (spent.length) this.drop('retries_exhausted', spent.length);
    this._requeue(group.filter((entry) => !spent.includes(entry)));
  }

  /** Puts entries back at the head, in order: a retry keeps its place in line. */
  private _requeue(group: Entry[]): void {
    for (let i = group.length; i--; ) this._queue.unshift(group[i]);
  }

  private _ack(report: DropReport | undefined): void {
    this._reports = this._reports.filter((r) => r !== report);
  }

  /** Mirrors what is unsent into the spool for the next page load, or clears this page's record. */
  private _spool(failing: boolean): void {
    // In flight: kept when the server is failing, or when the request may not outlive the page.
    const left = this._flying.filter((entry) => failing || entry._doubtful).concat(this._queue.list);
    const reports = Object.keys(this._fresh).length ? this._reports.concat({ i: randomHex(), c: { ...this._fresh } }) : this._reports;
    // Nothing to keep and nothing kept before: storage is not touched.
    if (!left.length && !reports.length && !this._spooled) return;
    const entries = left.map((e): SpooledEntry => [e._kind, e._body, e._at]);
    this._spooled = writeSpool(this._page, entries, reports, this._o.maxSpoolBytes);
  }
}
