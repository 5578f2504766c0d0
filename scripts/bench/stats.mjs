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

/**
 * `items` in an order drawn from `seed` (Fisher-Yates over xorshift32, plenty for shuffling a
 * handful): the same seed gives the same order. The bench shuffles each round: an order only
 * rotated from round to round keeps every SDK behind the same one, and a load's start is not
 * independent of the load before it in one browser (two rows loading the same bundle differed
 * by 3.1-3.5 ms of start in the rotated runs of 2026-11-30).
 */
export function shuffled(items, seed) {
  let state = Math.imul(seed + 1, 0x9e3779b1) | 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  // Consecutive seeds start close: the first draws are thrown away.
  for (let i = 0; i < 8; i++) random();
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
