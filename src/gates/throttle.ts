// A fingerprint is reported at most once per window; repeats inside the window are counted
// and the count rides on the next report of that fingerprint as `repeat`. The table is a
// bounded LRU (a Map keeps insertion order: re-inserting on use makes the first entry the
// least recently seen).

export const MAX_FINGERPRINTS = 500;

interface Entry {
  sentAt: number;
  suppressed: number;
}

export class Throttle {
  private readonly _seen = new Map<string, Entry>();

  constructor(
    private readonly _windowMs: number,
    private readonly _maxEntries = MAX_FINGERPRINTS,
  ) {}

  /** The `repeat` count to send with this report, or -1 when it must be suppressed. */
  admit(key: string, now: number): number {
    const entry = this._seen.get(key);
    if (entry) {
      this._seen.delete(key);
      this._seen.set(key, entry);
      if (now - entry.sentAt < this._windowMs) {
        entry.suppressed++;
        return -1;
      }
      const repeat = entry.suppressed;
      entry.sentAt = now;
      entry.suppressed = 0;
      return repeat;
    }
    if (this._seen.size >= this._maxEntries) this._seen.delete(this._seen.keys().next().value as string);
    this._seen.set(key, { sentAt: now, suppressed: 0 });
    return 0;
  }

  get size(): number {
    return this._seen.size;
  }
}
