// The initialised clients, so the module-level functions (onRouteChange, captureError,
// reportEvent) reach them without the page holding a reference; and the app and server pairs
// they report for, page-wide, so the SDK loaded twice reports once.

export interface LiveClient {
  routeChanged(path: string): void;
  /** True when this client reports for that app to that server. */
  serves(appId: string, host: string): boolean;
  setConsent(value: any): void;
}

export const live = new Set<LiveClient>();

/**
 * The pairs (app id, server) an initialised client reports for: one Set on the window, shared
 * by every copy of the SDK on the page (the script tag twice, a tag manager's beside the page's
 * own, an npm bundle beside a tag), found by a symbol of the global registry (a symbol key is
 * left out of for-in, Object.keys and JSON: the page's own walks of window do not meet it).
 */
const PAGE_PAIRS = Symbol.for('tracely.pairs');

export const pagePairs = (): Set<string> => ((window as unknown as Record<symbol, Set<string>>)[PAGE_PAIRS] ||= new Set());
