// Every field is bounded, and a whole request body stays under MAX_BODY_BYTES. A cut
// field ends with TRUNCATED_MARK and is named in the item's `truncated` list.
import { byteLength } from '../tools/env';
import type { ErrorDraft } from '../tools/types';
import { copyOf, cut } from '../tools/text';
import { toJson } from '../tools/json';

export { cut, TRUNCATED_MARK } from '../tools/text';

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

/** Where the frames of a V8 stack begin, after its first line (the error's name and message). */
const V8_FIRST_FRAME = '\n    at ';

/**
 * Cuts a draft's text to its limits at capture, before anything keeps it: a draft may wait
 * for consent or for the next task, and a 50 MB message must not wait with it.
 */
export function boundDraft(draft: ErrorDraft): ErrorDraft {
  const truncated: string[] = [];
  const fields = draft as unknown as Record<string, unknown>;
  limitField(fields, 'message', LIMITS.message, truncated);
  // V8's stack starts with the message: a long one would fill the stack's limit and leave no
  // frame. That head is cut to the message's limit instead (the message goes in its own field).
  const stack = draft.stack;
  const frames = stack.indexOf(V8_FIRST_FRAME);
  if (frames > LIMITS.message) (draft.stack = cut(stack.slice(0, frames), LIMITS.message) + copyOf(stack.slice(frames, frames + LIMITS.stack))), truncated.push('stack');
  limitField(fields, 'stack', LIMITS.stack, truncated);
  if (draft.cause) draft.cause = draft.cause.map((c) => ({ message: cut(c.message, LIMITS.causeMessage), stack: c.stack && cut(c.stack, LIMITS.causeStack) }));
  if (truncated.length) draft.truncated = truncated;
  return draft;
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
  let json = toJson(item);
  for (const step of shrinkSteps) {
    // Loop each step while it still helps: most steps halve something.
    while (byteLength(json) > maxBytes && step()) json = toJson(item);
  }
  return json;
}
