// W3C trace context on the page's own requests (https://www.w3.org/TR/trace-context/): fetch and
// XMLHttpRequest requests to a target get `traceparent: 00-<trace id>-<span id>-<flags>`, so a
// back end traced with OpenTelemetry continues the same trace. The ids ride on the request's
// http breadcrumb and on the errors tied to it (README: trace context). It observes the
// requests through the one shared wrapper (requests.ts), never a second one.
import { observeRequests, ownRequests, tiedTo, type PageRequest, type TraceIds } from './requests';
import { randomHex } from '../tools/env';
import { wrap, wrapAll } from '../tools/wrap';
import { quietly } from '../tools/guard';
import { listen } from '../tools/listen';
import type { ErrorDraft } from '../tools/types';
import type { Part } from '../tools/part';

export const TRACEPARENT = 'traceparent';
/** W3C trace context version 00: trace id 16 bytes, parent (span) id 8 bytes. */
export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

/** URL prefixes (strings) or patterns (RegExps) of the requests that get a traceparent. */
export type TraceTarget = string | RegExp;

export interface TraceContextOptions {
  /** Requests whose absolute URL starts with one of these strings or matches one of these RegExps; default: the page's own origin only. */
  tracePropagationTargets?: TraceTarget[];
}

/** Random lowercase hex of `bytes` bytes, never all zero (an all-zero id is invalid in W3C trace context). */
export function traceId(bytes: number): string {
  let id: string;
  do id = randomHex(bytes);
  while (/^0+$/.test(id));
  return id;
}

export function traceparent(ids: TraceIds, sampled: boolean): string {
  return `00-${ids.traceId}-${ids.spanId}-${sampled ? '01' : '00'}`;
}

/**
 * Whether `url` (a relative one resolved against `documentBase`, the document's base URL) is a
 * target; `base` is the page's URL, which targets are resolved against. A string is a URL prefix,
 * itself resolved first, so `https://api.example.com` means `https://api.example.com/` and
 * never `https://api.example.com.evil.test`. No targets given: the page's own origin only.
 */
export function isTarget(url: string, base: string, targets?: TraceTarget[], documentBase = base): boolean {
  try {
    // A relative URL goes where the document's base says (a <base> may point to another origin).
    const href = new URL(url, documentBase).href;
    if (!targets) return new URL(href).origin == new URL(base).origin;
    return targets.some((t) => (t instanceof RegExp ? ((t.lastIndex = 0), t.test(href)) : typeof t == 'string' && href.indexOf(new URL(t, base).href) == 0));
  } catch {
    return false;
  }
}

/**
 * Whether fetch may read `init`'s members through an object of ours: not when an accessor up its
 * chain would run on ours (a class's getter reading a private field, a Request's: Illegal invocation).
 */
function readable(init: object): boolean {
  for (let o = Object.getPrototypeOf(init); o && o != Object.prototype; o = Object.getPrototypeOf(o))
    if (Object.values(Object.getOwnPropertyDescriptors(o)).some((d) => d.get || d.set)) return false;
  return true;
}

/**
 * The page's fetch arguments with a traceparent added, as new objects: the page's init,
 * headers and Request stay as they were. Undefined when the page set a traceparent itself (in
 * any header form), or when the request cannot carry one (no-cors, an init that is no object).
 */
export function withTraceparent(args: ArrayLike<unknown>, value: string): unknown[] | undefined {
  const input = args[0];
  const init = args[1] as RequestInit | null | undefined;
  if (init != null && (typeof init != 'object' || !readable(init))) return undefined;
  const request = input instanceof Request ? input : undefined;
  // Another realm's Request (an iframe's) is no Request here: its headers could not be kept.
  if (!request && typeof input == 'object' && !(input instanceof URL)) return undefined;
  if ((init && init.mode) == 'no-cors' || (!(init && init.mode) && request && request.mode == 'no-cors')) return undefined;
  // fetch(request, init): init's headers, when given, replace the request's.
  // Invalid headers (null) throw here, as in fetch: the page's call then goes as it was.
  const headers = new Headers((init && init.headers !== undefined ? init.headers : request && request.headers) as HeadersInit | undefined);
  if (headers.has(TRACEPARENT)) return undefined;
  headers.set(TRACEPARENT, value);
  const extra: PropertyDescriptorMap = { headers: { value: headers, enumerable: true } };
  // A non-empty init resets a Request's referrer and its policy (Fetch: the Request
  // constructor): carry the page's own over, unless its init names them.
  if (request) {
    if (!init || init.referrer === undefined) extra.referrer = { value: request.referrer, enumerable: true };
    if (!init || init.referrerPolicy === undefined) extra.referrerPolicy = { value: request.referrerPolicy, enumerable: true };
  }
  // The page's init as the prototype: fetch reads every member through it, inherited ones too.
  return [input, Object.create(init || null, extra)];
}

