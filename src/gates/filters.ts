// Which errors are never reported: known noise (`ignoreErrors`, matched on the message) and
// errors raised by code the page does not own (`denyUrls` / `allowUrls`, matched on the URL
// of the stack's top frame: where the error was raised). Strings match anywhere in the
// text, regular expressions as they are written.
import { V8_FIRST_FRAME } from '../tools/types';

export type Pattern = string | RegExp;

/**
 * - "Script error.": a cross-origin script without CORS; the browser hides everything
 *   else (message, stack). The fix is `crossorigin="anonymous"` on the tag plus CORS headers.
 * - ResizeObserver: the browser's notice that layout changed during its callbacks, harmless
 *   (https://github.com/WICG/resize-observer/issues/38).
 */
export const DEFAULT_IGNORE: Pattern[] = [/^Script error\.?$/, /^ResizeObserver loop /];
/** Browser extensions run in the page but are not its code. Safari masks their URLs. */
export const EXTENSION_URLS: Pattern[] = [/^(chrome|moz|safari(-web)?|ms-browser)-extension:|^webkit-masked-url:/];

/**
 * The first URL with :line:column in a stack (Chrome, Firefox and Safari formats). `@` is part
 * of a URL (CDN package paths: /npm/lib@1.2.3/); in `fn@url` the scheme starts after it anyway.
 */
const FRAME_URL = /([a-z][a-z0-9+.-]*:\/\/[^\s()]*?):\d+:\d+/i;
/** A stack's head is enough to find its top frame; never scan a huge one on the hot path. */
const SCAN_CHARS = 2000;

export function matches(text: string, patterns: Pattern[]): boolean {
  return patterns.some((p) => (typeof p == 'string' ? text.includes(p) : ((p.lastIndex = 0), p.test(text))));
}

export function topFrameUrl(stack: string): string {
  // boundDraft cuts V8's head to 2 000 characters: its first frame starts within 2 × SCAN_CHARS.
  const from = Math.max(0, stack.slice(0, 2 * SCAN_CHARS).indexOf(V8_FIRST_FRAME));
  const m = FRAME_URL.exec(stack.slice(from, from + SCAN_CHARS));
  return m ? m[1] : '';
}

export interface FilterOptions {
  ignoreErrors: Pattern[];
  denyUrls: Pattern[];
  allowUrls: Pattern[];
}

/** Whether the error must not be reported. `url` is where it was raised, if known. */
export function filtered(message: string, url: string, o: FilterOptions): boolean {
  return matches(message, o.ignoreErrors) || (!!url && (matches(url, o.denyUrls) || (!!o.allowUrls.length && !matches(url, o.allowUrls))));
}
