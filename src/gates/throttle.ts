// A fingerprint is reported at most once per window; repeats inside the window are counted.
// By default the count rides on the next report of that fingerprint as `repeat`. With a sink
// (a dialect that carries repeat items: batch), the pending count goes out on its own when
// the window ends or on flush() (page exit), whichever is first, so an error thrown 100 times
// and never again still counts 100. The table is a bounded LRU (a Map keeps insertion order:
// re-inserting on use makes the first entry the least recently seen).

export const MAX_FINGERPRINTS = 500;

/** Receives a pending count: the fingerprint, how many were suppressed, the last one's time, type and message. */
export type RepeatSink = (key: string, count: number, last: number, type: string, message: string) => void;

interface Entry {
  /** When the window opened (the last report sent). */
  _at: number;
  /** Repeats suppressed since. */
  _n: number;
  /** The last repeat: time, type, message. */
  _last?: [number, string, string];
  /** The timer that sends the pending count when the window ends (with a sink). */
  _timer?: ReturnType<typeof setTimeout>;
}

export class Throttle {
  private readonly _seen = new Map<string, Entry>();
  /** Set by the root when the dialect carries repeat items. */
  _sink?: RepeatSink;

  constructor(
    private readonly _windowMs: number,
    private readonly _maxEntries = MAX_FINGERPRINTS,
  ) {}

  /** The `repeat` count to send with this report, or -1 when it must be suppressed. `type`/`message` feed the sink. */
  admit(key: string, now: number, type?: string, message?: string): number {
    const entry = this._seen.get(key);
    if (entry) {
      this._seen.delete(key);
      this._seen.set(key, entry);
      const at = entry._at;
      if (now - at < this._windowMs) {
        // With a sink: the first repeat of a window sets the timer that sends the count when that
        // window ends, and the last repeat's text is kept for it (at most 500 messages of 4 000 characters, as captured).
        if (!entry._n++ && this._sink) entry._timer = setTimeout(() => entry._at == at && this._out(key, entry), at + this._windowMs - now);
        if (this._sink) entry._last = [now, type!, message!];
        return -1;
      }
      // The window is over (its timer may be late): the count goes out before the new report, which then carries 0.
      this._out(key, entry);
      const repeat = entry._n;
      entry._at = now;
      entry._n = 0;
      return repeat;
    }
    if (this._seen.size >= this._maxEntries) {
      // The least recently seen goes, its pending count sent now: flush() would no longer see it,
      // and its timer would keep it (and its message) alive past the table's bound.
      const [oldest, old] = this._seen.entries().next().value!;
      clearTimeout(old._timer);
      this._out(oldest, old);
      this._seen.delete(oldest);
    }
    this._seen.set(key, { _at: now, _n: 0 });
    return 0;
  }

  /** Sends every pending count to the sink now (page exit). */
  _flush(): void {
    this._seen.forEach((entry, key) => this._out(key, entry));
  }

  get size(): number {
    return this._seen.size;
  }

  private _out(key: string, entry: Entry): void {
    if (this._sink && entry._n) {
      this._sink(key, entry._n, ...entry._last!);
      entry._n = 0;
    }
  }
}
