// Keeps this page under a request budget per minute (the stock server allows 60 per minute
// per IP and answers 429 beyond). A sliding log of send times, one second wider than the
// server's window, so network latency cannot squeeze 61 arrivals into the server's minute.

export const PACE_WINDOW_MS = 61_000;

export class Pacer {
  private _sent: number[] = [];

  constructor(private readonly _perWindow: number) {}

  private _expire(now: number): void {
    while (this._sent.length && this._sent[0] <= now - PACE_WINDOW_MS) this._sent.shift();
  }

  /** How many requests may go right now. */
  available(now: number): number {
    this._expire(now);
    return Math.max(0, this._perWindow - this._sent.length);
  }

  /** Milliseconds until the next request may go (0: now). */
  delay(now: number): number {
    if (this.available(now) > 0) return 0;
    return this._sent[this._sent.length - this._perWindow] + PACE_WINDOW_MS - now;
  }

  record(now: number): void {
    this._sent.push(now);
  }

  /** Takes back the request recorded at `at`: it reached no server (a network failure), so no server counted it. */
  forget(at: number): void {
    // One request: page exit records several in the same millisecond, and the others did arrive.
    const i = this._sent.indexOf(at);
    if (i >= 0) this._sent.splice(i, 1);
  }
}
