// The send queue, bounded in bytes. When full, the incoming item is refused (and counted
// by the caller): the first errors of a storm are usually the cause, the rest its echo.

/** One queued item. Private names (leading underscore): the minifier shortens them. */
export interface Entry {
  /** `repeat`: a throttled fingerprint's pending count (dialects that carry them: batch). */
  _kind: 'error' | 'event' | 'repeat';
  /** The item's JSON body. */
  _body: string;
  /** Its UTF-8 size. */
  _size: number;
  _attempts: number;
  /** When it was queued (ms epoch); kept through the spool. */
  _at: number;
  /** In flight in a way that may not outlive the page (no keepalive, or after a refused beacon). */
  _doubtful?: boolean;
  /** Discarded while in flight (consent revoked): if its request fails, it is not tried again. */
  _revoked?: boolean;
}

export class Queue {
  private _items: Entry[] = [];
  private _bytes = 0;

  constructor(private readonly _maxBytes: number) {}

  push(entry: Entry): boolean {
    if (this._bytes + entry._size > this._maxBytes) return false;
    this._items.push(entry);
    this._bytes += entry._size;
    return true;
  }

  /** Puts an entry back at the head, for a retry: it keeps its place in line. */
  unshift(entry: Entry): void {
    this._items.unshift(entry);
    this._bytes += entry._size;
  }

  peek(): Entry | undefined {
    return this._items[0];
  }

  shift(): Entry | undefined {
    const entry = this._items.shift();
    if (entry) this._bytes -= entry._size;
    return entry;
  }

  /** Removes the entries `drop` selects; returns how many went. */
  remove(drop: (entry: Entry) => boolean): number {
    const before = this._items.length;
    this._items = this._items.filter((entry) => !drop(entry));
    this._bytes = this._items.reduce((sum, entry) => sum + entry._size, 0);
    return before - this._items.length;
  }

  /** The queued entries, oldest first (read only). */
  get list(): readonly Entry[] {
    return this._items;
  }

  get length(): number {
    return this._items.length;
  }

  get bytes(): number {
    return this._bytes;
  }
}
