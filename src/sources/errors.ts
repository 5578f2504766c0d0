// Global error sources: `error` in the capture phase (so failed loads of img, script, link,
// video and audio, which do not bubble, are seen and told apart from script errors),
// `unhandledrejection` with any reason whatsoever, and `securitypolicyviolation`: what the
// page's Content-Security-Policy blocked (or, report-only, would have blocked).
import { listen, stopAll } from '../tools/listen';
import type { ErrorDraft } from '../tools/types';
import { describeThrown } from '../report/describe';
import { scrubUrlsIn } from '../report/scrub';
import { tiedTo } from './requests';
import { EARLY_SINK, TRUSTED_TYPES_POLICY, type EarlyHandOver, type EarlySink } from '../tools/early';
import { quietly } from '../tools/guard';
import { hookZone } from './zone';

const RESOURCE_TAGS = /^(IMG|SCRIPT|LINK|VIDEO|AUDIO|SOURCE|TRACK|EMBED|OBJECT|INPUT)$/;

export interface ErrorSourceOptions {
  resources: boolean;
  rejections: boolean;
  csp: boolean;
  /** The origin of the SDK's server: a policy that blocks the SDK's own requests must not make reports about them, sent to be blocked again. */
  server: string;
  /** The SDK's own script URL: errors raised from it are the SDK's, never the page's. */
  ownScript?: string;
}

/** The failed resource's URL; null when it has none. */
function resourceUrl(el: Element): string | null {
  const r = el as Partial<HTMLImageElement & HTMLLinkElement & HTMLMediaElement & HTMLObjectElement>;
  return r.currentSrc || r.src || r.href || r.data || el.getAttribute('src') || el.getAttribute('href');
}

/** A one-frame stack for a location without a stack (none when the file is unknown). */
const frameAt = (file: string, line: number, column: number): string => (file ? `    at ${file}:${line}:${column}` : '');

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
  if (!stack) stack = frameAt(e.filename, e.lineno, e.colno);
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

/** Blocked by an extension's own content, not by the page's: not the page's problem. */
const EXTENSION = /-extension(:|$)/;

/**
 * A Content-Security-Policy violation: the directive, what it blocked (a URL, or `inline`,
 * `eval`, `wasm-eval`, `trusted-types-sink`...) and the page line that tried, as its frame.
 * Undefined for what a browser extension injected, for the SDK's own requests to `server`
 * (a `connect-src` without it: reporting those would loop, each report blocked in turn), and
 * for the async loader's Trusted Types policy on a page whose `trusted-types` list leaves it out.
 */
export function violationDraft(e: SecurityPolicyViolationEvent, server: string, time = Date.now()): ErrorDraft | undefined {
  const blocked = e.blockedURI || 'inline';
  // (An extension's own code as the source is left out by the URL filters, as for its errors.)
  if (EXTENSION.test(blocked) || blocked.startsWith(server) || (e.effectiveDirective == 'trusted-types' && e.sample == TRUSTED_TYPES_POLICY)) return undefined;
  return {
    type: 'cspError',
    message: `CSP ${e.effectiveDirective}: ${blocked}`,
    stack: frameAt(e.sourceFile, e.lineNumber, e.columnNumber),
    // disposition "report": a report-only policy's. `sample`: the first 40 characters of a
    // blocked inline script or style, where the policy asks for them: page code, URLs scrubbed.
    extra: { csp: { disposition: e.disposition, sample: (e.sample && scrubUrlsIn(e.sample)) || undefined } },
    time,
  };
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
  const onViolation = (event: SecurityPolicyViolationEvent, time?: number) => {
    const draft = options.csp && violationDraft(event, options.server, time);
    if (draft) emit(draft);
  };
  // What the async loader held from before the SDK arrived: handed over now, in order.
  const early = (window as unknown as Record<string, unknown>)[EARLY_SINK];
  if (typeof early == 'function') (early as EarlyHandOver)(onError, onRejection as EarlySink, onViolation as EarlySink);
  // zone.js's promises (Angular) never raise `unhandledrejection`: their rejections reach only
  // zone's own hook (sources/zone.ts). A zone.js that loads after the SDK (Angular's polyfills
  // after the script tag) is hooked at its script's `load`, which fires right after the script
  // ran, before the next one (the app's main) runs; an inline one once the document is parsed.
  // (A `load` at an element reaches the document in the capture phase, never the window.)
  let unhookZone: (() => void) | undefined;
  const hookZoneOnce = () => quietly(() => (unhookZone ||= hookZone((reason) => onRejection({ reason } as PromiseRejectionEvent))));
  hookZoneOnce();

  return stopAll(
    listen(document, ['DOMContentLoaded', 'load'], hookZoneOnce, true),
    () => unhookZone && unhookZone(),
    listen(window, 'error', onError, true),
    listen(window, 'unhandledrejection', onRejection),
    // Dispatched at the element or the document, it bubbles up to the window.
    listen(window, 'securitypolicyviolation', onViolation, true),
  );
}
