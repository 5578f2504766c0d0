// Global error sources: `error` in the capture phase (so failed loads of img, script, link,
// video and audio, which do not bubble, are seen and told apart from script errors) and
// `unhandledrejection` with any reason whatsoever.
import { listen, stopAll } from '../tools/listen';
import type { ErrorDraft } from '../tools/types';
import { describeThrown } from '../report/describe';
import { tiedTo } from './requests';
import { EARLY_SINK, type EarlyHandOver, type EarlySink } from '../tools/early';

const RESOURCE_TAGS = /^(IMG|SCRIPT|LINK|VIDEO|AUDIO|SOURCE|TRACK|EMBED|OBJECT|INPUT)$/;

export interface ErrorSourceOptions {
  resources: boolean;
  rejections: boolean;
  /** The SDK's own script URL: errors raised from it are the SDK's, never the page's. */
  ownScript?: string;
}

/** The failed resource's URL; null when it has none. */
function resourceUrl(el: Element): string | null {
  const r = el as Partial<HTMLImageElement & HTMLLinkElement & HTMLMediaElement & HTMLObjectElement>;
  return r.currentSrc || r.src || r.href || r.data || el.getAttribute('src') || el.getAttribute('href');
}

/** `time`: when the event happened (the loader hands over events it held, see tools/early.ts). */
export function errorEventDraft(event: ErrorEvent | Event, ownScript?: string, time = Date.now()): ErrorDraft | undefined {
  const target = event.target as Element | null;
  if (target && target !== (window as unknown) && target.nodeType === 1) {
    if (!RESOURCE_TAGS.test(target.tagName)) return undefined;
    const tag = target.tagName.toLowerCase();
    return { type: 'resourceError', message: resourceUrl(target) || `<${tag}> failed to load`, stack: '', extra: { resource: { tag } }, time };
  }
  const e = event as ErrorEvent;
  if (ownScript && e.filename === ownScript) return undefined;
  const described = e.error != null ? describeThrown(e.error) : undefined;
  let stack = described?.stack || '';
  // No Error object (cross-origin "Script error.", or a thrown primitive): keep the location.
  // (An ErrorEvent's lineno and colno are numbers, 0 when unknown.)
  if (!stack && e.filename) stack = `    at ${e.filename}:${e.lineno}:${e.colno}`;
  return {
    type: 'jsError',
    message: (described || e).message || 'Unknown error',
    stack,
    cause: described?.cause,
    time,
    thrown: e.error,
  };
}

export function rejectionDraft(event: PromiseRejectionEvent, time = Date.now()): ErrorDraft {
  let reason: unknown;
  try {
    reason = event.reason;
  } catch {
    // A reason that cannot be read is described as undefined.
  }
  const described = describeThrown(reason);
  return { type: 'promiseError', message: described.message, stack: described.stack, cause: described.cause, time, thrown: reason };
}

/** Installs the global hooks; returns the function that removes them. */
export function installErrorSources(options: ErrorSourceOptions, onDraft: (draft: ErrorDraft) => void): () => void {
  // An error tied to a traced request of the page's carries its ids (the trace-context part says which).
  const emit = (draft: ErrorDraft) => {
    const ids = tiedTo._of && tiedTo._of(draft);
    if (ids) draft.extra = { ...draft.extra, ...ids };
    onDraft(draft);
  };
  const onError = (event: Event, time?: number) => {
    const draft = errorEventDraft(event, options.ownScript, time);
    if (draft && (draft.type !== 'resourceError' || options.resources)) emit(draft);
  };
  // Rejections off: held ones are dropped here too (the listener is harmless: it never handles one).
  const onRejection = (event: PromiseRejectionEvent, time?: number) => options.rejections && emit(rejectionDraft(event, time));
  // What the async loader held from before the SDK arrived: handed over now, in order.
  const early = (window as unknown as Record<string, unknown>)[EARLY_SINK];
  if (typeof early == 'function') (early as EarlyHandOver)(onError, onRejection as EarlySink);
  return stopAll(listen(window, 'error', onError, true), listen(window, 'unhandledrejection', onRejection));
}
