// OneTrust: reads `OnetrustActiveGroups` (",C0001,C0002,") whenever OneTrust calls
// `OptanonWrapper` (on load and on every change) or fires `OneTrustGroupsUpdated`, and maps
// its groups to Tracely's categories. Until the visitor has closed the banner, a group that
// is not active is pending rather than denied.
// https://my.onetrust.com/s/article/UUID-29158b4e-22f6-0067-aa36-94f3b8cf3561 (OptanonWrapper)
import { consentOf, type CategoryMapping, type ConsentTarget } from './decide';

export interface OneTrustOptions extends CategoryMapping<string> {
  /** Groups analytics needs (default ['C0002'], "Performance cookies"); errors default to [] (granted once OneTrust has loaded). */
  analytics?: string[];
}

interface OneTrustWindow {
  OnetrustActiveGroups?: string;
  OneTrust?: { IsAlertBoxClosed?: () => boolean };
  OptanonWrapper?: (...args: unknown[]) => unknown;
}

/** Drives `target.setConsent` from OneTrust; returns a function that stops listening. */
export function connectOneTrust(target: ConsentTarget, options: OneTrustOptions = {}): () => void {
  const w = window as unknown as OneTrustWindow;
  const mapping = { errors: options.errors || [], analytics: options.analytics || ['C0002'] };
  let stopped = false;
  const decide = () => {
    try {
      const active = w.OnetrustActiveGroups;
      // Not loaded yet: OneTrust calls OptanonWrapper once it is.
      if (stopped || typeof active != 'string') return;
      const closed = w.OneTrust?.IsAlertBoxClosed;
      const decided = typeof closed != 'function' || !!closed.call(w.OneTrust);
      target.setConsent(consentOf(mapping, (group) => active.split(',').includes(group), decided));
    } catch {
      // Never into the page.
    }
  };
  const previous = w.OptanonWrapper;
  w.OptanonWrapper = function (this: unknown, ...args: unknown[]) {
    decide();
    return typeof previous == 'function' ? previous.apply(this, args) : undefined;
  };
  // Also when the page defines its own OptanonWrapper after this one.
  addEventListener('OneTrustGroupsUpdated', decide);
  decide();
  return () => {
    stopped = true;
    removeEventListener('OneTrustGroupsUpdated', decide);
  };
}
