// Request signing: lowercase hex HMAC-SHA256(appSecret, appId + timestamp + nonce).
// Synchronous (src/delivery/sha256.ts), because a page-exit handler cannot await crypto.subtle,
// and crypto.subtle does not exist on plain-http pages anyway.
import { hmacSha256 } from './hmac';
import { randomHex, toHex } from '../tools/env';

export interface Auth {
  appId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

export function signature(secret: string, appId: string, timestamp: string, nonce: string): string {
  return toHex(hmacSha256(secret, appId + timestamp + nonce));
}

/** Fresh auth values for one request; `nowMs` may carry a server clock correction. */
export function authenticate(appId: string, secret: string, nowMs: number): Auth {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomHex(16);
  return { appId, timestamp, nonce, signature: signature(secret, appId, timestamp, nonce) };
}
