// IAB TCF v2.2: listens through the CMP's `__tcfapi('addEventListener', 2, …)` and maps
// purpose consents (and, optionally, your vendor's consent) to Tracely's categories.
// https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/IAB%20Tech%20Lab%20-%20CMP%20API%20v2.md
import { consentOf, type CategoryMapping, type ConsentTarget } from './decide';

export interface TcfOptions extends CategoryMapping<number> {
  /**
   * Purposes analytics needs. Default [1, 8]: "Store and/or access information on a device"
   * (the visitor id, session and spool) and "Measure content performance" (events, dwell,
   * web vitals). Errors default to [] (granted once the CMP has answered): reporting errors
   * without identifiers or storage is TCF special purpose 1, "Ensure security, prevent and
   * detect fraud, and fix errors", which needs no consent.
   */
  analytics?: number[];
  /** Your vendor id, if your Tracely server is declared in the Global Vendor List: its consent is needed too. */
  vendorId?: number;
  /** Read the publisher's own purpose consents (`publisher.consents`) instead of the vendors' (default false). */
  publisher?: boolean;
}

interface TCData {
  gdprApplies?: boolean;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<number, boolean> };
  vendor?: { consents?: Record<number, boolean> };
  publisher?: { consents?: Record<number, boolean> };
}

type TcfApi = (command: string, version: number, callback: (data: TCData, success: boolean) => void, parameter?: unknown) => void;

/** The CMP's stub should define `__tcfapi` before anything else; if it is late, look again this often, this many times. */
export const TCF_RETRY_MS = 250;
export const TCF_RETRIES = 40;

/** Drives `target.setConsent` from the page's TCF v2.2 CMP; returns a function that stops listening. */
export function connectTcf(target: ConsentTarget, options: TcfOptions = {}): () => void {
  const w = window as unknown as { __tcfapi?: TcfApi };
  const mapping = { errors: options.errors || [], analytics: options.analytics || [1, 8] };
  const vendor = options.vendorId;
  let listenerId: number | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tries = 0;
  const listener = (data: TCData, success: boolean) => {
    try {
      if (stopped || !success || !data) return;
      listenerId = data.listenerId;
      // `cmpuishown`: the visitor is being asked; the answer comes as `useractioncomplete`.
      if (data.gdprApplies === false) return target.setConsent('granted');
      if (data.eventStatus != 'tcloaded' && data.eventStatus != 'useractioncomplete') return;
      const purposes = (options.publisher ? data.publisher : data.purpose)?.consents || {};
      const vendorOk = vendor === undefined || !!data.vendor?.consents?.[vendor];
      target.setConsent(consentOf(mapping, (p: number) => purposes[p] && vendorOk, true));
    } catch {
      // A CMP answering with something odd never breaks the page.
    }
  };
  const attach = () => {
    if (stopped) return;
    if (typeof w.__tcfapi == 'function') w.__tcfapi('addEventListener', 2, listener);
    else if (tries++ < TCF_RETRIES) timer = setTimeout(attach, TCF_RETRY_MS);
  };
  try {
    attach();
  } catch {
    // As above.
  }
  return () => {
    stopped = true;
    clearTimeout(timer);
    try {
      if (listenerId !== undefined) w.__tcfapi?.('removeEventListener', 2, () => {}, listenerId);
    } catch {
      // As above.
    }
  };
}
