// Google Consent Mode v2: reads the `gtag('consent', 'default' | 'update', {...})` commands
// from the dataLayer, those already there and those pushed later, and maps their signals
// (`analytics_storage` by default) to Tracely's categories. A signal that is only denied by
// default is pending (the banner has not answered yet); an update decides it.
// https://developers.google.com/tag-platform/security/guides/consent
import { categoryState, type CategoryMapping, type ConsentTarget } from './decide';

export interface GoogleConsentModeOptions extends CategoryMapping<string> {
  /** Signals analytics needs (default ['analytics_storage']); errors default to [] (granted once a consent command was seen). */
  analytics?: string[];
  /** The dataLayer's name (default 'dataLayer'). */
  dataLayer?: string;
}

type Signals = Record<string, unknown>;

/** Drives `target.setConsent` from Google Consent Mode; returns a function that stops listening. */
export function connectGoogleConsentMode(target: ConsentTarget, options: GoogleConsentModeOptions = {}): () => void {
  const w = window as unknown as Record<string, unknown[] | undefined>;
  const name = options.dataLayer || 'dataLayer';
  const errors = options.errors || [];
  const analytics = options.analytics || ['analytics_storage'];
  const defaults: Signals = {};
  const updates: Signals = {};
  let seen = false;
  let stopped = false;
  /** True when the entry was a consent command (the `arguments` object gtag pushes). */
  const read = (entry: unknown): boolean => {
    const args = entry as ArrayLike<unknown> | null;
    if (!args || typeof args != 'object' || args[0] !== 'consent' || !args[2] || typeof args[2] != 'object') return false;
    if (args[1] == 'default') Object.assign(defaults, args[2]);
    else if (args[1] == 'update') Object.assign(updates, args[2]);
    else return false;
    return (seen = true);
  };
  const decide = () => {
    if (!seen) return;
    const state = (signals: string[]) =>
      categoryState(signals, (s) => (s in updates ? updates[s] : defaults[s]) == 'granted', signals.some((s) => s in updates));
    target.setConsent({ errors: state(errors), analytics: state(analytics) });
  };
  try {
    const layer = (w[name] = w[name] || []);
    let any = false;
    for (const entry of layer) any = read(entry) || any;
    if (any) decide();
    const push = layer.push;
    // gtag.js wraps push the same way when it loads later, calling ours in turn.
    layer.push = function (this: unknown[], ...entries: unknown[]) {
      const result = push.apply(this, entries);
      try {
        if (!stopped && entries.filter(read).length) decide();
      } catch {
        // Never into the page.
      }
      return result;
    };
  } catch {
    // As above.
  }
  return () => {
    stopped = true;
  };
}
