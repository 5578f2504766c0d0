// Turns a captured draft into the full report: frames, context, scrubbed URL, limits.
// This is deferred work: it runs after the event that caused it, or at page exit.
import { V8_FIRST_FRAME, type ErrorDraft, type ErrorItem, type EventItem } from '../tools/types';
import { parseFrames } from './stack';
import { scrubUrl, scrubUrlsIn } from './scrub';
import { LIMITS, TRUNCATED_MARK, cut, fitBody, limitCause, limitField, named } from './limits';
import { REPORT_FIELDS } from './manual';
import { byteLength } from '../tools/env';
import { toJson, toJsonWithin } from '../tools/json';

export interface ReportContext {
  appId: string;
  url: string;
  page: string;
  origin: string;
  release?: string;
  environment?: string;
  userId?: string;
  /** Context fields the later stages add (session, tags, breadcrumbs...). */
  extra?: Record<string, unknown>;
}

function base(ctx: ReportContext, id: string, time: number) {
  return {
    id,
    appId: ctx.appId,
    time,
    page: ctx.page,
    release: ctx.release,
    environment: ctx.environment,
    ...ctx.extra,
  };
}

function halve(list: unknown): boolean {
  if (!Array.isArray(list) || list.length === 0) return false;
  list.splice(Math.floor(list.length / 2));
  return true;
}

/**
 * A V8 stack's head boundDraft cut (at the message's limit) is cut to this once scrubbed, in
 * UTF-16 units: half, as other texts are kept at twice their limits. It is the message, sent whole as `message`.
 */
const CUT_HEAD = LIMITS.message / 2;

/** Messages carry URLs too (a failed resource's URL is its message). */
const scrubbed = (message: string): string => scrubUrlsIn(message) || '(no message)';
/** An error's message as reports carry it (a `repeat` item too: the server groups by it). The draft keeps twice the limit (boundDraft). */
export const errorMessage = (message: string): string => cut(scrubbed(message), LIMITS.message);

/**
 * Builds an error item and its JSON body, within every limit. The draft's texts were cut at
 * capture to twice their limits (boundDraft, which names them in `draft.truncated`): they are
 * scrubbed, then cut to their limits here.
 */
export function buildError(draft: ErrorDraft, repeat: number, id: string, ctx: ReportContext): { item: ErrorItem; json: string } {
  const truncated: string[] = draft.truncated ? draft.truncated.slice() : [];
  let stack = scrubUrlsIn(draft.stack);
  const frames = stack.indexOf(V8_FIRST_FRAME);
  const head = stack.slice(0, frames);
  if (frames > 0 && head.endsWith(TRUNCATED_MARK)) stack = cut(head, CUT_HEAD) + stack.slice(frames);
  const item: ErrorItem = {
    ...base(ctx, id, draft.time),
    ...draft.extra,
    type: draft.type,
    message: scrubbed(draft.message),
    stack,
    url: scrubUrl(ctx.url),
    frames: parseFrames(draft.stack, ctx.origin),
    repeat,
    userId: ctx.userId,
  };
  // A report's own tags (reportError's object form) over the ones set with setTag().
  if (draft.extra?.tags) item.tags = { ...(ctx.extra?.tags as object), ...(draft.extra.tags as object) };
  if (draft.cause) item.cause = draft.cause.map((c) => limitCause({ message: scrubUrlsIn(c.message), stack: c.stack && scrubUrlsIn(c.stack) }, 1, truncated));
  limitField(item, 'message', LIMITS.message, truncated);
  limitField(item, 'stack', LIMITS.stack, truncated);
  limitField(item, 'url', LIMITS.url, truncated);
  for (const frame of item.frames) frame.file = cut(scrubUrl(frame.file), LIMITS.url);
  if (truncated.length) item.truncated = truncated;

  const mark = (field: string) => {
    named(truncated, field);
    item.truncated = truncated;
    return true;
  };
  const halveText = (field: 'stack' | 'message') => item[field].length > 200 && ((item[field] = cut(item[field], item[field].length >> 1)), mark(field));
  const json = fitBody(item, [
    () => halve(item.breadcrumbs) && mark('breadcrumbs'),
    () => (item.cause ? (delete item.cause, mark('cause')) : false),
    () => halveText('stack'),
    () => halve(item.frames) && mark('frames'),
    () => halveText('message'),
    () => item.url.length > 200 && ((item.url = cut(item.url, 200)), mark('url')),
    // Last, fields given whole (reportError's object form, then the tags), each dropped whole.
    ...REPORT_FIELDS.map((field) => () => item[field] != null && (delete item[field], mark(field))).reverse(),
  ]);
  return { item, json };
}

/**
 * Metadata over its limit is replaced by a note with its size in bytes, when it is at most this
 * (serialising more only to count it cost the page a long task: 80 ms for 20 MB in Chromium).
 */
export const MAX_SIZED_METADATA_BYTES = 1 << 20;

/** Builds an event item; metadata over its byte limit is replaced by a note saying so. */
export function buildEvent(
  eventName: string,
  metadata: Record<string, unknown> | undefined,
  userId: string,
  time: number,
  id: string,
  ctx: ReportContext,
): { item: EventItem; json: string } {
  const item: EventItem = { ...base(ctx, id, time), eventName: cut(eventName, 200), userId: cut(userId, 200) };
  if (metadata !== undefined) {
    let size = 0;
    try {
      const json = toJsonWithin(metadata, MAX_SIZED_METADATA_BYTES);
      size = json === undefined ? Infinity : byteLength(json);
    } catch {
      // Cyclic, or larger than is worth serialising to tell its size: no `bytes`.
      size = Infinity;
    }
    item.metadata = size <= LIMITS.metadataBytes ? metadata : { truncated: true, bytes: isFinite(size) ? size : undefined };
    if (size > LIMITS.metadataBytes) item.truncated = ['metadata'];
  }
  return { item, json: toJson(item) };
}
