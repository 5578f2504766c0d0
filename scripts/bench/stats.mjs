// Medians and ranges: the benchmark reports medians, so one slow load (GC, a neighbour on this
// shared machine) moves nothing.
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const min = (values) => Math.min(...values);
export const max = (values) => Math.max(...values);

/** "12 (10–15)": median and range of whole counts. */
export function countSpread(values) {
  const m = median(values);
  const lo = min(values);
  const hi = max(values);
  return lo === hi ? String(lo) : `${Number.isInteger(m) ? m : m.toFixed(1)} (${lo}–${hi})`;
}
