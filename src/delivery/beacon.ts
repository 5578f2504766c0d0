// navigator.sendBeacon with a string body: sent as text/plain;charset=UTF-8, a CORS-safelisted
// type, so no preflight (a Blob typed application/json would need one, which beacons cannot
// make). It throws on a URL it cannot parse and returns false over the shared 64 KiB
// keepalive quota: both mean "not sent".
// https://w3c.github.io/beacon/#sec-processing-model

export function beacon(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, body);
  } catch {
    return false;
  }
}
