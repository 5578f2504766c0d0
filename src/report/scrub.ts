// URLs leave without credentials and without the values of sensitive query (and fragment)
// parameters: OAuth implicit flows put access tokens in the fragment.

const SENSITIVE_PART = /token|passw|secret|auth|session|e-?mail|jwt|signature|credential|api[-_]?key|private/i;
const SENSITIVE_WHOLE = /^(key|code|sig|sid|pwd|otp|pin|ssn|state)$|[-_.](key|code|sig)$/i;
export const FILTERED = '[Filtered]';

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

function scrubParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return isSensitiveKey(decode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${FILTERED}` : pair;
    })
    .join('&');
}

export function scrubUrl(url: string): string {
  if (!url) return url;
  // scheme://user:password@host → scheme://host (the check first: a regex per stack frame was the largest cost of a capture)
  let out = url.includes('@') ? url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1') : url;
  const hashAt = out.indexOf('#');
  let hash = '';
  if (hashAt >= 0) {
    hash = out.slice(hashAt + 1);
    out = out.slice(0, hashAt);
    if (hash.includes('=')) hash = scrubParams(hash);
    hash = '#' + hash;
  }
  const queryAt = out.indexOf('?');
  if (queryAt >= 0) out = out.slice(0, queryAt + 1) + scrubParams(out.slice(queryAt + 1));
  return out + hash;
}

/**
 * Scrubs every URL inside a text (a stack trace carries the page URL, query included).
 * The scheme is bounded ({0,31}) so a long run of letters cannot make the match quadratic.
 */
export function scrubUrlsIn(text: string): string {
  return text.includes('?') || text.includes('@') ? text.replace(/[a-z][a-z0-9+.-]{0,31}:\/\/[^\s()]+/gi, (url) => {
    // Keep a trailing :line:column intact: it is not part of the query value.
    const m = /^(.*?)((?::\d+){1,2})$/.exec(url);
    return m ? scrubUrl(m[1]) + m[2] : scrubUrl(url);
  }) : text;
}
