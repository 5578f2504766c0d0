// The delivery engine: queue ► scheduler ► dialect ► send ► retry ► spool. It knows no
// dialect by name: the one in its options builds the requests (dialect.ts). While the page
// lives, one request is in flight at a time (natural backpressure against a slow server) and
// a request with room for more waits a few seconds to fill. At page exit, everything the pace
// and the keepalive budget allow goes out at once; what is left is spooled for the next page.
// A beacon's fate is invisible: what it carried stays in the spool too, until a later request
// of this page succeeds (the server was there), else it is sent again by the next page load.
import { Queue, type Entry } from './queue';
import { scheduler, type Scheduler } from './scheduler';
import type { Dialect, Endpoint } from './dialect';
import { drops, type Drops, type DropReason, type DropReport } from './drops';
import { keepaliveBudget, MAX_REQUEST_BYTES } from './keepalive';
import { requester, type Post } from './request';
import { beacon } from './beacon';
import { FAST_RETRY_WINDOW_MS, isRetryable, retryDelay } from './retry';
import { CLOCK_TOLERANCE_MS, clockSkew } from './clock';
import { isOffline, onOnline } from './online';
import { readSpool, takeSpool, writeSpool, type SpooledEntry } from './spool';
import { byteLength, randomHex } from '../tools/env';
import { guard } from '../tools/guard';
import type { Logger } from '../tools/logger';

export type { DropReason };

export interface TransportOptions extends Endpoint {
  dialect: Dialect;
  maxRequestsPerMinute: number;
  maxQueueBytes: number;
  maxAttempts: number;
  batchDelayMs: number;
  maxSpoolBytes: number;
  maxSpoolAgeMs: number;
  log: Logger;
  onDrop?: (reason: DropReason, count: number) => void;
  /** The server refused these entries for good with 403 (a stock server: an event name not on its whitelist). */
  onForbidden?: (entries: Entry[]) => void;
  /** The page's fetch as it was before any part wrapped it (the root takes it at init; the transport may be made later). */
  post?: Post;
}

export class Transport {
  private readonly _queue: Queue;
  private readonly _sched: Scheduler;
  private readonly _drops: Drops;
  private readonly _budget = keepaliveBudget();
  private readonly _post: Post | undefined;
  /** This page's record in the origin's shared spool. */
  private readonly _page = randomHex(8);
  private readonly _offOnline: () => void;
  private _inFlight = 0;
  /** Entries of the requests in flight, until they settle. */
  private _flying: Entry[] = [];
  /** Failed requests in a row, and when the first of them failed. */
  private _failures = 0;
  /** Set by the first failure of a row, before it is read. */
  private _outage!: number;
  /** Sent by beacon at page exit, delivery unknown: spooled until a later request succeeds (the newest MAX_REQUEST_BYTES). */
  private _unconfirmed: Entry[] = [];
  /** Server clock minus ours, when they disagree by more than the tolerance (read from the answers' Date). */
  private _skew = 0;
  // Undefined (false) until set: no initialiser to ship.
  private _spooled?: boolean;
  private _closed?: boolean;

  constructor(private readonly _o: TransportOptions) {
    // Taken before breadcrumbs or trace context wrap the page's fetch: the SDK's own requests are not the page's.
    this._post = _o.post || requester();
    this._queue = new Queue(_o.maxQueueBytes);
    this._sched = scheduler(_o.maxRequestsPerMinute, _o.batchDelayMs, () => this._pump(), _o.log);
    this._drops = drops(_o.dialect._drops, _o.log, _o.onDrop);
    this._offOnline = onOnline(() => this._sched._soon(0));
  }

  enqueue(kind: Entry['_kind'], body: string): boolean {
    return !this._closed && this._add(kind, body, Date.now());
  }

  /** Counts items that passed the gates but will not be delivered (reported to the server where the dialect can). */
  drop(reason: DropReason, count: number): void {
    this._drops._count(reason, count);
  }

  /** Queues what earlier pages of this origin left in the spool; called once, at init. */
  replay(): void {
    guard(this._o.log, 'spool replay', () => {
      const now = Date.now();
      for (const { e, d } of takeSpool(this._o.maxSpoolBytes, this._invalid)) {
        for (const [kind, body, at] of e) {
          if (now - at > this._o.maxSpoolAgeMs) this.drop('too_old', 1);
          else this._add(kind, body, at);
        }
        this._drops._restore(d);
      }
    });
  }

