// The delivery engine: queue ► pacer ► sign ► send ► retry. One request in flight while the
// page lives (natural backpressure against a slow server); at page exit, everything the
// pacer and the keepalive budget allow goes out at once.
import { Queue, type Entry } from './queue';
import { Pacer } from './pacer';
import { authenticate } from './sign';
import { stockRequest } from './stock';
import { backoffDelay, isRetryable, parseRetryAfter } from './backoff';
import { byteLength } from '../core/env';
import type { Logger } from '../core/debug';

/**
 * Browsers allow 64 KiB of keepalive request bodies in flight per page (sendBeacon shares
 * it); over it, keepalive fetch rejects. Stay a little under, for headers and rounding.
 * https://fetch.spec.whatwg.org/#http-network-or-cache-fetch (inflight keepalive bytes)
 */
export const KEEPALIVE_BUDGET = 60_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export type DropReason = 'queue_full' | 'final_4xx' | 'retries_exhausted' | 'no_fetch' | 'consent_revoked';

export interface TransportOptions {
  host: string;
  appId: string;
  appSecret: string;
  maxRequestsPerMinute: number;
  maxQueueBytes: number;
  maxAttempts: number;
  log: Logger;
  onDrop?: (reason: DropReason, count: number) => void;
}

export class Transport {
  private readonly _queue: Queue;
  private readonly _pacer: Pacer;
  private readonly _fetch: typeof fetch | undefined;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _inFlight = 0;
  private _keepaliveBytes = 0;
  private _pausedUntil = 0;
  private _failures = 0;
  private _closed = false;
  private _idle: Array<() => void> = [];

  constructor(private readonly _o: TransportOptions) {
    this._queue = new Queue(_o.maxQueueBytes);
    this._pacer = new Pacer(_o.maxRequestsPerMinute);
    // Keep the page's fetch as it is now, before breadcrumbs wrap it: the SDK's own
    // requests never show up as the page's network activity.
    this._fetch = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;
  }

  enqueue(kind: Entry['kind'], body: string): boolean {
    if (this._closed) return false;
    const entry: Entry = { kind, body, bytes: byteLength(body), attempts: 0, queuedAt: Date.now() };
    if (!this._queue.push(entry)) {
      this._drop('queue_full', 1);
      return false;
    }
    this._schedule(0);
    return true;
  }

  /** Page exit: send what the pace and the keepalive budget allow, now, synchronously. */
  exit(): void {
    const now = Date.now();
    if (now < this._pausedUntil) return; // the server asked us to wait: sending now would be refused
    while (this._queue.length && this._pacer.available(now) > 0) {
      const entry = this._queue.peek()!;
      if (this._keepaliveBytes + entry.bytes > KEEPALIVE_BUDGET) break;
      this._send(this._queue.shift()!, now);
    }
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
    });
  }

  /** Discards every queued item of a kind (consent revoked), counting them; returns how many. */
  discard(kind: Entry['kind'], reason: DropReason = 'consent_revoked'): number {
    const count = this._queue.remove((entry) => entry.kind === kind);
    if (count) this._drop(reason, count);
    this._notifyIdle();
    return count;
  }

  close(): void {
    this._closed = true;
    clearTimeout(this._timer);
  }

  get queued(): number {
    return this._queue.length;
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

  private _drop(reason: DropReason, count: number): void {
    this._o.log(`dropped ${count} item(s): ${reason}`);
    try {
      this._o.onDrop?.(reason, count);
    } catch {
      // A drop counter never breaks delivery.
    }
  }

  private _schedule(delay: number): void {
    if (this._closed || this._timer !== undefined) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      this._pump();
    }, delay);
  }

  private _pump(): void {
    if (this._closed || this._inFlight > 0 || !this._queue.length) return;
    const now = Date.now();
    const wait = Math.max(this._pausedUntil - now, this._pacer.delay(now));
    if (wait > 0) return this._schedule(wait);
    this._send(this._queue.shift()!, now);
  }

  private _send(entry: Entry, now: number): void {
    if (!this._fetch) {
      this._drop('no_fetch', 1);
      return;
    }
    const o = this._o;
    const { url, headers } = stockRequest(o.host, entry.kind, authenticate(o.appId, o.appSecret, now));
    // keepalive whenever the budget allows, so a request in flight survives the page's end.
    const keepalive = this._keepaliveBytes + entry.bytes <= KEEPALIVE_BUDGET;
    if (keepalive) this._keepaliveBytes += entry.bytes;
    this._inFlight++;
    this._pacer.record(now);
    entry.attempts++;
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timeout = setTimeout(() => controller?.abort(), REQUEST_TIMEOUT_MS);
    const settle = (status: number, retryAfter: string | null) => {
      clearTimeout(timeout);
      this._inFlight--;
      if (keepalive) this._keepaliveBytes -= entry.bytes;
      this._settle(entry, status, retryAfter);
      this._notifyIdle();
      this._schedule(0);
    };
    let request: Promise<Response>;
    try {
      request = this._fetch(url, { method: 'POST', body: entry.body, headers, keepalive, credentials: 'omit', mode: 'cors', signal: controller?.signal });
    } catch {
      request = Promise.reject();
    }
    request.then(
      (res) => settle(res.status, res.headers.get('Retry-After')),
      () => settle(0, null),
    );
  }

  private _settle(entry: Entry, status: number, retryAfter: string | null): void {
    if (status >= 200 && status < 300) {
      this._failures = 0;
      return;
    }
    if (!isRetryable(status)) {
      this._o.log(`server answered ${status}: not retried`);
      return this._drop('final_4xx', 1);
    }
    this._failures++;
    const now = Date.now();
    const wait = Math.max(backoffDelay(this._failures), parseRetryAfter(retryAfter, now));
    this._pausedUntil = Math.max(this._pausedUntil, now + wait);
    this._o.log(`send failed (${status || 'network'}), retry in ${wait} ms`);
    if (entry.attempts >= this._o.maxAttempts) return this._drop('retries_exhausted', 1);
    this._queue.unshift(entry);
  }
}
