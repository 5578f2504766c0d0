// The stock dialect: one request per item, authenticated with four headers (PROTOCOL.md §1).
// The custom headers make every cross-origin request preflighted, and rule out sendBeacon.
import type { Auth } from './sign';

export function stockRequest(host: string, kind: 'error' | 'event', auth: Auth): { url: string; headers: Record<string, string> } {
  return {
    url: `${host}/report/${kind}`,
    headers: {
      'Content-Type': 'application/json',
      'X-App-Id': auth.appId,
      'X-Timestamp': auth.timestamp,
      'X-Nonce': auth.nonce,
      'X-Signature': auth.signature,
    },
  };
}
