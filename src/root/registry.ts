// The initialised clients, so the module-level functions (onRouteChange, captureError,
// reportEvent) reach them without the page holding a reference.

export interface LiveClient {
  routeChanged(path: string): void;
  /** True when this client reports for that app to that server. */
  serves(appId: string, host: string): boolean;
  setConsent(value: any): void;
}

export const live = new Set<LiveClient>();
