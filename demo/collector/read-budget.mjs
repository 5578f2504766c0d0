// A cap on read answers still being written. A slow reader keeps its answer in memory until
// its socket drains, so without a cap many slow readers could hold the heap hostage.

/** Bytes of read answers not yet flushed, across all readers. */
export const MAX_READ_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

export function createReadBudget(max = MAX_READ_BYTES_IN_FLIGHT) {
  let inFlight = 0;
  return {
    /** Whether a new answer may start now (the last one admitted may overshoot by its size). */
    available: () => inFlight < max,
    /**
     * Counts `bytes` until the answer is flushed or its connection closes.
     * @param {import('node:http').ServerResponse} res @param {number} bytes
     */
    hold(res, bytes) {
      inFlight += bytes;
      res.once('close', () => { inFlight -= bytes; });
    },
    get inFlight() { return inFlight; },
  };
}
