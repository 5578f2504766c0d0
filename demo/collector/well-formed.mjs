// Text that is not valid UTF-16 (a lone surrogate, sent as "\ud800" in JSON) cannot be
// written as UTF-8: SQLite columns would get U+FFFD while the JSON body kept the escape,
// so a group and its occurrences would disagree. Replacing it with U+FFFD on arrival makes
// every place store and show the same text.

/**
 * Makes every string in a freshly parsed JSON value well-formed, keys included, in place.
 * The caller bounds the depth (see json-depth.mjs).
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function wellFormed(value) {
  if (typeof value === 'string') return /** @type {T} */ (value.isWellFormed() ? value : value.toWellFormed());
  if (typeof value !== 'object' || value === null) return value;
  const record = /** @type {Record<string, unknown>} */ (value);
  for (const key of Object.keys(record)) {
    const fixed = wellFormed(record[key]);
    // An own "__proto__" from JSON.parse shadows the accessor, so plain assignment is safe.
    if (key.isWellFormed()) { record[key] = fixed; continue; }
    delete record[key];
    Object.defineProperty(record, key.toWellFormed(), { value: fixed, enumerable: true, writable: true, configurable: true });
  }
  return value;
}
