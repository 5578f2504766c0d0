// A browser that knows it is offline: sending would only burn attempts and pace. Pause, and
// resume on the `online` event. `onLine === true` proves nothing (a captive portal, a dead
// server), so only `false` is trusted; failures are left to the retry.

export const isOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

export function onOnline(callback: () => void): () => void {
  addEventListener('online', callback);
  return () => removeEventListener('online', callback);
}
