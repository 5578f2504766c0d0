// Replaces a method by a transparent wrapper: same `this`, arguments, return value and
// exceptions. Undoing restores the original when nobody wrapped on top of us since; otherwise
// our wrapper stays in the chain (removing it would drop the later wrapper) as a pass-through.

/** `around` calls `original.apply(self, args)` itself and returns its result untouched. */
export type Around = (original: Function, self: unknown, args: IArguments) => unknown;

export function wrap(target: any, key: string, around: Around): () => void {
  const original = target && target[key];
  if (typeof original != 'function') return () => {};
  let on = true;
  // A method, not a function expression: like the built-ins, it has no `prototype`.
  const wrapper = {
    w(this: unknown) {
      return on ? around(original, this, arguments) : original.apply(this, arguments);
    },
  }.w;
  // The page sees the original's name, length and source text (a library may check that
  // fetch is native by its toString).
  for (const [prop, value] of [['name', original.name], ['length', original.length], ['toString', () => Function.prototype.toString.call(original)]]) {
    Object.defineProperty(wrapper, prop, { value, configurable: true });
  }
  target[key] = wrapper;
  return () => {
    on = false;
    if (target[key] === wrapper) target[key] = original;
  };
}

/**
 * Wraps several methods as one part: when one cannot be wrapped (a frozen object throws on
 * assignment), the ones already wrapped are undone and the error goes on to the part's guard.
 */
export function wrapAll(wraps: Array<() => () => void>): () => void {
  const undo: Array<() => void> = [];
  const undoAll = () => undo.forEach((u) => u());
  try {
    for (const w of wraps) undo.push(w());
  } catch (error) {
    undoAll();
    throw error;
  }
  return undoAll;
}
