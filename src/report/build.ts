// Turns a captured draft into the full report: frames, context, scrubbed URL, limits.
// This is deferred work: it runs after the event that caused it, or at page exit.
import type { ErrorDraft, ErrorItem, EventItem } from '../tools/types';
import { parseFrames } from './stack';
import { scrubUrl, scrubUrlsIn } from './scrub';
import { LIMITS, cut, fitBody, limitField } from './limits';
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

/** An error's message as reports carry it (a `repeat` item too: the server groups by it). Messages carry URLs too (a failed resource's URL is its message). */
export const errorMessage = (message: string): string => scrubUrlsIn(message) || '(no message)';

/**
 * Builds an error item and its JSON body, within every limit. The draft's texts were cut at
 * capture (boundDraft, which names them in `draft.truncated`); what scrubbing lengthens is cut again here.
 */
export function buildError(draft: ErrorDraft, repeat: number, id: string, ctx: ReportContext): { item: ErrorItem; json: string } {
  const truncated: string[] = draft.truncated ? draft.truncated.slice() : [];
  const item: ErrorItem = {
    ...base(ctx, id, draft.time),
    ...draft.extra,
    type: draft.type,
    message: errorMessage(draft.message),
    stack: scrubUrlsIn(draft.stack),
    url: scrubUrl(ctx.url),
    frames: parseFrames(draft.stack, ctx.origin),
    repeat,
    userId: ctx.userId,
  };
  // A report's own tags (reportError's object form) over the ones set with setTag().
  if (draft.extra?.tags) item.tags = { ...(ctx.extra?.tags as object), ...(draft.extra.tags as object) };
  if (draft.cause) item.cause = draft.cause.map((c) => ({ message: scrubUrlsIn(c.message), stack: c.stack && scrubUrlsIn(c.stack) }));
  limitField(item, 'message', LIMITS.message, truncated);
  limitField(item, 'stack', LIMITS.stack, truncated);
  limitField(item, 'url', LIMITS.url, truncated);
  for (const frame of item.frames) frame.file = cut(scrubUrl(frame.file), LIMITS.url);
  if (truncated.length) item.truncated = truncated;

  const mark = (field: string) => {
    if (!truncated.includes(field)) truncated.push(field);
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
