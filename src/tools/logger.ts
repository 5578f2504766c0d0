/** The SDK is silent unless `debug` is on; then every drop and decision is logged. */
export type Logger = (...args: unknown[]) => void;

export function createLogger(enabled: boolean): Logger {
  if (!enabled) return () => {};
  return (...args) => {
    try {
      console.warn('[Tracely]', ...args);
    } catch {
      // A console replaced by the page may throw: never let that escape.
    }
  };
}
