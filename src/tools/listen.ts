// One way to listen: `listen()` returns the function that stops listening, so no add/remove
// pair has to be kept in step by hand, and the options of both calls are always the same.

export type Stop = () => void;

export function listen(target: EventTarget, types: string | string[], handler: (event: any) => void, capture?: boolean): Stop {
  const list = ([] as string[]).concat(types);
  for (const type of list) target.addEventListener(type, handler, capture);
  return () => list.forEach((type) => target.removeEventListener(type, handler, capture));
}

/** One stop function for several. */
export const stopAll =
  (...stops: Stop[]): Stop =>
  () =>
    stops.forEach((stop) => stop());
