// Bounded strings: what the SDK keeps or sends is cut to a limit, and says so. A cut is a
// copy: V8 makes `slice()` of a long string a view that keeps the whole parent alive, so
// keeping a 2 000-character slice of a 50 MB message would keep all 50 MB.

export const TRUNCATED_MARK = '…[truncated]';

/**
 * The first `length` characters as a string of their own. Concatenating builds a cons string
 * that `slice` flattens into a fresh copy; the view of the parent is then let go.
 */
export function copyOf(text: string, length: number = text.length): string {
  return (' ' + text.slice(0, length)).slice(1);
}

/** Cuts `text` to at most `max` UTF-16 units (mark included; every limit is longer than the mark), never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - TRUNCATED_MARK.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return copyOf(text, end) + TRUNCATED_MARK;
}
