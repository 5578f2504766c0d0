// The deferred-build queue: capture does the minimum synchronously and leaves the build
// (parsing, serialising) to the next task, or to page exit, whichever comes first. Bounded:
// past MAX_PENDING builds waiting, a new one is dropped and counted.

/** Builds waiting for the next task; beyond this, new captures are dropped (`queue_full`). */
export const MAX_PENDING = 100;

export interface Deferred {
  /** Queues a build; false when the queue is full. */
  _add(build: () => void): boolean;
  /** Runs every waiting build now (page exit, flush); a build that throws is passed to `failed`. */
  _run(): void;
}

export function deferred(failed: (error: unknown) => void): Deferred {
  let pending: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    const builds = pending;
    pending = [];
    for (const build of builds) {
      try {
        build();
      } catch (error) {
        failed(error);
      }
    }
  };
  return {
    _add(build) {
      if (pending.length >= MAX_PENDING) return false;
      pending.push(build);
      if (timer === undefined) timer = setTimeout(run, 0);
      return true;
    },
    _run: run,
  };
}
