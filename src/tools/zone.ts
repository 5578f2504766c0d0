// zone.js (Angular's polyfill) keeps what it patched, and its own hooks, under keys made by
// Zone.__symbol__(name) ('__zone_symbol__' + name unless the page changed the prefix).

/** zone.js's key for `name`; '' on a page without zone.js (or with another global named Zone). */
export function zoneKey(name: string): string {
  const zone = (globalThis as { Zone?: { __symbol__?: (name: string) => string } }).Zone;
  return zone && typeof zone.__symbol__ == 'function' ? zone.__symbol__(name) : '';
}
