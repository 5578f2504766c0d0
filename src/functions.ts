// The original SDK's module-level functions, kept so upgrading is a version bump. They use
// an initialised client for the same app and server when there is one, else a client of
// their own (no global hooks) per configuration.
import { Tracely } from './tracely';
import type { TracelyOptions } from './tracely';
import { live } from './root/registry';

const MAX_OWN_CLIENTS = 4;
const own = new Map<string, Tracely>();

function clientFor(config: TracelyOptions): Tracely {
  const appId = String(config?.appId);
  const host = String(config?.host);
  for (const client of live) if (client.serves(appId, host) && client instanceof Tracely) return client;
  const key = `${appId}\n${host}`;
  let client = own.get(key);
  if (!client) {
    if (own.size >= MAX_OWN_CLIENTS) own.delete(own.keys().next().value as string);
    client = new Tracely(config);
    own.set(key, client);
  }
  return client;
}

export function captureError(config: TracelyOptions, error: unknown, info?: string): void {
  try {
    clientFor(config).reportError(error, info);
  } catch {
    // Never into the page.
  }
}

export function reportEvent(config: TracelyOptions, eventName: string, metadata?: Record<string, unknown>, userId?: string): void {
  try {
    clientFor(config).reportEvent(eventName, metadata, userId);
  } catch {
    // Never into the page.
  }
}

/** Tells every initialised client that the SPA's route changed. */
export function onRouteChange(path: string): void {
  for (const client of live) {
    try {
      client.routeChanged(path);
    } catch {
      // Never into the page.
    }
  }
}
