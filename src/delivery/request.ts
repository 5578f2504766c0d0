// One POST with fetch: a timeout, the answer read, and a network failure reported as status 0.
// The page's fetch is taken when the transport is made, before breadcrumbs wrap it: the SDK's
// own requests never show up as the page's network activity.

/** A request (answer read included) still unsettled after this long is aborted: status 0. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Calls `done(status, answer, refused)` once: status 0 for a network failure or timeout; `refused` from `read`. */
export type Post = (
  url: string,
  init: RequestInit,
  read: ((answer: Response) => Promise<number>) | undefined,
  done: (status: number, answer?: Response, refused?: number) => void,
) => void;

/** A poster over the page's fetch as it is now, or undefined where there is no fetch. */
export function requester(): Post | undefined {
  if (typeof fetch !== 'function') return;
  const pageFetch = fetch.bind(globalThis);
  return (url, init, read, done) => {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = setTimeout(() => controller?.abort(), REQUEST_TIMEOUT_MS);
    const settle = (status: number, answer?: Response, refused = 0) => {
      clearTimeout(timer);
      done(status, answer, refused);
    };
    let request: Promise<Response>;
    try {
      init.signal = controller?.signal;
      // Not the page's URL, whatever its referrer policy (unsafe-url sends its query): the server needs none.
      init.referrerPolicy = 'no-referrer';
      request = pageFetch(url, init);
    } catch (error) {
      request = Promise.reject(error);
    }
    // A failure waits a task before it counts: Chrome rejects every pending fetch when the page
    // is left, keepalive ones too, although they go on and reach the server. When the page is
    // really leaving, the exit handler runs first and the failure is never seen.
    request.then(async (answer) => {
      let refused = 0;
      try {
        refused = (await read?.(answer)) || 0;
      } catch {
        // No JSON, or not the answer expected: nothing refused that we know of.
      }
      settle(answer.status, answer, refused);
    }, () => setTimeout(settle, 0, 0));
  };
}
