// Every field is bounded, and a whole request body stays under MAX_BODY_BYTES. A cut
// field ends with TRUNCATED_MARK and is named in the item's `truncated` list.
import { byteLength } from '../tools/env';
import { V8_FIRST_FRAME, type Cause, type ErrorDraft } from '../tools/types';
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


/**
 * Capture keeps texts up to this many times their limits; the build scrubs, then cuts to the
 * limit: a secret the final cut would halve (`user:pass@`, a JWT) was scrubbed whole.
 */
const SCRUB_MARGIN = 2;

/**
 * Cuts a draft's text at capture, before anything keeps it: a draft may wait for consent or for
 * the next task, and a 50 MB message must not wait with it.
 */
export function boundDraft(draft: ErrorDraft): ErrorDraft {
  const truncated: string[] = [];
  const fields = draft as unknown as Record<string, unknown>;
  limitField(fields, 'message', SCRUB_MARGIN * LIMITS.message, truncated);
  // V8's stack starts with the message: a long one would fill the stack's limit and leave no
  // frame. That head is cut to the message's limit instead (the gates look for the first frame
  // within 4 000 characters; the build halves a cut head once scrubbed).
  const stack = draft.stack;
  const frames = stack.indexOf(V8_FIRST_FRAME);
  if (frames > LIMITS.message) (draft.stack = cut(stack.slice(0, frames), LIMITS.message) + copyOf(stack.slice(frames, frames + SCRUB_MARGIN * LIMITS.stack))), truncated.push('stack');
  limitField(fields, 'stack', SCRUB_MARGIN * LIMITS.stack, truncated);
  if (draft.cause) draft.cause = draft.cause.map((c) => limitCause(c, SCRUB_MARGIN, truncated));
  if (truncated.length) draft.truncated = truncated;
  return draft;
}

/** A cause cut to `scale` times its limits; a cut one is named `cause`. */
export function limitCause(c: Cause, scale: number, truncated: string[]): Cause {
  const message = cut(c.message, scale * LIMITS.causeMessage);
  const stack = c.stack && cut(c.stack, scale * LIMITS.causeStack);
  if (message != c.message || stack != c.stack) named(truncated, 'cause');
  return { message, stack };
}

/** Names `field` in `truncated`, once. */
export const named = (truncated: string[], field: string): unknown => truncated.includes(field) || truncated.push(field);

/** Cuts a string field of `target` in place and records the field name when it was cut. */
export function limitField(target: Record<string, unknown>, field: string, max: number, truncated: string[]): void {
  const value = target[field];
  if (typeof value !== 'string' || value.length <= max) return;
  target[field] = cut(value, max);
  named(truncated, field);
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
