// Bounded strings: what the SDK keeps or sends is cut to a limit, and says so.

export const TRUNCATED_MARK = '…[truncated]';

/** Cuts `text` to at most `max` UTF-16 units (mark included), never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - TRUNCATED_MARK.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + TRUNCATED_MARK;
}
