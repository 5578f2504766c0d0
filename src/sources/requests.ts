// The page's fetch and XMLHttpRequest, wrapped once for every part that watches them (network
// breadcrumbs, trace context): one wrapper per API, however many parts observe it, installed
// with the first observer and removed with the last. Each wrapper stays transparent: the page
// gets what the original returns, and its own promise stays unhandled when it leaves it so.
import { wrap, wrapAll } from '../tools/wrap';
import { quietly } from '../tools/guard';
import { listen } from '../tools/listen';
import type { ErrorDraft } from '../tools/types';

/** W3C trace context ids of one request (lowercase hex). */
export interface TraceIds {
  traceId: string;
  spanId: string;
}

/** One request of the page's, as the observers see it. */
export interface PageRequest {
  _kind: 'fetch' | 'xhr';
  _method: string;
  _url: string;
  /** ms epoch. */
  _start: number;
  /** Set when the trace-context part gave the request a traceparent. */
  _ids?: TraceIds;
}

export interface RequestObserver {
  /** A fetch about to leave: returns the arguments to call it with instead (a new array; the page's objects stay untouched). */
  _fetch?(request: PageRequest, args: ArrayLike<unknown>): unknown[] | void;
  /** An XHR about to be sent. */
  _xhr?(request: PageRequest, xhr: XMLHttpRequest): void;
  /** Settled: the HTTP status, 0 when it failed; `error` is a fetch's rejection reason. */
  _end?(request: PageRequest, status: number, error?: unknown): void;
}

/**
 * The trace ids of the request an error is tied to (README: trace context), asked by the error
 * sources for each error draft. Set by the trace-context part while it runs.
 */
export const tiedTo: { _of?: (draft: ErrorDraft) => TraceIds | undefined } = {};

/** Where the SDK's own reports go under the server's base URL: the Tracely dialects, and OTLP. */
export const OWN_PATHS = ['/report/', '/v1/logs'];

/**
 * True for the SDK's own requests to `host` (its report endpoints), relative URLs resolved
 * against the page: no breadcrumb and no traceparent for them. (A client made after the
 * wrapper was installed sends through it.)
 */
export function ownRequests(host: string): (url: string) => boolean {
  return (url) => {
    try {
      const href = new URL(url, location.href).href;
      return OWN_PATHS.some((path) => href.indexOf(new URL(host + path).href) == 0);
    } catch {
      return false;
    }
  };
}

const observers: RequestObserver[] = [];
let unwrap: (() => void) | void;

/** Adds an observer, wrapping fetch and XMLHttpRequest if no one did yet; returns its stop. */
export function observeRequests(observer: RequestObserver): () => void {
  // Throws when the APIs cannot be wrapped (frozen): the part's guard reports it.
  unwrap ||= wrapRequests();
  observers.push(observer);
  return () => {
    // An unknown observer: -1 >>> 0 is past the end, and nothing is removed.
    observers.splice(observers.indexOf(observer) >>> 0, 1);
    observers.length || (unwrap = unwrap!());
  };
}

/** Tells every observer; the SDK's own failures stay out of the page's call. */
const each = (run: (o: RequestObserver) => unknown) => quietly(() => observers.forEach(run));
const end = (request: PageRequest, status: number, error?: unknown) => each((o) => o._end && o._end(request, status, error));

function wrapRequests(): () => void {
  const wrapFetch = () =>
    wrap(window, 'fetch', (original, self, args) => {
      let request: PageRequest | undefined;
      let call: ArrayLike<unknown> = args;
      each((o) => {
        if (!request) {
          const [input, init] = args as unknown as [unknown, RequestInit | undefined];
          const req = input instanceof Request ? input : undefined;
          request = {
            _kind: 'fetch',
            _method: String((init && init.method) || (req && req.method) || 'GET').toUpperCase(),
            _url: req ? req.url : String(input),
            _start: Date.now(),
          };
        }
        call = (o._fetch && o._fetch(request, call)) || call;
      });
      const result = original.apply(self, call);
      if (!request || !result || typeof result.then != 'function') return result;
      // The page gets a promise of its own that settles as the original does. Handlers on the
      // original would mark it handled: a rejection the page leaves unhandled must still reach
      // the page's own unhandledrejection listeners (and the SDK's), as without the SDK.
      return result.then(
        (res: Response) => (end(request!, res.status), res),
        (error: unknown) => {
          end(request!, 0, error);
          throw error;
        },
      );
    });

  const proto = typeof XMLHttpRequest == 'function' && XMLHttpRequest.prototype;
  const opened = new WeakMap<object, string[]>();
  const wrapOpen = () =>
    wrap(proto, 'open', (original, self, args) => {
      const result = original.apply(self, args);
      // Recorded once opened: an open that throws leaves the request as it was.
      quietly(() => opened.set(self as object, [String(args[0]).toUpperCase(), String(args[1])]));
      return result;
    });
  const wrapSend = () =>
    wrap(proto, 'send', (original, self, args) => {
      const xhr = self as XMLHttpRequest;
      const [method, url] = opened.get(xhr) || [];
      const request: PageRequest = { _kind: 'xhr', _method: method, _url: url, _start: Date.now() };
      if (url) {
        each((o) => o._xhr && o._xhr(request, xhr));
        // Through listen(): zone.js (Angular) sees no listener of ours.
        const stop = listen(xhr, 'loadend', () => (stop(), end(request, xhr.status)));
      }
      return original.apply(self, args);
    });
  return wrapAll([wrapFetch, wrapOpen, wrapSend]);
}
