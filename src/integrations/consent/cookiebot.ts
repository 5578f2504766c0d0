// Cookiebot: reads `Cookiebot.consent` ({ necessary, preferences, statistics, marketing })
// when Cookiebot says consent is ready, accepted or declined, and maps its categories to
// Tracely's. Until the visitor has answered (`Cookiebot.hasResponse`), a category not
// consented is pending rather than denied.
// https://www.cookiebot.com/en/developer/
import { consentOf, type CategoryMapping, type ConsentTarget } from './decide';

export type CookiebotCategory = 'necessary' | 'preferences' | 'statistics' | 'marketing';

export interface CookiebotOptions extends CategoryMapping<CookiebotCategory> {
  /** Categories analytics needs (default ['statistics']); errors default to [] (granted once Cookiebot has answered). */
  analytics?: CookiebotCategory[];
}

interface CookiebotWindow {
  Cookiebot?: { consent?: Partial<Record<CookiebotCategory, boolean>>; hasResponse?: boolean };
}

/** The window events Cookiebot fires when consent is known or changes. */
export const COOKIEBOT_EVENTS = ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'];

/** Drives `target.setConsent` from Cookiebot; returns a function that stops listening. */
export function connectCookiebot(target: ConsentTarget, options: CookiebotOptions = {}): () => void {
  const w = window as unknown as CookiebotWindow;
  const mapping = { errors: options.errors || [], analytics: options.analytics || ['statistics'] };
  const decide = () => {
    try {
      const cookiebot = w.Cookiebot;
      const consent = cookiebot?.consent;
      // Not loaded yet: its events come once it is.
      if (!consent) return;
      target.setConsent(consentOf(mapping, (category) => consent[category], cookiebot!.hasResponse !== false));
    } catch {
      // Never into the page.
    }
  };
  for (const type of COOKIEBOT_EVENTS) addEventListener(type, decide);
  decide();
  return () => {
    for (const type of COOKIEBOT_EVENTS) removeEventListener(type, decide);
  };
}
