// The anonymous visitor id, kept under the original SDK's key so existing visitors keep
// their id across the upgrade.
import { randomHex, readStorage, writeStorage } from './env';

export const VISITOR_KEY = '_tracely_uid';
/** Characters of a stored id still taken as one (ours are 36): a longer value goes into every report. */
export const MAX_VISITOR_ID = 200;

let memoryId: string | undefined;

function uuid(): string {
  const h = randomHex(16);
  // RFC 4122 version 4 layout, like the original SDK's ids.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Called only with analytics consent: the id is an identifier kept in storage. */
export function visitorId(): string {
  const stored = readStorage(VISITOR_KEY);
  // Another script may have written the key: a control character or a long value is no id of ours.
  if (stored && stored.length <= MAX_VISITOR_ID && !/[\0-\x1f\x7f]/.test(stored)) return stored;
  memoryId = memoryId || uuid();
  writeStorage(VISITOR_KEY, memoryId);
  return memoryId;
}

/** Consent revoked: this page forgets the id too, so a later grant starts a new one. */
export function forgetVisitor(): void {
  memoryId = undefined;
}
