// One report per error, whichever ways it comes in. The same object thrown, then rejected,
// then reported by hand is reported the first time only; a later way in that knows more (a
// framework's component fields) adds its fields to that first report while it waits to be
// built. React 18 in development renders a failed component again: the same error as a second
// Error object, one through window's error event, the other handed to the boundary, in the
// same task. So the same place (the stack's first two lines), another way in (another type),
// the same task is one error too, and so is an error without an object (a thrown primitive,
// `throw null`) and one with its message coming another way in the same task (Angular's global
// error listeners). Objects are weakly held and never kept on the draft.
import type { ErrorDraft } from '../tools/types';

/** Drafts remembered within one task to tell the same error coming in two ways. */
export const MAX_TASK_DRAFTS = 100;

/**
 * Returns the check for each captured draft: false when the draft is new (to be reported), true
 * when it is an error already reported (the first draft then takes the new one's fields).
 */
export function oncePerError(): (draft: ErrorDraft) => boolean {
  /** Each reported object and its first draft (weakly held: it goes when the page lets the object go). */
  const reported = new WeakMap<object, ErrorDraft>();
  /** This task's drafts by place, at most MAX_TASK_DRAFTS; emptied after the task. */
  let thisTask: Map<unknown, ErrorDraft> | undefined;
  return (draft) => {
    const thrown = draft.thrown;
    delete draft.thrown;
    // An object or a function (Object(x) is x itself only for those): what a WeakMap can hold.
    const held = thrown === Object(thrown);
    // A thrown primitive, or an error event without an error (`throw null`), is placed by its
    // message (a primitive's is its value): Angular's global error listeners hand ErrorHandler
    // the primitive itself, or `new Error(event.message)`, which finds it by its message.
    const place = held ? draft.stack.split('\n', 2).join('\n') : draft.message;
    if (!thisTask) (thisTask = new Map()), setTimeout(() => (thisTask = undefined));
    // An object's draft finds such a twin by its message, and React's twin by its place. A draft
    // without an object searches the task's drafts (at most MAX_TASK_DRAFTS) for its message: it
    // finds the Error that came first another way too (Angular's listeners on window before the
    // SDK's). Two objects of one message are never twins by message.
    const twin = held ? thisTask.get(draft.message) || thisTask.get(place) : [...thisTask.values()].find((d) => d.message == draft.message);
    // (A WeakMap answers undefined for a value it cannot hold: a primitive needs no check.)
    const first = reported.get(thrown as object) || (twin && twin.type != draft.type && twin);
    if (first) return (first.extra = { ...draft.extra, ...first.extra }), true;
    if (held) reported.set(thrown as object, draft);
    if (place && !twin && thisTask.size < MAX_TASK_DRAFTS) thisTask.set(place, draft);
    return false;
  };
}