export function traceContext(options: TraceContextOptions = {}): Part {
  const targets = Array.isArray(options.tracePropagationTargets) ? options.tracePropagationTargets.slice() : undefined;
  return {
    _name: 'trace context',
    // The page's first API requests, made right after init, are the ones most worth tracing.
    _eager: true,
    _start(host) {
      if (options.tracePropagationTargets !== undefined && !targets) host._log('tracePropagationTargets must be an array of strings and RegExps; using the page origin');
      // The SDK's own endpoints (every dialect's) never get one; the rest of the server's origin may be the page's own API.
      const own = ownRequests(host._server);
      const traced = (url: string) => isTarget(url, location.href, targets, document.baseURI) && !own(url);
      const ids = (): TraceIds => ({ traceId: traceId(TRACE_ID_BYTES), spanId: traceId(SPAN_ID_BYTES) });
      // The rejection values of traced fetches: weakly held, compared by identity.
      const rejections = new WeakMap<object, TraceIds>();
      /** XHRs whose page set a traceparent itself. */
      const pageSet = new WeakSet<object>();
      /** The traced XHR whose final events are being dispatched. */
      let handling: TraceIds | undefined;
      const proto = typeof XMLHttpRequest == 'function' && XMLHttpRequest.prototype;
      const setHeader = proto && proto.setRequestHeader;
      // Another client's trace context got there first: one traceparent per request.
      const wanted = (request: PageRequest) => !request._ids && traced(request._url);

      const of = (draft: ErrorDraft) => {
        const thrown = draft.thrown;
        // A WeakMap answers undefined for a value it cannot hold (a primitive): no check needed.
        if (draft.type == 'promiseError') return rejections.get(thrown as object);
        return draft.type == 'jsError' ? handling : undefined;
      };
      // Both or neither: a frozen XMLHttpRequest leaves fetch unobserved too, and nothing half-installed.
      const undo = wrapAll([
        () =>
          wrap(proto, 'setRequestHeader', (original, self, args) => {
            quietly(() => String(args[0]).toLowerCase() == TRACEPARENT && pageSet.add(self as object));
            return original.apply(self, args);
          }),
        () =>
          observeRequests({
            _fetch(request, args) {
              if (!wanted(request)) return;
              const next = ids();
              const out = withTraceparent(args, traceparent(next, host._sampled()));
              if (out) request._ids = next;
              return out;
            },
            _xhr(request, xhr) {
              if (!wanted(request) || pageSet.has(xhr)) return;
              const next = ids();
              // The original setter: the page's own wrappers of setRequestHeader see no call of ours.
              (setHeader as XMLHttpRequest['setRequestHeader']).call(xhr, TRACEPARENT, traceparent(next, host._sampled()));
              request._ids = next;
              // From DONE to the end of loadend, the page's handlers of this response run
              // synchronously: an error thrown there is this request's.
              // Through listen(): zone.js (Angular) sees no listener of ours.
              const stopWaiting = listen(xhr, 'readystatechange', () => {
                if (xhr.readyState != 4) return;
                stopWaiting();
                handling = next;
                const stopHandling = listen(xhr, 'loadend', () => ((handling = undefined), stopHandling()));
              });
            },
            _end(request, _status, error) {
              // Only an object or a function can be held (Object(x) is x itself only for those).
              if (request._ids && error === Object(error)) rejections.set(error as object, request._ids);
            },
          }),
      ]);
      tiedTo._of = of;
      return () => {
        if (tiedTo._of === of) tiedTo._of = undefined;
        undo();
      };
    },
  };
}