  /** Page exit: send what the pace and the keepalive budget allow, now, synchronously; spool the rest. */
  exit(): void {
    const now = Date.now();
    // The last request failed, or the browser is offline: what went out now would be lost.
    const failing = this._failures > 0 || isOffline();
    let sent = false;
    while (!failing && this._sched._pacer.available(now)) {
      const group = this._take(Math.min(MAX_REQUEST_BYTES, this._budget._free()));
      // Once nothing else is queued, a request may go with drop counts alone (once).
      const countsOnly = !group.length;
      if (countsOnly && (sent || this._queue.length || !this._drops._next())) break;
      this._send(group, now, true);
      sent = true;
      if (countsOnly) break;
    }
    this._spool(failing);
  }

  /** Resolves true once the queue is empty and nothing is in flight, false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean> {
    return this._isIdle() ? Promise.resolve(true) : this._sched._flush(timeoutMs);
  }

  /**
   * Consent revoked for a kind (`error` takes the repeat items too): its queued items are discarded
   * and counted; those in flight are delivered if their request succeeds, and discarded and counted
   * if it fails, never retried or spooled; those beaconed are no longer kept for a re-send.
   * Returns how many were discarded now.
   */
  discard(kind: 'error' | 'event'): number {
    const ofKind = (entry: Entry) => (entry._kind == 'event') == (kind == 'event');
    const count = this._queue.remove(ofKind);
    if (count) this.drop('consent_revoked', count);
    for (const entry of this._flying) if (ofKind(entry)) entry._revoked = true;
    this._unconfirmed = this._unconfirmed.filter((entry) => !ofKind(entry));
    this._notifyIdle();
    return count;
  }

  close(): void {
    this._closed = true;
    this._sched._stop();
    this._offOnline();
  }

  private readonly _invalid = (count: number) => this.drop('spool_invalid', count);

  private _add(kind: Entry['_kind'], body: string, queuedAt: number): boolean {
    if (this._queue.push({ _kind: kind, _body: body, _size: byteLength(body), _attempts: 0, _at: queuedAt })) {
      this._sched._soon(0);
      return true;
    }
    this.drop('queue_full', 1);
    return false;
  }

  private _isIdle(): boolean {
    return this._queue.length === 0 && this._inFlight === 0;
  }

  private _notifyIdle(): void {
    if (this._isIdle()) this._sched._idle();
  }

  private _pump(): void {
    const q = this._queue;
    if (this._closed || this._inFlight || !q.length || isOffline()) return;
    const now = Date.now();
    // A request with room for more waits a little for company (the scheduler knows how long).
    const room = q.length < this._o.dialect._perRequest && q.bytes < MAX_REQUEST_BYTES;
    const wait = this._sched._delay(now, room ? q.peek()!._at : undefined);
    if (wait > 0) return this._sched._soon(wait);
    const group = this._take(MAX_REQUEST_BYTES);
    // An item larger than any request still goes, alone: the server's answer decides its fate.
    this._send(group.length ? group : [q.shift()!], now);
  }

  /** The next request's entries: as many as the dialect puts in one request and `max` bytes hold. */
  private _take(max: number): Entry[] {
    const q = this._queue;
    const d = this._o.dialect;
    const group: Entry[] = [];
    let bytes = d._envelope;
    while (q.length && group.length < d._perRequest && (bytes += q.peek()!._size + d._perItem) <= max) group.push(q.shift()!);
    return group;
  }

