// URLs leave without credentials and without the values of sensitive parameters, wherever a
// URL appears: a URL field, a frame's file, or a text quoting one (a stack, a message, a
// console crumb). A parameter is a `key=value` after `?`, `&`, `#` or `;`: the query, the
// fragment (OAuth implicit flows put access tokens there), a hash route's query
// (`#/callback?code=`) and path parameters (`;jsessionid=`). JWTs are credentials wherever
// they are, in a path segment or under any key.

const SENSITIVE_PART = /token|passw|secret|auth|session|sessid|e-?mail|jwt|signature|credential|api[-_]?key|private/i;
const SENSITIVE_WHOLE = /^(key|code|sig|sid|pwd|otp|pin|ssn|state)$|[-_.](key|code|sig)$/i;
export const FILTERED = '[Filtered]';

/** Credentials in an authority: `scheme://user:password@` (the scheme bounded so the scan stays linear). */
const CREDENTIALS = /([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@]*@/gi;
/** One parameter; the value stops where a URL inside a text ends (space, parentheses, quotes). */
const PARAM = /([?&#;])([^?&#;=\s()"']*)=([^?&#;\s()"']*)/g;
/**
 * A JWT (JWS: 3 parts, JWE: 5): base64url JSON `{"` (eyJ), then 2 or 4 dot-led parts, any of
 * them empty (a JWE with alg "dir" has no key part); what follows a JWS (`/avatar/eyJ….png`) is
 * kept. The character before it, or a %-encoded one (`%3D`), is kept, so a long run is scanned once.
 */
const JWT = /(^|[^\w-]|%\w\w)eyJ[\w-]+(\.[\w-]*){2}((\.[\w-]*){2})?/g;
/** Nothing to scrub without one of these: most stack frames skip the regular expressions. */
const MAY_LEAK = /[?#;@]|eyJ/;

/** The page's own sensitive keys (`sensitiveKeys`): a string is a whole key, any case. */
let extraKeys: Array<string | RegExp> = [];
export function setSensitiveKeys(keys: Array<string | RegExp>): void {
  extraKeys = keys;
}

export function isSensitiveKey(key: string): boolean {
  return (
    SENSITIVE_PART.test(key) ||
    SENSITIVE_WHOLE.test(key) ||
    extraKeys.some((k) => (typeof k == 'string' ? k.toLowerCase() == key.toLowerCase() : ((k.lastIndex = 0), k.test(key))))
  );
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/**
 * Scrubs every URL inside a text, or a URL alone. A stack frame's trailing :line:column is
 * kept: it is not part of the value. A single :N, or a value of digits and colons only
 * (4821:9307:1164), may be the secret: nothing of it is kept.
 */
export function scrubUrlsIn(text: string): string {
  return text && MAY_LEAK.test(text)
    ? // Credentials need an '@': without one, the scan (every letter a scheme's possible start) is skipped.
      (text.includes('@') ? text.replace(CREDENTIALS, '$1') : text)
        .replace(PARAM, (all, start: string, key: string, value: string) =>
          isSensitiveKey(decode(key)) ? `${start}${key}=${FILTERED}${(/^(?=.*[^\d:]).*(:\d+:\d+)$/.exec(value) || [, ''])[1]}` : all,
        )
        .replace(JWT, '$1' + FILTERED)
    : text;
}

export const scrubUrl: (url: string) => string = scrubUrlsIn;

/** An email address as a page shows one: the signed-in visitor's, in a menu, a label or a button. */
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
export const EMAIL_HIDDEN = '[email]';
/**
 * A long number a page shows: a phone, card, account or customer number (7 digits or more, grouped
 * by spaces, dashes, dots or parentheses or not). One digit per step, at most two separators
 * before it: the scan stays linear.
 */
const LONG_NUMBER = /\+?\d(?:[\s().-]{0,2}\d){6,}/g;
export const NUMBER_HIDDEN = '[number]';
/** What a page shows, its email addresses and long numbers replaced. Linear for short texts only: bound the text first. */
export const hidePersonal = (shown: string): string => shown.replace(EMAIL, EMAIL_HIDDEN).replace(LONG_NUMBER, NUMBER_HIDDEN);
