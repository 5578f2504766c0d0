// A browser that knows it is offline: sending would only burn attempts and pace. Pause, and
// resume on the `online` event. `onLine === true` proves nothing (a captive portal, a dead
// server), so only `false` is trusted; failures are left to the retry.
import { listen, type Stop } from '../tools/listen';

export const isOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

export const onOnline = (callback: () => void): Stop => listen(globalThis as unknown as EventTarget, 'online', callback);
