// A nesting check on raw JSON text, run before JSON.parse: deep nesting parses fine but
// overflows the stack later (JSON.stringify, any recursive walk), which would be a 500.

/**
 * Deepest nesting the collector accepts. The SDK's deepest body is a batch (2) holding an
 * item (3) whose metadata the SDK bounds at 100 values, so 128 leaves room and stays far
 * below the ~10 000 levels where V8's JSON.stringify overflows.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether `text` nests arrays and objects deeper than `max` (brackets inside strings ignored).
 * @param {string} text
 */
export function nestsDeeperThan(text, max = MAX_JSON_DEPTH) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) { if (++depth > max) return true; }
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
