// Every field is bounded, and a whole request body stays under MAX_BODY_BYTES. A cut
// field ends with TRUNCATED_MARK and is named in the item's `truncated` list.
import { byteLength } from '../core/env';

export const LIMITS = {
  message: 2000,
  stack: 8000,
  url: 2000,
  causeMessage: 1000,
  causeStack: 2000,
  metadataBytes: 8 * 1024,
  /** The whole JSON body of one item, in UTF-8 bytes. */
  bodyBytes: 16 * 1024 - 1,
};

export const TRUNCATED_MARK = '…[truncated]';

/** Cuts `text` to at most `max` UTF-16 units (mark included), never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - TRUNCATED_MARK.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + TRUNCATED_MARK;
}

/** Cuts a string field of `target` in place and records the field name when it was cut. */
export function limitField(target: Record<string, unknown>, field: string, max: number, truncated: string[]): void {
  const value = target[field];
  if (typeof value !== 'string' || value.length <= max) return;
  target[field] = cut(value, max);
  if (!truncated.includes(field)) truncated.push(field);
}

/**
 * Serialises `item`, shrinking it step by step until its body fits: each step gives up the
 * least valuable remaining detail first. Returns the JSON text.
 */
export function fitBody(item: Record<string, unknown>, shrinkSteps: Array<() => boolean>, maxBytes = LIMITS.bodyBytes): string {
  let json = JSON.stringify(item);
  for (const step of shrinkSteps) {
    // Loop each step while it still helps: most steps halve something.
    while (byteLength(json) > maxBytes && step()) json = JSON.stringify(item);
  }
  return json;
}