  private _send(group: Entry[], now: number, exit?: boolean): void {
    const o = this._o;
    const d = o.dialect;
    const skew = this._skew;
    const report = this._drops._next();
    const { url, body, headers } = d._build(o, group, now, now + skew, report);
    const bytes = byteLength(body);
    this._sched._pacer.record(now);
    for (const entry of group) entry._attempts++;
    const beaconed = exit && d._beacon;
    if (beaconed && beacon(url, body)) {
      // Queued by the browser, but a dead server would go unnoticed: kept (and the drop report
      // unacknowledged) for the spool; the ids make a re-send harmless.
      this._budget._hold(bytes);
      // The last MAX_REQUEST_BYTES of them at most: a re-send costs at most one exit's worth.
      const u = this._unconfirmed;
      u.push(...group);
      for (let kept = u.reduce((sum, e) => sum + e._size, 0); kept > MAX_REQUEST_BYTES; ) kept -= u.shift()!._size;
      return;
    }
    if (!this._post) return this.drop('no_fetch', group.length);
    // keepalive whenever the budget allows, so a request in flight survives the page's end.
    const keepalive = this._budget._take(bytes);
    this._inFlight++;
    // A refused beacon means the browser's budget is fuller than we know: the fallback may fail too.
    for (const entry of group) entry._doubtful = beaconed || !keepalive;
    this._flying.push(...group);
    this._post(url, { method: 'POST', body, headers, keepalive, credentials: 'omit', mode: 'cors' }, d._refused, (status, answer, refused) =>
      guard(o.log, 'delivery', () => {
        this._inFlight--;
        if (keepalive) this._budget._give(bytes);
        this._flying = this._flying.filter((entry) => !group.includes(entry));
        this._settle(group, status, answer?.headers, skew, report, refused!, now);
        this._notifyIdle();
        this._sched._soon(0);
      }),
    );
  }

  private _settle(group: Entry[], status: number, headers: Headers | undefined, skew: number, report: DropReport | undefined, refused: number, sentAt: number): void {
    const now = Date.now();
    this._skew = clockSkew(headers?.get('Date'), now);
    if (status >= 200 && status < 300) {
      this._failures = 0;
      // The server answers: what the last exit's beacons carried is taken as delivered.
      this._unconfirmed = [];
      this._drops._ack(report);
      if (refused) this.drop('rejected', refused);
      // The page went hidden once and came back: keep the spool a mirror of what is unsent.
      if (this._spooled) this._spool(false);
      return;
    }
    // Signed with a clock the server's Date shows off by more than its window: once more, corrected.
    if (status === 401 && Math.abs(this._skew - skew) > CLOCK_TOLERANCE_MS) return this._requeue(group);
    if (!isRetryable(status)) {
      this._o.log(`server answered ${status}: not retried`);
      if (status === 403) guard(this._o.log, 'refused', () => this._o.onForbidden?.(group));
      return this.drop('final_4xx', group.length);
    }
    if (!this._failures++) this._outage = now;
    const young = now - this._outage < FAST_RETRY_WINDOW_MS;
    const wait = retryDelay(this._failures, headers?.get('Retry-After'), now, young);
    this._sched._pause(now + wait);
    this._o.log(`send failed (${status || 'network'}), retry in ${wait} ms`);
    // A network failure reached no server that counts it: it spends no pace, and while the
    // outage is young (probed every few seconds) no attempt either.
    if (!status) {
      this._sched._pacer.forget(sentAt);
      if (young) for (const entry of group) entry._attempts--;
    }
    // One revoked in flight is counted as revoked (_requeue), whatever its attempts.
    const spent = group.filter((entry) => !entry._revoked && entry._attempts >= this._o.maxAttempts);
    if (spent.length) this.drop('retries_exhausted', spent.length);
    this._requeue(group.filter((entry) => !spent.includes(entry)));
  }

  /** Puts entries back at the head, in order: a retry keeps its place in line. Those revoked in flight are dropped. */
  private _requeue(group: Entry[]): void {
    const revoked = group.filter((entry) => entry._revoked).length;
    if (revoked) this.drop('consent_revoked', revoked);
    for (let i = group.length; i--; ) if (!group[i]._revoked) this._queue.unshift(group[i]);
  }

  /** Mirrors what is unsent into the spool for the next page load, or clears this page's record. */
  private _spool(failing: boolean): void {
    // In flight: kept when the server is failing, or when the request may not outlive the page.
    const left = this._flying.filter((entry) => !entry._revoked && (failing || entry._doubtful)).concat(this._queue.list);
    const sent = this._unconfirmed;
    // Nothing to keep and nothing kept before: storage is not touched.
    if (!left.length && !sent.length && !this._drops._unsent().length && !this._spooled) return;
    const max = this._o.maxSpoolBytes;
    // Read first: what is invalid in storage is counted before this page's counts are written.
    const [spool] = readSpool(max, this._invalid);
    const spooled = (list: Entry[]) => list.map((e): SpooledEntry => [e._kind, e._body, e._at]);
    this._spooled = writeSpool(spool, this._page, spooled(left), this._drops._unsent(), max, spooled(sent));
  }
}
