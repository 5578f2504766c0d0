// What an optional part (breadcrumbs, routes and dwell, web vitals, a framework) sees of the
// pipeline: a few verbs, never the pipeline itself. The composition root implements it; a
// part imports only this interface and the tools, so parts never import each other.
import type { ErrorDraft } from './types';
import type { Logger } from './logger';

export type { Stop } from './listen';
import type { Stop } from './listen';

/** A breadcrumb as the ring keeps it (the ring is the breadcrumbs part's). */
export interface Crumb {
  type: 'click' | 'navigation' | 'console' | 'http' | 'custom';
  /** ms epoch. */
  time: number;
  category?: string;
  message?: string;
  data?: Record<string, unknown>;
}

export interface PartHost {
  _log: Logger;
  /** The server's base URL: the network breadcrumbs leave the SDK's own requests out. */
  _server: string;
  _capture(draft: ErrorDraft): void;
  /** Sends a named event through the event gates. */
  _event(name: string, metadata?: Record<string, unknown>): void;
  /** The current route, and a change of it (the same route told again is no change). */
  _route(): string;
  _routeTo(route: string): void;
  /** The route of a path and hash, as the configuration (hashRouting) says. */
  _routeOf(path: string, hash: string): string;
  /** When the page has been visible since init without a break (performance.now() ms), else -1: a part installed later counts from there. */
  _visibleSince(): number;
  /** Whether this session's errors are sent (sampling): the trace context's sampled flag. */
  _sampled(): boolean;
  /** Called before the route changes, and at page exit before delivery sends what is left. */
  _beforeRoute(run: (exit: boolean) => void): void;
  /** Called as an error is captured, before its context (page, crumbs) is read, to catch up on a change not heard of yet (one: the routes part's). */
  _onCapture(run: () => void): void;
  /** Adds a breadcrumb to the ring error reports carry. */
  _crumb(crumb: Crumb): void;
  /** Called on every change of consent, per category. */
  _onConsent(listener: (next: Record<'errors' | 'analytics', string>, previous: Record<'errors' | 'analytics', string>) => void): void;
}

/**
 * An optional part, as this package's part functions make it (`breadcrumbs()`, `routes()`...).
 * Its members are internal: the built package ships them under shortened names,
 * so an object written by hand to this shape is not a part.
 */
export interface Part {
  /** Named in debug messages. */
  _name: string;
  /** Called when the client is constructed: cheap set-up the public API needs at once. */
  _attach?(host: PartHost): void;
  /**
   * Installs at init, not in the idle period: for a part whose purpose is the page's first
   * moments (trace context: the page's first API requests must carry their traceparent).
   */
  _eager?: boolean;
  /** Installs the part (in the idle period after init, or at init when eager) and returns the function that stops it. */
  _start(host: PartHost): Stop | void;
}
