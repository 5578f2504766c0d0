// The send queue, bounded in bytes. When full, the incoming item is refused (and counted
// by the caller): the first errors of a storm are usually the cause, the rest its echo.

export interface Entry {
  kind: 'error' | 'event';
  /** The item's JSON body. */
  body: string;
  bytes: number;
  attempts: number;
  queuedAt: number;
}

export class Queue {
  private _items: Entry[] = [];
  private _bytes = 0;

  constructor(private readonly _maxBytes: number) {}

  push(entry: Entry): boolean {
    if (this._bytes + entry.bytes > this._maxBytes) return false;
    this._items.push(entry);
    this._bytes += entry.bytes;
    return true;
  }

  /** Puts an entry back at the head, for a retry: it keeps its place in line. */
  unshift(entry: Entry): void {
    this._items.unshift(entry);
    this._bytes += entry.bytes;
  }

  peek(): Entry | undefined {
    return this._items[0];
  }

  shift(): Entry | undefined {
    const entry = this._items.shift();
    if (entry) this._bytes -= entry.bytes;
    return entry;
  }

  /** Removes the entries `drop` selects; returns how many went. */
  remove(drop: (entry: Entry) => boolean): number {
    const before = this._items.length;
    this._items = this._items.filter((entry) => !drop(entry));
    this._bytes = this._items.reduce((sum, entry) => sum + entry.bytes, 0);
    return before - this._items.length;
  }

  drain(): Entry[] {
    const items = this._items;
    this._items = [];
    this._bytes = 0;
    return items;
  }

  get length(): number {
    return this._items.length;
  }

  get bytes(): number {
    return this._bytes;
  }
}
