// One report per error, whichever ways it comes in. The same object thrown, then rejected,
// then reported by hand is reported the first time only; a later way in that knows more (a
// framework's component fields) adds its fields to that first report while it waits to be
// built. React 18 in development renders a failed component again: the same error as a second
// Error object, one through window's error event, the other handed to the boundary, in the
// same task. So the same place (the stack's first two lines), another way in (another type),
// the same task is one error too. Objects are weakly held and never kept on the draft.
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
    const place = held || thrown == null ? draft.stack.split('\n', 2).join('\n') : thrown;
    if (!thisTask) (thisTask = new Map()), setTimeout(() => (thisTask = undefined));
    const twin = place && thisTask.get(place);
    const first = (held && reported.get(thrown as object)) || (twin && twin.type != draft.type && twin);
    if (first) return (first.extra = { ...draft.extra, ...first.extra }), true;
    if (held) reported.set(thrown as object, draft);
    if (place && !twin && thisTask.size < MAX_TASK_DRAFTS) thisTask.set(place, draft);
    return false;
  };
}
