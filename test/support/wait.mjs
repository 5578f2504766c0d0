// Waiting in tests that drive a browser: a pause, and reading until a condition holds. Shared by
// the Firefox and WebKit harnesses and the cases every engine runs (test/support), with no browser
// driver of their own to import.

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads until `done` says so or the time is up; returns the last value read.
 * @template T
 * @param {() => Promise<T>} read @param {(value: T) => boolean} done
 */
export async function waitFor(read, done, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await sleep(100);
    value = await read();
  }
  return value;
}
