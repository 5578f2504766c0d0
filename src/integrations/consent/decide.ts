// What every consent-manager helper shares: the client it drives, and the rule that turns
// a manager's signals into a category's state.
import type { Consent, ConsentState } from '../../gates/consent';

/** A Tracely client, or anything with its `setConsent`. */
export interface ConsentTarget {
  setConsent(value: Consent): void;
}

/** Which of the manager's signals (purposes, groups, categories) each Tracely category needs. */
export interface CategoryMapping<T> {
  /** Signals error reports need; an empty list grants errors as soon as the manager has answered. */
  errors?: T[];
  /** Signals events, dwell, web vitals and the SDK's storage need. */
  analytics?: T[];
}

/**
 * Granted when every needed signal is; otherwise denied once the visitor has decided, and
 * pending before (what is captured meanwhile waits in memory for the answer).
 */
export function categoryState<T>(needed: T[], has: (signal: T) => unknown, decided: boolean): ConsentState {
  return needed.every((signal) => has(signal)) ? 'granted' : decided ? 'denied' : 'pending';
}

/** The consent for both categories, as setConsent takes it. */
export function consentOf<T>(mapping: Required<CategoryMapping<T>>, has: (signal: T) => unknown, decided: boolean): Consent {
  return { errors: categoryState(mapping.errors, has, decided), analytics: categoryState(mapping.analytics, has, decided) };
}
